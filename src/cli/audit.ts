import { Option, type Command } from 'commander';
import { AUTH_EVENT_NAMES, AUTH_METHODS, AUTH_OUTCOMES } from '../audit/auth-events.js';
import type { StoredAuthEvent } from '../store/audit-log.js';
import { commonStoreOptions, integer } from './options.js';
import { withStore } from './with-store.js';

/** `kintone-local audit`: authentication events, newest first, for an administrator. */
export function registerAudit(program: Command): void {
  commonStoreOptions(
    program
      .command('audit')
      .description('Show authentication events (logins, failures, logouts, account changes)')
      .option('--user <login>', 'only events of this login name')
      .addOption(new Option('--method <method>', 'only this method').choices(AUTH_METHODS))
      .addOption(new Option('--outcome <outcome>', 'only this outcome').choices(AUTH_OUTCOMES))
      .addOption(new Option('--event <event>', 'only this event').choices(AUTH_EVENT_NAMES))
      .option('--limit <n>', 'how many events at most (default 50)', integer, 50)
      .option('--json', 'one JSON object per line'),
  ).action(async (options) => {
    if (options.limit < 1) throw new Error('--limit must be at least 1.');
    await withStore(options, async (store) => {
      const events = await store.auditLog.list({
        ...(options.user !== undefined ? { loginName: options.user } : {}),
        ...(options.method !== undefined ? { method: options.method } : {}),
        ...(options.outcome !== undefined ? { outcome: options.outcome } : {}),
        ...(options.event !== undefined ? { event: options.event } : {}),
        limit: options.limit,
      });
      // JSON lines stay empty for scripts; a person gets a line saying the search ran.
      if (events.length === 0 && !options.json) {
        process.stdout.write('No events match.\n');
        return;
      }
      const lines = events.map((event) => (options.json ? JSON.stringify(event) : describe(event)));
      process.stdout.write(lines.map((line) => `${line}\n`).join(''));
    });
  });
}

function describe(event: StoredAuthEvent): string {
  const who = event.loginName ?? (event.userId === null ? '-' : `user ${event.userId}`);
  const parts = [event.at, event.event, event.outcome, event.method, who, event.client ?? '-'];
  if (event.reason) parts.push(event.reason);
  return parts.join('  ');
}
