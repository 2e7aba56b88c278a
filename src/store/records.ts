import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { OpenDatabase, PreparedRead, RecordStorage } from './dialects/dialect.js';
import { CommentWriter } from './comments.js';
import { FileWriter } from './files.js';
import { WriteSlots } from './write-slots.js';
import type { Schema } from './schema.js';
import type {
  Actor,
  NewRecord,
  RecordDeletion,
  RecordRow,
  RecordUpdate,
  StoredValues,
} from './types.js';

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
export type WriteConflict = { kind: 'missing'; id: number } | { kind: 'stale'; id: number };

export class WriteConflictError extends Error {
  constructor(readonly conflict: WriteConflict) {
    super(`Record ${conflict.id} is ${conflict.kind}`);
  }
}

export class RecordStore {
  readonly #database: OpenDatabase;
  readonly #byId: PreparedRead<StoredRecordRow>;
  /** The transaction of a `writeTogether` in progress, which `write` joins. */
  readonly #enclosing = new AsyncLocalStorage<Kysely<Schema>>();
  /** Writes running inside `#enclosing`; see `#within`. */
  #writesWithin = 0;
  readonly #slots: WriteSlots;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#slots = new WriteSlots(database.writeTransactions);
    this.#byId = database.prepare(
      `SELECT ${RECORD_COLUMNS} FROM records WHERE app_id = ? AND id = ?`,
    );
  }

  /** Single-record reads are the commonest call, so they skip the query builder. */
  async find(appId: number, id: number): Promise<RecordRow | undefined> {
    const row = await this.#byId.first([appId, id]);
    return row && toRecord(row, this.#database.storage);
  }

  async select(appId: number, selection: RecordSelection): Promise<RecordRow[]> {
    let query = this.#database.db.selectFrom('records').selectAll().where('app_id', '=', appId);
    if (selection.where) query = query.where(selection.where);

    // Kintone sorts by record id, newest first, when the query names no order.
    const orderBy =
      selection.orderBy.length > 0
        ? selection.orderBy
        : [{ expression: sql`id`, direction: 'desc' as const }];
    for (const term of orderBy) query = query.orderBy(term.expression, term.direction);

    const rows = await query.limit(selection.limit).offset(selection.offset).execute();
    return rows.map((row) => toRecord(row as StoredRecordRow, this.#database.storage));
  }

  /** Every matching id in the selection's order, for cursors (no limit or offset). */
  async selectIds(
    appId: number,
    where: RawBuilder<SqlBool> | null,
    orderBy: RecordSelection['orderBy'],
  ): Promise<number[]> {
    let query = this.#database.db.selectFrom('records').select('id').where('app_id', '=', appId);
    if (where) query = query.where(where);
    const order =
      orderBy.length > 0 ? orderBy : [{ expression: sql`id`, direction: 'desc' as const }];
    for (const term of order) query = query.orderBy(term.expression, term.direction);
    const rows = await query.execute();
    return rows.map((row) => Number(row.id));
  }

  /**
   * The records with these ids, in the order given; ids deleted meanwhile, or no longer
   * matching `where`, are skipped.
   */
  async findMany(
    appId: number,
    ids: readonly number[],
    where: RawBuilder<SqlBool> | null = null,
  ): Promise<RecordRow[]> {
    if (ids.length === 0) return [];
    let query = this.#database.db
      .selectFrom('records')
      .selectAll()
      .where('app_id', '=', appId)
      .where('id', 'in', [...ids]);
    if (where) query = query.where(where);
    const rows = await query.execute();
    const byId = new Map(rows.map((row) => [Number(row.id), row as StoredRecordRow]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toRecord(row, this.#database.storage)] : [];
    });
  }

  /**
   * The first record, by id, that meets a condition: inside a write, read in the write's
   * transaction, so a write that looks another app up never waits on itself.
   */
  async firstMatching(appId: number, where: RawBuilder<SqlBool>): Promise<RecordRow | undefined> {
    const db = this.#enclosing.getStore() ?? this.#database.db;
    const row = await db
      .selectFrom('records')
      .selectAll()
      .where('app_id', '=', appId)
      .where(where)
      .orderBy('id', 'asc')
      .limit(1)
      .executeTakeFirst();
    return row && toRecord(row as StoredRecordRow, this.#database.storage);
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

  /**
   * Runs a write to one app's records in one transaction that holds the app's write lock.
   * Everything a write decides on (which record an update key names, whether a value is
   * unique, the current revision) is read through the writer inside the same transaction, so
   * concurrent writers, on one instance or several, see each other's results and never
   * deadlock: they queue on the app row.
   */
  async write<T>(appId: number, work: (writer: RecordWriter) => Promise<T>): Promise<T> {
    const enclosing = this.#enclosing.getStore();
    if (enclosing) {
      await this.#lockApps(enclosing, [appId]);
      return work(new RecordWriter(enclosing, appId, this.#database.storage));
    }

    // Reads the work makes through this store (a lookup's source record) join the transaction.
    return this.#slots.run(() =>
      this.#database.db.transaction().execute(async (trx) => {
        await this.#lockApps(trx, [appId]);
        return this.#within(trx, () => work(new RecordWriter(trx, appId, this.#database.storage)));
      }),
    );
  }

  /**
   * Runs several writes as one: every `write` inside `work` joins this transaction, so they
   * all take effect or none does (a bulk request). The apps named up front are locked in id
   * order first, so two such transactions over the same apps queue instead of deadlocking.
   */
  async writeTogether<T>(appIds: readonly number[], work: () => Promise<T>): Promise<T> {
    return this.#slots.run(() =>
      this.#database.db.transaction().execute(async (trx) => {
        await this.#lockApps(
          trx,
          [...new Set(appIds)].sort((a, b) => a - b),
        );
        return this.#within(trx, work);
      }),
    );
  }

  /**
   * Runs work with `trx` as the enclosing transaction. While any AsyncLocalStorage is in use,
   * Node.js 20 runs a hook on every promise the process makes, every request's included, which
   * cost several percent of a record read; so the storage is switched off again whenever no
   * write is running. `run` switches it back on.
   */
  async #within<T>(trx: Kysely<Schema>, work: () => Promise<T>): Promise<T> {
    this.#writesWithin += 1;
    try {
      return await this.#enclosing.run(trx, work);
    } finally {
      this.#writesWithin -= 1;
      if (this.#writesWithin === 0) this.#enclosing.disable();
    }
  }

  async #lockApps(trx: Kysely<Schema>, appIds: readonly number[]): Promise<void> {
    for (const appId of appIds) {
      let lock = trx.selectFrom('apps').select('id').where('id', '=', appId);
      if (this.#database.storage.supportsRowLocks) lock = lock.forUpdate();
      await lock.execute();
    }
  }
}

