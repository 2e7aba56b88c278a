import { fieldAccessFor, mayView } from '../auth/field-permissions.js';
import { fileKeysIn, principalCodesIn, toKintoneRecord } from '../kintone/fields/index.js';
import type { FileCatalog, KintoneRecord } from '../kintone/fields/types.js';
import type { App, RecordRow } from '../store/types.js';
import type { ApiCall } from './endpoint.js';
import { groupNames } from './principal-checks.js';

/**
 * Records as Kintone's JSON, without the fields the caller may not view, and with the
 * details of their attached files and the names of the users and groups they list looked up
 * in one query each for the whole page rather than one per value.
 */
export async function toRecordJson(
  call: ApiCall,
  app: App,
  rows: readonly RecordRow[],
  fieldCodes?: readonly string[],
): Promise<KintoneRecord[]> {
  const access = await fieldAccessFor(call, app);
  const visible =
    access === null
      ? fieldCodes
      : (fieldCodes ?? [...Object.keys(app.properties), '$id', '$revision']).filter((code) =>
          mayView(access, code),
        );

  // Most records attach no file and list nobody: those skip the lookups, and their awaits,
  // which a single-record read would otherwise pay on every call.
  const keys = fileKeysIn(rows, app.properties);
  const files = keys.length > 0 ? await call.services.store.files.describe(keys) : NO_FILES;
  const codes = principalCodesIn(rows, app.properties);
  const people = {
    users:
      codes.users.length > 0 ? await call.services.store.users.displayNames(codes.users) : NO_NAMES,
    groups: codes.groups.length > 0 ? await groupNames(call, codes.groups) : NO_NAMES,
  };
  return rows.map((row) => toKintoneRecord(row, app.properties, visible, files, people));
}

const NO_FILES: FileCatalog = new Map();
const NO_NAMES: ReadonlyMap<string, string> = new Map();
