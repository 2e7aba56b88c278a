import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { Space } from './types.js';

interface SpaceRow {
  id: number;
  name: string;
  is_guest: number;
}

export class SpaceStore {
  readonly #database: OpenDatabase;
  readonly #byId: PreparedRead<SpaceRow>;
  readonly #membership: PreparedRead<{ one: number }>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#byId = database.prepare('SELECT id, name, is_guest FROM spaces WHERE id = ?');
    this.#membership = database.prepare(
      'SELECT 1 AS one FROM space_members WHERE space_id = ? AND user_id = ?',
    );
  }

  async isMember(spaceId: number, userId: number): Promise<boolean> {
    return (await this.#membership.first([spaceId, userId])) !== undefined;
  }

  async memberSpaceIds(userId: number): Promise<Set<number>> {
    const rows = await this.#database.db
      .selectFrom('space_members')
      .select('space_id')
      .where('user_id', '=', userId)
      .execute();
    return new Set(rows.map((r) => Number(r.space_id)));
  }

  async find(id: number): Promise<Space | undefined> {
    const row = await this.#byId.first([id]);
    return row && { id: Number(row.id), name: row.name, isGuest: row.is_guest === 1 };
  }

  async create(space: Space, memberIds: readonly number[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('spaces')
        .values({ id: space.id, name: space.name, is_guest: space.isGuest ? 1 : 0 })
        .execute();
      for (const userId of memberIds) {
        await trx
          .insertInto('space_members')
          .values({ space_id: space.id, user_id: userId })
          .execute();
      }
    });
  }

  async list(): Promise<Space[]> {
    const rows = await this.#database.db.selectFrom('spaces').selectAll().orderBy('id').execute();
    return rows.map((r) => ({ id: Number(r.id), name: r.name, isGuest: r.is_guest === 1 }));
  }

  /** The ids of a space's members. */
  async memberIds(spaceId: number): Promise<number[]> {
    const rows = await this.#database.db
      .selectFrom('space_members')
      .select('user_id')
      .where('space_id', '=', spaceId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => Number(r.user_id));
  }

  /** Adds a member; adding one twice changes nothing. */
  async addMember(spaceId: number, userId: number): Promise<void> {
    if (await this.isMember(spaceId, userId)) return;
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
