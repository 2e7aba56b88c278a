import type { Command } from 'commander';
import { toRow, type AuthEvent } from '../audit/auth-events.js';
import { hashPassword } from '../auth/password-hash.js';
import { hasNoControlCharacters } from '../seed/seed-schema.js';
import type { Store } from '../store/store.js';
import type { User } from '../store/types.js';
import { commonStoreOptions, integer } from './options.js';
import { NotInStoreError, withStore } from './with-store.js';

/**
 * `user disable|enable|password`: account changes every running instance applies at once, and
 * the audit log records.
 */
export function registerAccountCommands(user: Command): void {
  for (const enabled of [false, true]) {
    commonStoreOptions(
      user
        .command(enabled ? 'enable' : 'disable')
        .description(enabled ? 'Let a disabled user sign in again' : 'Stop a user from signing in')
        .requiredOption('--login <name>', 'login name'),
    ).action(async (options) => {
      await withStore(options, async (store) => {
        const found = await findUser(store, options.login);
        await store.users.setEnabled(found.id, enabled);
        await recordCliEvent(store, found, enabled ? 'user_enabled' : 'user_disabled');
        process.stdout.write(
          `User ${found.loginName} is now ${enabled ? 'enabled' : 'disabled'}.\n`,
        );
      });
    });
  }

  commonStoreOptions(
    user
      .command('password')
      .description("Change a user's password")
      .requiredOption('--login <name>', 'login name')
      .option('--password <password>', 'new password (default: env KINTONE_LOCAL_PASSWORD)'),
  ).action(async (options) => {
    const password = options.password ?? process.env.KINTONE_LOCAL_PASSWORD;
    if (!password) throw new Error('Give --password or set KINTONE_LOCAL_PASSWORD.');
    if (!hasNoControlCharacters(password)) {
      throw new Error('Passwords must not contain control characters.');
    }
    await withStore(options, async (store) => {
      const found = await findUser(store, options.login);
      await store.users.setPasswordHash(found.id, await hashPassword(password));
      await recordCliEvent(store, found, 'password_change');
      // Applications the user approved under the old password must ask again.
      const clients = await store.oauthGrants.revokeAllOfUser(found.id);
      await revokedOnPasswordChange(store, found, clients);
      const ended =
        clients.length > 0 ? `; ended the OAuth access of ${clients.length} client(s)` : '';
      process.stdout.write(`Changed the password of ${found.loginName}${ended}.\n`);
    });
  });
}

/** `token list` and `token delete`: a deleted token is refused by every instance at once. */
export function registerTokenRemoval(token: Command): void {
  commonStoreOptions(
    token
      .command('list')
      .description("List an app's API tokens (ids, permissions and notes; never the values)")
      .requiredOption('--app <id>', 'app id', integer),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      for (const found of await store.apiTokens.listForApp(options.app)) {
        const rights = Object.entries(found.permissions)
          .filter(([, allowed]) => allowed)
          .map(([name]) => name);
        const note = found.note ? `  ${found.note}` : '';
        process.stdout.write(`${found.id}  ${rights.join(',') || '-'}${note}\n`);
      }
    });
  });

  commonStoreOptions(
    token
      .command('delete')
      .description('Delete an API token')
      .requiredOption('--id <id>', 'token id, as `token list` shows', integer),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      if (!(await store.apiTokens.delete(options.id)))
        throw new NotInStoreError(`No token ${options.id}.`);
      process.stdout.write(`Deleted API token ${options.id}.\n`);
    });
  });
}

async function findUser(store: Store, loginName: string): Promise<User> {
  const found = await store.users.findByLoginName(loginName);
  if (!found) throw new NotInStoreError(`No user with the login name "${loginName}".`);
  return found;
}

async function revokedOnPasswordChange(
  store: Store,
  user: User,
  clientIds: readonly string[],
): Promise<void> {
  await store.auditLog.append(
    clientIds.map((clientId) =>
      toRow(
        {
          event: 'oauth_revoke',
          outcome: 'success',
          method: 'oauth',
          userId: user.id,
          loginName: user.loginName,
          reason: 'password_change',
          oauthClientId: clientId,
        },
        new Date(),
      ),
    ),
  );
}

/** Written at once: a command-line change is rare and the command waits for it anyway. */
async function recordCliEvent(store: Store, user: User, event: AuthEvent['event']): Promise<void> {
  await store.auditLog.append([
    {
      at: new Date().toISOString(),
      event,
      outcome: 'success',
      method: 'cli',
      userId: user.id,
      loginName: user.loginName,
      client: null,
      reason: null,
    },
  ]);
}
