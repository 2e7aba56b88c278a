import { fileKeysIn, toKintoneRecord } from '../kintone/fields/index.js';
import type { KintoneRecord } from '../kintone/fields/types.js';
import type { App, RecordRow } from '../store/types.js';
import type { ApiCall } from './endpoint.js';

/**
 * Records as Kintone's JSON, with the details of their attached files looked up in one query
 * for the whole page rather than one per file.
 */
export async function toRecordJson(
  call: ApiCall,
  app: App,
  rows: readonly RecordRow[],
  fieldCodes?: readonly string[],
): Promise<KintoneRecord[]> {
  const keys = fileKeysIn(rows, app.properties);
  const files = await call.services.store.files.describe(keys);
  return rows.map((row) => toKintoneRecord(row, app.properties, fieldCodes, files));
}
