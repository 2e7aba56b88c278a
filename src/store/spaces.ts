import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP, type Space } from './types.js';

interface SpaceRow {
  id: number;
  name: string;
  is_guest: number;
}

/**
 * The rows of `space_members` that make a user a member: their own, and those of the groups
 * they belong to, stored or built in ("everyone" holds every user, "Administrators" the
 * system's administrators). Parameters: space (when filtered), user, user, user.
 */
const ROWS_OF_USER =
  'FROM space_members WHERE (user_id = ? OR group_code = ? ' +
  'OR group_code IN (SELECT group_code FROM group_members WHERE user_id = ?) ' +
  'OR (group_code = ? AND EXISTS (SELECT 1 FROM users WHERE id = ? AND is_admin = 1)))';

/** How a user belongs to a space, directly or through groups. */
export interface SpaceRole {
  isMember: boolean;
  isAdmin: boolean;
}

export class SpaceStore {
  readonly #database: OpenDatabase;
  readonly #byId: PreparedRead<SpaceRow>;
  readonly #role: PreparedRead<{ is_admin: number }>;
  readonly #spacesOfUser: PreparedRead<{ space_id: number }>;
  readonly #ownRow: PreparedRead<{ one: number }>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#byId = database.prepare('SELECT id, name, is_guest FROM spaces WHERE id = ?');
    // Prepared reads: app access checks also run inside record-write transactions, and a
    // user's groups are read with the membership, not one query per group.
    this.#role = database.prepare(`SELECT is_admin ${ROWS_OF_USER} AND space_id = ?`);
    this.#spacesOfUser = database.prepare(`SELECT DISTINCT space_id ${ROWS_OF_USER}`);
    this.#ownRow = database.prepare(
      'SELECT 1 AS one FROM space_members WHERE space_id = ? AND user_id = ?',
    );
  }

  /**
   * Whether a user is a member of a space, and its administrator, directly or through a
   * member group. Group changes count at once: nothing is remembered.
   */
  async role(spaceId: number, userId: number): Promise<SpaceRole> {
    const rows = await this.#role.all([...userParameters(userId), spaceId]);
    return { isMember: rows.length > 0, isAdmin: rows.some((r) => Number(r.is_admin) === 1) };
  }

  async isMember(spaceId: number, userId: number): Promise<boolean> {
    return (await this.role(spaceId, userId)).isMember;
  }

  /** The spaces a user belongs to, directly or through a member group. */
  async memberSpaceIds(userId: number): Promise<Set<number>> {
    const rows = await this.#spacesOfUser.all(userParameters(userId));
    return new Set(rows.map((r) => Number(r.space_id)));
  }

  async find(id: number): Promise<Space | undefined> {
    const row = await this.#byId.first([id]);
    return row && { id: Number(row.id), name: row.name, isGuest: row.is_guest === 1 };
  }

  async create(
    space: Space,
    members: ReadonlyArray<{ userId: number; isAdmin: boolean }>,
  ): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('spaces')
        .values({ id: space.id, name: space.name, is_guest: space.isGuest ? 1 : 0 })
        .execute();
      for (const { userId, isAdmin } of members) {
        await trx
          .insertInto('space_members')
          .values({ space_id: space.id, user_id: userId, is_admin: isAdmin ? 1 : 0 })
          .execute();
      }
    });
  }

  async list(): Promise<Space[]> {
    const rows = await this.#database.db.selectFrom('spaces').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, isGuest: r.is_guest === 1 }));
  }

  /** The ids of the users who are members themselves, not through a group. */
  async memberIds(spaceId: number): Promise<number[]> {
    const rows = await this.#database.db
      .selectFrom('space_members')
      .select('user_id')
      .where('space_id', '=', spaceId)
      .where('user_id', 'is not', null)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => Number(r.user_id));
  }

  /** Adds a user as a member; adding one twice changes nothing. */
  async addMember(spaceId: number, userId: number): Promise<void> {
    if ((await this.#ownRow.first([spaceId, userId])) !== undefined) return;
    await this.#database.db
      .insertInto('space_members')
      .values({ space_id: spaceId, user_id: userId })
      .execute();
  }

  async removeMember(spaceId: number, userId: number): Promise<void> {
    await this.#database.db
      .deleteFrom('space_members')
      .where('space_id', '=', spaceId)
      .where('user_id', '=', userId)
      .execute();
  }
}

function userParameters(userId: number): unknown[] {
  return [userId, EVERYONE_GROUP, userId, ADMINISTRATORS_GROUP, userId];
}
