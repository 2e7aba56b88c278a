import { describe, expect, it } from 'vitest';
import { PasswordAuthenticator } from '../../src/auth/password.js';
import { VerifiedPasswordCache } from '../../src/auth/password-cache.js';
import { hashPassword } from '../../src/auth/password-hash.js';
import { KintoneError } from '../../src/errors/kintone-error.js';
import type { OpenDatabase } from '../../src/store/dialects/dialect.js';
import { PermissionSettingsStore } from '../../src/store/permission-settings.js';
import { AppStore } from '../../src/store/apps.js';
import { openStore, type Store } from '../../src/store/store.js';
import { DIALECTS, freshLocation, type DialectName } from '../support/dialects.js';

/**
 * Users and live permission settings are remembered for a second on the request path. Two
 * stores on one location stand for two processes: on PostgreSQL they hear each other's
 * changes, on SQLite they do not, and the second is the limit.
 */
const CREATED_AT = '2026-12-04T00:00:00.000Z';
const ACTOR = { code: 'admin', name: 'Admin' };
const NO_AUDIT = { recordAuthEvent() {} };

async function withTwoProcesses(
  dialect: DialectName,
  work: (serving: Store, other: Store) => Promise<void>,
): Promise<void> {
  const { location, cleanup } = await freshLocation(dialect);
  const serving = await openStore(location);
  const other = await openStore(location);
  try {
    await work(serving, other);
  } finally {
    await other.close();
    await serving.close();
    await cleanup();
  }
}

