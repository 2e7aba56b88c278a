import type { OpenDatabase } from './dialects/dialect.js';

/** A cursor: the ids its query matched, in order, and how many of them were read already. */
export interface Cursor {
  id: string;
  appId: number;
  /** Who created it: only the same caller may read or delete it. */
  owner: string;
  fieldCodes: string[] | null;
  pageSize: number;
  recordIds: number[];
  position: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export class TooManyCursorsError extends Error {}

export class CursorStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  /**
   * Saves a new cursor unless `maxOpen` unexpired cursors exist already. Expired ones are
   * removed first, in the same transaction, so they never count against the limit.
   */
  async create(cursor: Cursor, now: number, maxOpen: number): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('cursors').where('expires_at', '<=', now).execute();
      const open = await trx
        .selectFrom('cursors')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(open.n) >= maxOpen) throw new TooManyCursorsError();

      await trx
        .insertInto('cursors')
        .values({
          id: cursor.id,
          app_id: cursor.appId,
          owner: cursor.owner,
          field_codes: cursor.fieldCodes === null ? null : JSON.stringify(cursor.fieldCodes),
          page_size: cursor.pageSize,
          record_ids: JSON.stringify(cursor.recordIds),
          position: cursor.position,
          expires_at: cursor.expiresAt,
        })
        .execute();
    });
  }

  /** An unexpired cursor, or undefined. */
  async find(id: string, now: number): Promise<Cursor | undefined> {
    const row = await this.#database.db
      .selectFrom('cursors')
      .selectAll()
      .where('id', '=', id)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      appId: Number(row.app_id),
      owner: row.owner,
      fieldCodes: row.field_codes === null ? null : (JSON.parse(row.field_codes) as string[]),
      pageSize: Number(row.page_size),
      recordIds: JSON.parse(row.record_ids) as number[],
      position: Number(row.position),
      expiresAt: Number(row.expires_at),
    };
  }

  /**
   * Records that a page was read. Only succeeds if nobody read the same page meanwhile, so two
   * concurrent reads of one cursor cannot both get the same records.
   */
  async advance(cursor: Cursor, position: number, expiresAt: number): Promise<boolean> {
    const result = await this.#database.db
      .updateTable('cursors')
      .set({ position, expires_at: expiresAt })
      .where('id', '=', cursor.id)
      .where('position', '=', cursor.position)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async delete(id: string): Promise<void> {
    await this.#database.db.deleteFrom('cursors').where('id', '=', id).execute();
  }
}
