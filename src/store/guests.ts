import type { OpenDatabase } from './dialects/dialect.js';

export interface NewGuest {
  code: string;
  name: string;
  passwordHash: string;
  details: Record<string, string>;
}

/** Guest users and the guest spaces they are members of. */
export class GuestStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  /** The codes among `codes` that name a guest user. */
  async existing(codes: readonly string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.#database.db
      .selectFrom('guest_users')
      .select('code')
      .where('code', 'in', [...codes])
      .execute();
    return new Set(rows.map((r) => r.code));
  }

  async add(guests: readonly NewGuest[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      for (const guest of guests) {
        await trx
          .insertInto('guest_users')
          .values({
            code: guest.code,
            name: guest.name,
            password_hash: guest.passwordHash,
            details: JSON.stringify(guest.details),
          })
          .execute();
      }
    });
  }

  /** Removes guest users from every guest space and from the system. */
  async remove(codes: readonly string[]): Promise<void> {
    if (codes.length === 0) return;
    await this.#database.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('space_guests')
        .where('code', 'in', [...codes])
        .execute();
      await trx
        .deleteFrom('guest_users')
        .where('code', 'in', [...codes])
        .execute();
    });
  }

  async inSpace(spaceId: number): Promise<string[]> {
    const rows = await this.#database.db
      .selectFrom('space_guests')
      .select('code')
      .where('space_id', '=', spaceId)
      .orderBy('code')
      .execute();
    return rows.map((r) => r.code);
  }

  async replaceInSpace(spaceId: number, codes: readonly string[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('space_guests').where('space_id', '=', spaceId).execute();
      for (const code of new Set(codes)) {
        await trx.insertInto('space_guests').values({ space_id: spaceId, code }).execute();
      }
    });
  }
}
