import type { Kysely } from 'kysely';
import type { ChangeFeed } from '../change-feed.js';
import type { Schema } from '../schema.js';
import type { RecordSqlDialect } from './record-sql.js';

/**
 * What differs between the two engines, as capabilities rather than engine names: service code
 * asks these questions instead of checking which database it runs on.
 */
export interface RecordStorage {
  /** Column type for JSON documents. */
  readonly jsonType: 'text' | 'jsonb';
  /** Column type for raw bytes (uploaded files). */
  readonly binaryType: 'blob' | 'bytea';
  /** Column type for generated integer keys. */
  readonly autoIncrementType: 'integer' | 'serial';
  /** The largest key such a column holds: PostgreSQL's `serial` is 32-bit, SQLite's 64-bit. */
  readonly largestGeneratedKey: number;
  /** Turns a JSON value into what the driver expects for a JSON column. */
  toJson(value: unknown): unknown;
  /** Turns what the driver returned for a JSON column back into a value. */
  fromJson(stored: unknown): unknown;
  /** True when a row lock (`for update`) exists and must be taken for read-modify-write. */
  readonly supportsRowLocks: boolean;
}

/**
 * A statement compiled once and run many times, for the per-request credential path where the
 * query builder's own cost would show (see bench/).
 */
export interface PreparedRead<Row> {
  first(parameters: readonly unknown[]): Promise<Row | undefined>;
  all(parameters: readonly unknown[]): Promise<Row[]>;
}

export interface OpenDatabase {
  readonly db: Kysely<Schema>;
  readonly storage: RecordStorage;
  /** How Kintone's query language reads record values on this engine. */
  readonly recordSql: RecordSqlDialect;
  /** Prepares a plain SQL text with positional `?` placeholders. */
  prepare<Row>(sqlWithQuestionMarks: string): PreparedRead<Row>;
  /**
   * How many record-write transactions may be open at once, leaving connections free for the
   * reads they make (see WriteSlots).
   */
  readonly writeTransactions: number;
  /** Tells this and every other instance what changed, so their caches can drop it. */
  readonly changes: ChangeFeed;
  /** Creates the schema the connection names for the store, where the engine has schemas. */
  createSchemaIfMissing(): Promise<void>;
  /** The schema the store's tables live in, where the engine has schemas. */
  currentSchema(): Promise<string | undefined>;
  close(): Promise<void>;
}
