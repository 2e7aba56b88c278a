import type { RawBuilder, SqlBool } from 'kysely';

import type { RecordSqlDialect } from '../../store/dialects/record-sql.js';
import type { FieldProperties } from '../fields/types.js';

/** Everything a query needs besides its text: the app's fields, the database and the clock. */
export interface QueryContext {
  /** The app's field definitions, system fields included under their own codes. */
  fields: FieldProperties;
  dialect: RecordSqlDialect;
  /** The caller, for LOGINUSER(); null when the request has no user (LOGINUSER() matches none). */
  loginUser: { code: string; name: string } | null;
  /** The moment NOW(), TODAY(), THIS_MONTH() and the other date functions are resolved at. */
  now: Date;
  /** IANA zone whose calendar the date functions and date-only literals use. */
  timeZone: string;
}

export interface CompiledOrderKey {
  expression: RawBuilder<unknown>;
  direction: 'asc' | 'desc';
}

export interface CompiledRecordQuery {
  /** The filter, or null when the query has no condition. */
  where: RawBuilder<SqlBool> | null;
  /**
   * Sort keys. Empty when the query has no `order by`: the caller then sorts by id descending,
   * Kintone's default. When not empty, it ends with the record id as a tie-breaker.
   */
  orderBy: CompiledOrderKey[];
  /** The `limit`, or null when absent (the caller applies Kintone's default of 100). */
  limit: number | null;
  /** The `offset`, 0 when absent. */
  offset: number;
}
