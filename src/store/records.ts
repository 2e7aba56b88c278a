import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { Schema } from './schema.js';
import type { Actor, NewRecord, RecordDeletion, RecordRow, RecordUpdate, StoredValues } from './types.js';

interface StoredRecordRow {
  app_id: number;
  id: number;
  revision: number;
  field_values: unknown;
  creator_code: string;
  creator_name: string;
  created_at: string;
  modifier_code: string;
  modifier_name: string;
  updated_at: string;
}

const RECORD_COLUMNS =
  'app_id, id, revision, field_values, creator_code, creator_name, created_at, ' +
  'modifier_code, modifier_name, updated_at';

/** A page of records: the condition and ordering come compiled from Kintone's query language. */
export interface RecordSelection {
  where: RawBuilder<SqlBool> | null;
  orderBy: ReadonlyArray<{ expression: RawBuilder<unknown>; direction: 'asc' | 'desc' }>;
  limit: number;
  offset: number;
}

/** Why a write was refused: the caller turns these into Kintone's errors. */
export type WriteConflict =
  | { kind: 'missing'; id: number }
  | { kind: 'stale'; id: number };

/** How an update's values combine with the stored ones. */
export type MergeValues = (existing: StoredValues, update: RecordUpdate) => StoredValues;

export class WriteConflictError extends Error {
  constructor(readonly conflict: WriteConflict) {
    super(`Record ${conflict.id} is ${conflict.kind}`);
  }
}

