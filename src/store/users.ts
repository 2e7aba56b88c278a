import { LRUCache } from 'lru-cache';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { LanguageChoice, User } from './types.js';

interface UserRow {
  id: number;
  login_name: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  enabled: number;
  language: string;
}

const USER_COLUMNS = 'id, login_name, display_name, password_hash, is_admin, enabled, language';

/** How long a user read for a password check is remembered; see `UserStore.recentByLoginName`. */
export const USER_CACHE_TTL_MS = 1000;

export class UserStore {
  readonly #database: OpenDatabase;
  readonly #byLoginName: PreparedRead<UserRow>;
  readonly #byId: PreparedRead<UserRow>;
  readonly #enabledLogins: PreparedRead<{ login_name: string }>;
  /** Users found by login name in the last second, for password checks. */
  readonly #recent = new LRUCache<string, Readonly<User>>({ max: 10_000, ttl: USER_CACHE_TTL_MS });
  /** Moves on with every clearing, so a read that overlapped a change is not remembered. */
  #generation = 0;

  constructor(database: OpenDatabase) {
    this.#database = database;
    // User changes are rare, so any of them starts the memory afresh.
    database.changes.subscribe((change) => {
      if (change.kind !== 'user' && change.kind !== 'everything') return;
      this.#generation += 1;
      this.#recent.clear();
    });
    this.#byLoginName = database.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE login_name = ?`);
    this.#byId = database.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
    // Prepared, because assignees are worked out inside record-write transactions.
    this.#enabledLogins = database.prepare(
      'SELECT login_name FROM users WHERE enabled = 1 AND is_admin >= ? ORDER BY login_name',
    );
  }

  async findByLoginName(loginName: string): Promise<User | undefined> {
    const row = await this.#byLoginName.first([loginName]);
    return row && toUser(row);
  }

  /**
   * The user as read within the last second, for the password check every request of a
   * password client makes: reading the row was a fifth of such a request's cost. Every change
   * to a user (disabled, new password, administrator or not) is announced, which clears this
   * memory at once here and on every instance that hears the store's changes; a change by
   * another process on SQLite is seen within the second. Unknown names are not remembered, so
   * a user just added can sign in at once.
   */
  async recentByLoginName(loginName: string): Promise<Readonly<User> | undefined> {
    const remembered = this.#recent.get(loginName);
    if (remembered) return remembered;

    const generation = this.#generation;
    const user = await this.findByLoginName(loginName);
    if (user && generation === this.#generation) this.#recent.set(loginName, Object.freeze(user));
    return user;
  }

  /** Runs on every session-authenticated request, like the lookup by login name. */
  async findById(id: number): Promise<User | undefined> {
    // No user has an id past the column's range, and PostgreSQL refuses to compare with one.
    if (id > this.#database.storage.largestGeneratedKey) return undefined;
    const row = await this.#byId.first([id]);
    return row && toUser(row);
  }

  /** Every user, in the order they were added. */
  async list(): Promise<User[]> {
    const rows = await this.#database.db
      .selectFrom('users')
      .select(['id', 'login_name', 'display_name', 'password_hash', 'is_admin', 'enabled'])
      .select('language')
      .orderBy('id')
      .execute();
    return rows.map((row) => toUser(row as UserRow));
  }

  /** Login names of the enabled users, or of the enabled administrators, in order. */
  async loginNames(options: { adminsOnly: boolean }): Promise<string[]> {
    const rows = await this.#enabledLogins.all([options.adminsOnly ? 1 : 0]);
    return rows.map((row) => row.login_name);
  }

  /** Display names by login name, for the users records name; unknown codes are left out. */
  async displayNames(loginNames: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(loginNames)];
    if (wanted.length === 0) return new Map();
    const rows = await this.#database.db
      .selectFrom('users')
      .select(['login_name', 'display_name'])
      .where('login_name', 'in', wanted)
      .execute();
    return new Map(rows.map((row) => [row.login_name, row.display_name]));
  }

  async create(user: Omit<User, 'id' | 'language'>, createdAt: string): Promise<User> {
    const row = await this.#database.db
      .insertInto('users')
      .values({
        login_name: user.loginName,
        display_name: user.displayName,
        password_hash: user.passwordHash,
        is_admin: user.isAdmin ? 1 : 0,
        enabled: user.enabled ? 1 : 0,
        created_at: createdAt,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    return { ...user, id: Number(row.id), language: '' };
  }

  async setEnabled(userId: number, enabled: boolean): Promise<void> {
    await this.#database.db
      .updateTable('users')
      .set({ enabled: enabled ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    await this.#database.changes.publish({ kind: 'user', userId });
  }

  async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    await this.#database.db
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .execute();
    await this.#database.changes.publish({ kind: 'user', userId });
  }

  /** Adds the user to the built-in Administrators group, or removes them from it. */
  async setAdmin(userId: number, isAdmin: boolean): Promise<void> {
    await this.#database.db
      .updateTable('users')
      .set({ is_admin: isAdmin ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
    await this.#database.changes.publish({ kind: 'user', userId });
  }

  async setDisplayName(userId: number, displayName: string): Promise<void> {
    await this.#database.db
      .updateTable('users')
      .set({ display_name: displayName })
      .where('id', '=', userId)
      .execute();
    await this.#database.changes.publish({ kind: 'user', userId });
  }

  async setLanguage(userId: number, language: LanguageChoice): Promise<void> {
    await this.#database.db
      .updateTable('users')
      .set({ language })
      .where('id', '=', userId)
      .execute();
    await this.#database.changes.publish({ kind: 'user', userId });
  }

  async count(): Promise<number> {
    const row = await this.#database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toUser(row: UserRow): User {
  return {
    id: Number(row.id),
    loginName: row.login_name,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin === 1,
    enabled: row.enabled === 1,
    language: row.language === 'ja' || row.language === 'en' ? row.language : '',
  };
}