/** Reads and writes of one app's records inside a write transaction. */
export class RecordWriter {
  readonly #trx: Kysely<Schema>;
  readonly #appId: number;
  readonly #storage: RecordStorage;
  /** Attachments change in the same transaction as the records that list them. */
  readonly files: FileWriter;
  /** Comments too: they are added under the record's counter and deleted with the record. */
  readonly comments: CommentWriter;

  constructor(trx: Kysely<Schema>, appId: number, storage: RecordStorage) {
    this.#trx = trx;
    this.#appId = appId;
    this.#storage = storage;
    this.files = new FileWriter(trx);
    this.comments = new CommentWriter(trx, appId);
  }

  async find(id: number): Promise<RecordRow | undefined> {
    const row = await this.#trx
      .selectFrom('records')
      .selectAll()
      .where('app_id', '=', this.#appId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toRecord(row as StoredRecordRow, this.#storage);
  }

  /** Ids of records that match a condition, for update keys and uniqueness checks. */
  async findIds(where: RawBuilder<SqlBool>, limit = 2): Promise<number[]> {
    const rows = await this.#trx
      .selectFrom('records')
      .select('id')
      .where('app_id', '=', this.#appId)
      .where(where)
      .limit(limit)
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /** Adds records; ids come from the app's counter, so no two writers ever share one. */
  async insert(records: readonly NewRecord[]): Promise<number[]> {
    if (records.length === 0) return [];

    const counter = await this.#trx
      .updateTable('apps')
      .set((eb) => ({ next_record_id: eb('next_record_id', '+', records.length) }))
      .where('id', '=', this.#appId)
      .returning(['next_record_id'])
      .executeTakeFirstOrThrow();
    const firstId = Number(counter.next_record_id) - records.length;

    const rows = records.map((record, i) => ({
      app_id: this.#appId,
      id: firstId + i,
      revision: 1,
      field_values: this.#storage.toJson(record.values),
      creator_code: record.creator.code,
      creator_name: record.creator.name,
      created_at: record.createdAt,
      modifier_code: record.modifier.code,
      modifier_name: record.modifier.name,
      updated_at: record.updatedAt,
    }));
    await this.#trx.insertInto('records').values(rows).execute();
    return rows.map((row) => row.id);
  }

  /**
   * Replaces the values of records, checking each expected revision. The UPDATE itself is
   * conditional on the revision too, so a stale writer can never overwrite a newer record.
   */
  async update(
    updates: readonly RecordUpdate[],
    modifier: Actor,
    updatedAt: string,
  ): Promise<number[]> {
    const revisions: number[] = [];
    for (const update of updates) {
      const current = await this.find(update.id);
      if (!current) throw new WriteConflictError({ kind: 'missing', id: update.id });
      const expected = update.expectedRevision ?? current.revision;
      if (expected !== current.revision)
        throw new WriteConflictError({ kind: 'stale', id: update.id });

      const result = await this.#trx
        .updateTable('records')
        .set({
          revision: expected + (update.revisionStep ?? 1),
          field_values: this.#storage.toJson({ ...current.values, ...update.values }),
          modifier_code: modifier.code,
          modifier_name: modifier.name,
          updated_at: updatedAt,
        })
        .where('app_id', '=', this.#appId)
        .where('id', '=', update.id)
        .where('revision', '=', expected)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new WriteConflictError({ kind: 'stale', id: update.id });
      }
      revisions.push(expected + (update.revisionStep ?? 1));
    }
    return revisions;
  }

  /**
   * Deletes records, checking revisions where given; the caller's transaction makes it all
   * or nothing.
   */
  async delete(deletions: readonly RecordDeletion[]): Promise<void> {
    for (const deletion of deletions) {
      let query = this.#trx
        .deleteFrom('records')
        .where('app_id', '=', this.#appId)
        .where('id', '=', deletion.id);
      if (deletion.expectedRevision !== null) {
        query = query.where('revision', '=', deletion.expectedRevision);
      }
      const result = await query.executeTakeFirst();
      if (Number(result.numDeletedRows) === 1) {
        await this.files.removeForRecords(this.#appId, [deletion.id]);
        await this.comments.removeForRecords([deletion.id]);
        continue;
      }

      const exists = await this.find(deletion.id);
      throw new WriteConflictError({ kind: exists ? 'stale' : 'missing', id: deletion.id });
    }
  }
}

function toRecord(row: StoredRecordRow, storage: RecordStorage): RecordRow {
  return {
    appId: Number(row.app_id),
    id: Number(row.id),
    revision: Number(row.revision),
    values: storage.fromJson(row.field_values) as StoredValues,
    creatorCode: row.creator_code,
    creatorName: row.creator_name,
    createdAt: row.created_at,
    modifierCode: row.modifier_code,
    modifierName: row.modifier_name,
    updatedAt: row.updated_at,
  };
}
