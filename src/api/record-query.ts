import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { fieldAccessFor, visibleProperties } from '../auth/field-permissions.js';
import { queryContextFor, recordRightCondition } from '../auth/record-permissions.js';
import { compileRecordQuery, type CompiledRecordQuery } from '../kintone/query/index.js';
import type { App, FieldProperties } from '../store/types.js';
import type { RecordSelection } from '../store/records.js';
import type { ApiCall } from './endpoint.js';

/** Kintone returns 100 records when a query names no limit. */
const DEFAULT_LIMIT = 100;

/**
 * Compiles a call's `query` parameter against the app's fields into a store selection, over
 * every record: for the server's own lookups (update keys, unique values).
 */
export function selectionFor(call: ApiCall, app: App, query: string): RecordSelection {
  return withDefaultLimit(compileFor(call, app, query));
}

/**
 * A caller's own query, as its permissions let it see the app: fields it may not view are
 * unknown to the query, and records it may not view are never selected, so pages and counts
 * hold only what the caller may see.
 */
export async function callerSelectionFor(
  call: ApiCall,
  app: App,
  query: string,
): Promise<RecordSelection> {
  return withDefaultLimit(await callerCompileFor(call, app, query));
}

/** `callerSelectionFor`, with `limit` null when the query names none. */
export async function callerCompileFor(
  call: ApiCall,
  app: App,
  query: string,
): Promise<CompiledRecordQuery> {
  const access = await fieldAccessFor(call, app);
  const compiled = compileAgainst(call, app, query, visibleProperties(app.properties, access));
  const viewable = await recordRightCondition(call, app, 'viewable');
  return { ...compiled, where: bothOf(compiled.where, viewable) };
}

/** The compiled query as written: `limit` is null when the query names none. */
export function compileFor(call: ApiCall, app: App, query: string) {
  return compileAgainst(call, app, query, app.properties);
}

function compileAgainst(call: ApiCall, app: App, query: string, fields: FieldProperties) {
  return compileRecordQuery(query, { ...queryContextFor(call, app), fields });
}

function withDefaultLimit(compiled: CompiledRecordQuery): RecordSelection {
  return {
    where: compiled.where,
    orderBy: compiled.orderBy,
    limit: compiled.limit ?? DEFAULT_LIMIT,
    offset: compiled.offset,
  };
}

function bothOf(
  a: RawBuilder<SqlBool> | null,
  b: RawBuilder<SqlBool> | null,
): RawBuilder<SqlBool> | null {
  if (a === null) return b;
  if (b === null) return a;
  return sql<SqlBool>`(${a} and ${b})`;
}

/** A query condition that matches one field's exact value, quoted as the language requires. */
export function equalsCondition(fieldCode: string, value: string): string {
  return `${fieldCode} = "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