/** Polls until `read` gives what `done` wants, for at most `limitMs`; answers the last read. */
async function settle<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs: number) {
  const deadline = Date.now() + limitMs;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

/**
 * The same database, except that single-row reads, once they have their row, wait until
 * `release` is called: a read still under way when a change is made, as a busy process has.
 * `read` settles once the first held read has its row, so a test can make its change after
 * the read has certainly seen the old value.
 */
function heldBack(database: OpenDatabase): {
  database: OpenDatabase;
  read: Promise<void>;
  release: () => void;
} {
  let release = () => {};
  let fetched = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const read = new Promise<void>((resolve) => (fetched = resolve));
  const slow: OpenDatabase = {
    ...database,
    prepare<Row>(text: string) {
      const statement = database.prepare<Row>(text);
      return {
        first: async (parameters: readonly unknown[]) => {
          const row = await statement.first(parameters);
          fetched();
          await held;
          return row;
        },
        all: (parameters: readonly unknown[]) => statement.all(parameters),
      };
    },
  };
  return { database: slow, read, release: () => release() };
}

async function addUser(store: Store, loginName: string, password: string) {
  return store.users.create(
    {
      loginName,
      displayName: loginName,
      passwordHash: await hashPassword(password),
      isAdmin: false,
      enabled: true,
    },
    CREATED_AT,
  );
}

function authenticatorOf(store: Store): PasswordAuthenticator {
  const cache = new VerifiedPasswordCache({ ttlSeconds: 300, maxEntries: 100 });
  return new PasswordAuthenticator(store.users, cache, NO_AUDIT);
}

const header = (login: string, password: string) =>
  Buffer.from(`${login}:${password}`, 'utf8').toString('base64');

async function outcome(passwords: PasswordAuthenticator, login: string, password: string) {
  try {
    const user = await passwords.authenticate(header(login, password), '127.0.0.1');
    return `accepted ${user.loginName}`;
  } catch (error) {
    if (error instanceof KintoneError) return `refused ${error.code}`;
    throw error;
  }
}

describe.each(DIALECTS)('reads remembered for a second [%s]', (dialect) => {
  it('forgets a user at once when this store changes them', async () => {
    await withTwoProcesses(dialect, async (serving) => {
      const dave = await addUser(serving, 'dave', 'dave-password');
      expect((await serving.users.recentByLoginName('dave'))?.enabled).toBe(true);

      await serving.users.setEnabled(dave.id, false);
      expect((await serving.users.recentByLoginName('dave'))?.enabled).toBe(false);
    });
  });

  it('does not remember an unknown login name, so a user just added signs in at once', async () => {
    await withTwoProcesses(dialect, async (serving, other) => {
      const passwords = authenticatorOf(serving);
      expect(await outcome(passwords, 'erin', 'erin-password')).toBe('refused CB_WA01');

      await addUser(other, 'erin', 'erin-password');
      expect(await outcome(passwords, 'erin', 'erin-password')).toBe('accepted erin');
    });
  });

  it('accepts a password another process just set, and refuses the old one within a second', async () => {
    await withTwoProcesses(dialect, async (serving, other) => {
      const frank = await addUser(serving, 'frank', 'old-password');
      const passwords = authenticatorOf(serving);
      expect(await outcome(passwords, 'frank', 'old-password')).toBe('accepted frank');

      await other.users.setPasswordHash(frank.id, await hashPassword('new-password'));

      // A refusal is decided on the stored row, never on the remembered one.
      expect(await outcome(passwords, 'frank', 'new-password')).toBe('accepted frank');
      const old = await settle(
        () => outcome(passwords, 'frank', 'old-password'),
        (answer) => answer === 'refused CB_WA01',
        1500,
      );
      expect(old).toBe('refused CB_WA01');
    });
  });

  it('refuses a user another process disabled within a second', async () => {
    await withTwoProcesses(dialect, async (serving, other) => {
      const grace = await addUser(serving, 'grace', 'grace-password');
      const passwords = authenticatorOf(serving);
      expect(await outcome(passwords, 'grace', 'grace-password')).toBe('accepted grace');

      await other.users.setEnabled(grace.id, false);
      if (dialect === 'sqlite') {
        // Nothing tells this process on SQLite: the remembered row still answers.
        expect(await outcome(passwords, 'grace', 'grace-password')).toBe('accepted grace');
      }
      const answer = await settle(
        () => outcome(passwords, 'grace', 'grace-password'),
        (value) => value === 'refused CB_WA01',
        1500,
      );
      expect(answer).toBe('refused CB_WA01');

      // Enabled again, she is let in at once: the refusal read the stored row.
      await other.users.setEnabled(grace.id, true);
      expect(await outcome(passwords, 'grace', 'grace-password')).toBe('accepted grace');
    });
  });

  it('sees live permissions replaced by another process within a second, and at once here', async () => {
    await withTwoProcesses(dialect, async (serving, other) => {
      const app = await serving.apps.create({
        name: 'Remembered',
        spaceId: null,
        properties: {},
        creator: ACTOR,
        createdAt: CREATED_AT,
      });
      const rule = {
        filterCond: '',
        entities: [
          {
            entity: { type: 'USER' as const, code: 'dave' },
            viewable: true,
            editable: false,
            deletable: false,
            includeSubs: false,
          },
        ],
      };
      expect(await serving.permissions.find(app.id, 'record', 'live')).toBeUndefined();

      await other.permissions.replace(app.id, 'record', 'live', [rule]);
      const seen = await settle(
        () => serving.permissions.find(app.id, 'record', 'live'),
        (rights) => rights !== undefined,
        1500,
      );
      expect(seen).toEqual([rule]);

      await serving.permissions.replace(app.id, 'record', 'live', []);
      expect(await serving.permissions.find(app.id, 'record', 'live')).toEqual([]);

      // What a caller does to the rights it was given never reaches the next caller.
      const given = await serving.permissions.find(app.id, 'record', 'live');
      given?.push(rule);
      expect(await serving.permissions.find(app.id, 'record', 'live')).toEqual([]);
    });
  });

  it('does not remember a permission or app read that was under way when either changed', async () => {
    await withTwoProcesses(dialect, async (serving) => {
      const app = await serving.apps.create({
        name: 'Raced',
        spaceId: null,
        properties: {},
        creator: ACTOR,
        createdAt: CREATED_AT,
      });
      const slow = heldBack(serving.database);
      const permissions = new PermissionSettingsStore(slow.database);

      const before = permissions.find(app.id, 'app', 'live');
      await slow.read;
      await permissions.replace(app.id, 'app', 'live', []);
      slow.release();
      await before;

      expect(await permissions.find(app.id, 'app', 'live')).toEqual([]);

      // The same holds for the app itself: a read under way while a change is announced.
      const slowApps = heldBack(serving.database);
      const apps = new AppStore(slowApps.database);
      const appBefore = apps.find(app.id);
      await slowApps.read;
      await serving.database.db
        .updateTable('apps')
        .set({ name: 'Renamed' })
        .where('id', '=', app.id)
        .execute();
      await apps.changed(app.id);
      slowApps.release();
      expect((await appBefore)?.name).toBe('Raced');
      expect((await apps.find(app.id))?.name).toBe('Renamed');
    });
  });
});
