import { fileKeysIn, principalCodesIn, toKintoneRecord } from '../kintone/fields/index.js';
import type { KintoneRecord } from '../kintone/fields/types.js';
import type { App, RecordRow } from '../store/types.js';
import type { ApiCall } from './endpoint.js';
import { groupNames } from './principal-checks.js';

/**
 * Records as Kintone's JSON, with the details of their attached files and the names of the
 * users they list looked up in one query each for the whole page rather than one per value.
 */
export async function toRecordJson(
  call: ApiCall,
  app: App,
  rows: readonly RecordRow[],
  fieldCodes?: readonly string[],
): Promise<KintoneRecord[]> {
  const keys = fileKeysIn(rows, app.properties);
  const files = await call.services.store.files.describe(keys);
  const codes = principalCodesIn(rows, app.properties);
  const people = {
    users: await call.services.store.users.displayNames(codes.users),
    groups: await groupNames(call, codes.groups),
  };
  return rows.map((row) => toKintoneRecord(row, app.properties, fieldCodes, files, people));
}
