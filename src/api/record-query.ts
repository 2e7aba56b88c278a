import { compileRecordQuery } from '../kintone/query/index.js';
import type { App } from '../store/types.js';
import type { RecordSelection } from '../store/records.js';
import { actorOf } from '../auth/principal.js';
import type { ApiCall } from './endpoint.js';

/** Kintone returns 100 records when a query names no limit. */
const DEFAULT_LIMIT = 100;

/** Compiles a call's `query` parameter against the app's fields into a store selection. */
export function selectionFor(call: ApiCall, app: App, query: string): RecordSelection {
  const compiled = compileFor(call, app, query);
  return {
    where: compiled.where,
    orderBy: compiled.orderBy,
    limit: compiled.limit ?? DEFAULT_LIMIT,
    offset: compiled.offset,
  };
}

/** The compiled query as written: `limit` is null when the query names none. */
export function compileFor(call: ApiCall, app: App, query: string) {
  return compileRecordQuery(query, {
    fields: app.properties,
    dialect: call.services.store.recordSql,
    loginUser: call.principal.kind === 'user' ? actorOf(call.principal) : null,
    now: call.services.now(),
    timeZone: call.services.config.timeZone,
  });
}

/** A query condition that matches one field's exact value, quoted as the language requires. */
export function equalsCondition(fieldCode: string, value: string): string {
  return `${fieldCode} = "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
