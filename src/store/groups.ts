import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP, type Group } from './types.js';

/** Groups of users, as a seed declares them; app permissions name them. */
export class GroupStore {
  readonly #database: OpenDatabase;
  readonly #membership: PreparedRead<{ one: number }>;
  readonly #members: PreparedRead<{ login_name: string }>;
  readonly #named: PreparedRead<{ code: string; name: string }>;
  readonly #groupsOfUser: PreparedRead<{ group_code: string }>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    // A prepared read: permission checks also run inside record-write transactions.
    this.#membership = database.prepare(
      'SELECT 1 AS one FROM group_members WHERE group_code = ? AND user_id = ?',
    );
    this.#named = database.prepare('SELECT code, name FROM groups WHERE code = ?');
    // Assignees are worked out inside record-write transactions too.
    this.#members = database.prepare(
      'SELECT users.login_name FROM group_members JOIN users ON users.id = group_members.user_id ' +
        'WHERE group_members.group_code = ? AND users.enabled = 1 ORDER BY users.login_name',
    );
    this.#groupsOfUser = database.prepare('SELECT group_code FROM group_members WHERE user_id = ?');
  }

  /** Whether a user is a member of a stored group (not of the built-in ones). */
  async isMember(groupCode: string, userId: number): Promise<boolean> {
    return (await this.#membership.first([groupCode, userId])) !== undefined;
  }

  /** Login names of a stored group's enabled members, in login-name order. */
  async memberLoginNames(groupCode: string): Promise<string[]> {
    const rows = await this.#members.all([groupCode]);
    return rows.map((row) => row.login_name);
  }

  /** Whether a group has this code: a stored one, or Everyone or Administrators (built in). */
  async exists(groupCode: string): Promise<boolean> {
    if (groupCode === EVERYONE_GROUP || groupCode === ADMINISTRATORS_GROUP) return true;
    return (await this.#named.first([groupCode])) !== undefined;
  }

  /** Names by code, for the groups records name; unknown codes are left out. */
  async names(codes: readonly string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const code of new Set(codes)) {
      const row = await this.#named.first([code]);
      if (row) names.set(row.code, row.name);
    }
    return names;
  }

  /** The codes of the stored groups a user belongs to. */
  async codesOf(userId: number): Promise<Set<string>> {
    const rows = await this.#groupsOfUser.all([userId]);
    return new Set(rows.map((row) => row.group_code));
  }

  async create(group: Group, memberIds: readonly number[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx.insertInto('groups').values({ code: group.code, name: group.name }).execute();
      for (const userId of memberIds) {
        await trx
          .insertInto('group_members')
          .values({ group_code: group.code, user_id: userId })
          .execute();
      }
    });
  }

  /** Adds a member; adding one twice changes nothing. */
  async addMember(groupCode: string, userId: number): Promise<void> {
    if (await this.isMember(groupCode, userId)) return;
    await this.#database.db
      .insertInto('group_members')
      .values({ group_code: groupCode, user_id: userId })
      .execute();
  }

  async list(): Promise<Group[]> {
    return this.#database.db
      .selectFrom('groups')
      .select(['code', 'name'])
      .orderBy('code')
      .execute();
  }

  async find(code: string): Promise<Group | undefined> {
    return this.#database.db
      .selectFrom('groups')
      .select(['code', 'name'])
      .where('code', '=', code)
      .executeTakeFirst();
  }

  /** The ids of a group's members. */
  async memberIds(code: string): Promise<number[]> {
    const rows = await this.#database.db
      .selectFrom('group_members')
      .select('user_id')
      .where('group_code', '=', code)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => Number(r.user_id));
  }

  async removeMember(code: string, userId: number): Promise<void> {
    await this.#database.db
      .deleteFrom('group_members')
      .where('group_code', '=', code)
      .where('user_id', '=', userId)
      .execute();
  }
}
