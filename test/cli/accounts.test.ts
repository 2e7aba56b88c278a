import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySeed } from '../../src/seed/apply-seed.js';
import { parseSeed } from '../../src/seed/read-seed.js';
import { openStore } from '../../src/store/store.js';
import { verifyPassword } from '../../src/auth/password-hash.js';
import { fixtureSeed } from '../support/fixture.js';
import { cli } from '../support/instances.js';

/** The account and token commands on a SQLite store, and the audit log they leave. */
describe('user and token commands', () => {
  it('disables, enables and re-passwords users, lists and deletes tokens, and shows the audit log', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-accounts-'));
    const store = await openStore({ kind: 'sqlite', file: path.join(data, 'kintone-local.db') });
    await applySeed(store, parseSeed(fixtureSeed()), { now: new Date(), timeZone: 'UTC' });
    await store.close();
    const at = ['--data', data];

    expect(await cli(['user', 'disable', '--login', 'bob', ...at])).toBe(
      'User bob is now disabled.\n',
    );
    expect(await cli(['user', 'enable', '--login', 'carol', ...at])).toBe(
      'User carol is now enabled.\n',
    );
    expect(await cli(['user', 'password', '--login', 'bob', '--password', 'n3w-pass', ...at])).toBe(
      'Changed the password of bob.\n',
    );
    await expect(cli(['user', 'disable', '--login', 'nobody', ...at])).rejects.toThrow(
      /No user with the login name "nobody"/,
    );

    const listed = await cli(['token', 'list', '--app', '4', ...at]);
    const ids = listed
      .trim()
      .split('\n')
      .map((line) => line.split('  ')[0]);
    expect(
      listed
        .trim()
        .split('\n')
        .map((line) => line.split('  ').slice(1).join(' ')),
    ).toEqual(['view', 'view']);
    expect(await cli(['token', 'delete', '--id', ids[0]!, ...at])).toBe(
      `Deleted API token ${ids[0]}.\n`,
    );
    expect((await cli(['token', 'list', '--app', '4', ...at])).trim().split('\n')).toHaveLength(1);
    await expect(cli(['token', 'delete', '--id', ids[0]!, ...at])).rejects.toThrow(
      new RegExp(`No token ${ids[0]}`),
    );

    const reopened = await openStore({ kind: 'sqlite', file: path.join(data, 'kintone-local.db') });
    try {
      const bob = await reopened.users.findByLoginName('bob');
      expect(bob?.enabled).toBe(false);
      expect(await verifyPassword(bob!.passwordHash, 'n3w-pass')).toBe(true);
      expect((await reopened.users.findByLoginName('carol'))?.enabled).toBe(true);
    } finally {
      await reopened.close();
    }

    const audit = await cli(['audit', '--user', 'bob', ...at]);
    expect(
      audit
        .trim()
        .split('\n')
        .map((line) => line.split('  ').slice(1, 5)),
    ).toEqual([
      ['password_change', 'success', 'cli', 'bob'],
      ['user_disabled', 'success', 'cli', 'bob'],
    ]);
    const limited = await cli(['audit', '--method', 'cli', '--limit', '1', '--json', ...at]);
    expect(JSON.parse(limited)).toMatchObject({ event: 'password_change', loginName: 'bob' });
    expect(await cli(['audit', '--user', 'nobody', ...at])).toBe('No events match.\n');
    expect(await cli(['audit', '--user', 'nobody', '--json', ...at])).toBe('');
    await expect(cli(['audit', '--outcome', 'maybe', ...at])).rejects.toThrow(/maybe/);
  }, 60_000);
});
