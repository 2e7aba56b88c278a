import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { Group } from './types.js';

/** Groups of users, as a seed declares them; app permissions name them. */
export class GroupStore {
  readonly #database: OpenDatabase;
  readonly #membership: PreparedRead<{ one: number }>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    // A prepared read: permission checks also run inside record-write transactions.
    this.#membership = database.prepare(
      'SELECT 1 AS one FROM group_members WHERE group_code = ? AND user_id = ?',
    );
  }

  /** Whether a user is a member of a stored group (not of the built-in ones). */
  async isMember(groupCode: string, userId: number): Promise<boolean> {
    return (await this.#membership.first([groupCode, userId])) !== undefined;
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

  /** Adds a member; adding one twice changes nothing. */
  async addMember(code: string, userId: number): Promise<void> {
    if (await this.isMember(code, userId)) return;
    await this.#database.db
      .insertInto('group_members')
      .values({ group_code: code, user_id: userId })
      .execute();
  }

  async removeMember(code: string, userId: number): Promise<void> {
    await this.#database.db
      .deleteFrom('group_members')
      .where('group_code', '=', code)
      .where('user_id', '=', userId)
      .execute();
  }
}