export class RecordStore {
  readonly #database: OpenDatabase;
  readonly #byId: PreparedRead<StoredRecordRow>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#byId = database.prepare(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE app_id = ? AND id = ?`,
    );
  }

  /** Single-record reads are the commonest call, so they skip the query builder. */
  async find(appId: number, id: number): Promise<RecordRow | undefined> {
    const row = await this.#byId.first([appId, id]);
    return row && this.#toRecord(row);
  }

  async select(appId: number, selection: RecordSelection): Promise<RecordRow[]> {
    let query = this.#database.db
      .selectFrom('records')
      .selectAll()
      .where('app_id', '=', appId);
    if (selection.where) query = query.where(selection.where);

    // Kintone sorts by record id, newest first, when the query names no order.
    const orderBy = selection.orderBy.length > 0
      ? selection.orderBy
      : [{ expression: sql`id`, direction: 'desc' as const }];
    for (const term of orderBy) query = query.orderBy(term.expression, term.direction);

    const rows = await query.limit(selection.limit).offset(selection.offset).execute();
    return rows.map((row) => this.#toRecord(row as StoredRecordRow));
  }

  async count(appId: number, where: RawBuilder<SqlBool> | null): Promise<number> {
    let query = this.#database.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('app_id', '=', appId);
    if (where) query = query.where(where);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Ids of records whose condition matches, for update keys and uniqueness checks. */
  async findIds(appId: number, where: RawBuilder<SqlBool>, limit = 2): Promise<number[]> {
    const rows = await this.#database.db
      .selectFrom('records')
      .select('id')
      .where('app_id', '=', appId)
      .where(where)
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /**
   * Adds records in one transaction. Ids come from the app's counter, taken with an atomic
   * increment so concurrent writers on several instances never share an id.
   */
  async insert(appId: number, records: readonly NewRecord[]): Promise<number[]> {
    return this.#database.db.transaction().execute((trx) => this.#insertIn(trx, appId, records));
  }

  /**
   * Replaces the values of several records at once, all or nothing. Each update is a
   * conditional UPDATE on the expected revision, so two writers holding the same revision can
   * never both succeed, on either engine.
   */
  async update(
    appId: number,
    updates: readonly RecordUpdate[],
    modifier: Actor,
    updatedAt: string,
    merge: MergeValues,
  ): Promise<number[]> {
    return this.#database.db.transaction().execute((trx) =>
      this.#updateIn(trx, appId, updates, modifier, updatedAt, merge),
    );
  }

  /** Updates and additions of one request (an upsert), in one transaction. */
  async upsert(
    appId: number,
    updates: readonly RecordUpdate[],
    inserts: readonly NewRecord[],
    modifier: Actor,
    updatedAt: string,
    merge: MergeValues,
  ): Promise<{ revisions: number[]; ids: number[] }> {
    return this.#database.db.transaction().execute(async (trx) => {
      const revisions = await this.#updateIn(trx, appId, updates, modifier, updatedAt, merge);
      const ids = inserts.length > 0 ? await this.#insertIn(trx, appId, inserts) : [];
      return { revisions, ids };
    });
  }

  async #insertIn(trx: Transaction<Schema>, appId: number, records: readonly NewRecord[]) {
    const counter = await trx
      .updateTable('apps')
      .set((eb) => ({ next_record_id: eb('next_record_id', '+', records.length) }))
      .where('id', '=', appId)
      .returning(['next_record_id'])
      .executeTakeFirstOrThrow();
    const firstId = Number(counter.next_record_id) - records.length;

    const rows = records.map((record, i) => ({
      app_id: appId,
      id: firstId + i,
      revision: 1,
      field_values: this.#database.storage.toJson(record.values),
      creator_code: record.creator.code,
      creator_name: record.creator.name,
      created_at: record.createdAt,
      modifier_code: record.modifier.code,
      modifier_name: record.modifier.name,
      updated_at: record.updatedAt,
    }));
    await trx.insertInto('records').values(rows).execute();
    return rows.map((row) => row.id);
  }

  async #updateIn(
    trx: Transaction<Schema>,
    appId: number,
    updates: readonly RecordUpdate[],
    modifier: Actor,
    updatedAt: string,
    merge: MergeValues,
  ): Promise<number[]> {
    const revisions: number[] = [];
    for (const update of updates) {
      const current = await this.#lockedRow(trx, appId, update.id);
      if (!current) throw new WriteConflictError({ kind: 'missing', id: update.id });
      const expected = update.expectedRevision ?? Number(current.revision);
      if (expected !== Number(current.revision)) {
        throw new WriteConflictError({ kind: 'stale', id: update.id });
      }

      const existingValues = this.#database.storage.fromJson(current.field_values) as StoredValues;
      const result = await trx
        .updateTable('records')
        .set({
          revision: expected + 1,
          field_values: this.#database.storage.toJson(merge(existingValues, update)),
          modifier_code: modifier.code,
          modifier_name: modifier.name,
          updated_at: updatedAt,
        })
        .where('app_id', '=', appId)
        .where('id', '=', update.id)
        .where('revision', '=', expected)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new WriteConflictError({ kind: 'stale', id: update.id });
      }
      revisions.push(expected + 1);
    }
    return revisions;
  }

  /** Deletes several records, all or nothing, checking revisions where given. */
  async delete(appId: number, deletions: readonly RecordDeletion[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      for (const deletion of deletions) {
        let query = trx
          .deleteFrom('records')
          .where('app_id', '=', appId)
          .where('id', '=', deletion.id);
        if (deletion.expectedRevision !== null) {
          query = query.where('revision', '=', deletion.expectedRevision);
        }
        const result = await query.executeTakeFirst();
        if (Number(result.numDeletedRows) === 1) continue;

        const exists = await this.#lockedRow(trx, appId, deletion.id);
        throw new WriteConflictError({ kind: exists ? 'stale' : 'missing', id: deletion.id });
      }
    });
  }

  async #lockedRow(
    trx: Transaction<Schema> | Kysely<Schema>,
    appId: number,
    id: number,
  ): Promise<StoredRecordRow | undefined> {
    let query = trx
      .selectFrom('records')
      .selectAll()
      .where('app_id', '=', appId)
      .where('id', '=', id);
    if (this.#database.storage.supportsRowLocks) query = query.forUpdate();
    return (await query.executeTakeFirst()) as StoredRecordRow | undefined;
  }

  #toRecord(row: StoredRecordRow): RecordRow {
    return {
      appId: Number(row.app_id),
      id: Number(row.id),
      revision: Number(row.revision),
      values: this.#database.storage.fromJson(row.field_values) as StoredValues,
      creatorCode: row.creator_code,
      creatorName: row.creator_name,
      createdAt: row.created_at,
      modifierCode: row.modifier_code,
      modifierName: row.modifier_name,
      updatedAt: row.updated_at,
    };
  }
}
