import { kindOf, stringList } from './field-kinds.js';
import { innerFields } from './subtable.js';
import type {
  FieldProperties,
  FileCatalog,
  FileEntry,
  FieldProperty,
  FieldValue,
  KintoneRecord,
  PeopleCatalog,
  RecordRow,
  StoredValue,
  TableRowEntry,
} from './types.js';

/**
 * A stored row as Kintone's record JSON: each field as `{type, value}`, system fields taken
 * from the row, plus `$id` and `$revision`.
 *
 * With `fieldCodes`, only the fields listed are returned, and `$id` or `$revision` only when
 * listed too: Kintone leaves them out otherwise, which is why `getAllRecords` in
 * @kintone/rest-api-client adds `$id` to the fields it asks for. Fields with `enabled: false`
 * (status, categories and assignees while process management is off) are never returned, nor
 * are fields of types this server does not model yet. FILE fields list the files `files`
 * describes; a key it does not know (a file removed meanwhile) is left out.
 */
export function toKintoneRecord(
  row: RecordRow,
  properties: FieldProperties,
  fieldCodes?: readonly string[],
  files: FileCatalog = new Map(),
  people: PeopleCatalog = { users: new Map(), groups: new Map() },
): KintoneRecord {
  const wanted = fieldCodes ? new Set(fieldCodes) : undefined;
  const isWanted = (code: string) => wanted === undefined || wanted.has(code);
  const record: KintoneRecord = {};

  for (const [code, field] of Object.entries(properties)) {
    if (!isWanted(code) || field.enabled === false) continue;
    if (kindOf(field.type) === 'unsupported') continue;
    const value =
      kindOf(field.type) === 'system' && !isPrincipalListType(field.type)
        ? systemValue(row, field)
        : storedValue(row.values[code], field, files, people);
    record[code] = { type: field.type, value };
  }

  if (isWanted('$id')) record.$id = { type: '__ID__', value: String(row.id) };
  if (isWanted('$revision')) {
    record.$revision = { type: '__REVISION__', value: String(row.revision) };
  }
  return record;
}

function systemValue(row: RecordRow, field: FieldProperty): FieldValue {
  switch (field.type) {
    case 'RECORD_NUMBER':
    case '__ID__':
      return String(row.id);
    case '__REVISION__':
      return String(row.revision);
    case 'CREATOR':
      return { code: row.creatorCode, name: row.creatorName };
    case 'MODIFIER':
      return { code: row.modifierCode, name: row.modifierName };
    case 'CREATED_TIME':
      return toMinute(row.createdAt);
    case 'UPDATED_TIME':
      return toMinute(row.updatedAt);
    case 'CATEGORY':
      return stringList(row.values[field.code]);
  }
  const stored = row.values[field.code];
  return typeof stored === 'string' ? stored : '';
}

/** A field a client writes (or process management sets), from its stored form. */
function storedValue(
  stored: StoredValue | undefined,
  field: FieldProperty,
  files: FileCatalog,
  people: PeopleCatalog,
): FieldValue {
  if (field.type === 'FILE') return fileEntries(stored, files);
  if (isPrincipalListType(field.type)) {
    return principalEntries(stringList(stored), namesFor(field.type, people));
  }
  if (field.type === 'SUBTABLE') return tableRows(stored, field, files, people);
  // A CALC field holds what was computed when the record was last saved (calculated-values.ts).
  if (kindOf(field.type) === 'multi-choice') return stringList(stored);
  return typeof stored === 'string' ? stored : '';
}

/** A table's rows: each with its id and its fields as `{type, value}`. */
function tableRows(
  stored: StoredValue | undefined,
  table: FieldProperty,
  files: FileCatalog,
  people: PeopleCatalog,
): TableRowEntry[] {
  if (!Array.isArray(stored)) return [];
  const fields = Object.values(innerFields(table));
  return stored.flatMap((row) => {
    if (typeof row === 'string') return [];
    const value: Record<string, { type: string; value: FieldValue }> = {};
    for (const field of fields) {
      value[field.code] = {
        type: field.type,
        value: storedValue(row.value[field.code], field, files, people),
      };
    }
    return [{ id: row.id, value }];
  });
}

/** Fields whose value is a list of users, groups or organizations, stored as codes. */
function isPrincipalListType(type: string): boolean {
  return (
    type === 'STATUS_ASSIGNEE' ||
    type === 'USER_SELECT' ||
    type === 'GROUP_SELECT' ||
    type === 'ORGANIZATION_SELECT'
  );
}

// There are no organizations to name, so an organization keeps its code as its name.
function namesFor(type: string, people: PeopleCatalog): ReadonlyMap<string, string> {
  if (type === 'GROUP_SELECT') return people.groups;
  if (type === 'ORGANIZATION_SELECT') return new Map();
  return people.users;
}

/** The user and group codes these rows list, to look their names up at once. */
export function principalCodesIn(
  rows: readonly RecordRow[],
  properties: FieldProperties,
): { users: string[]; groups: string[] } {
  const found = { users: [] as string[], groups: [] as string[] };
  for (const row of rows) collectCodes(row.values, properties, found);
  return found;
}

/** Adds the codes of user and group fields to `found`, tables' rows included, in field order. */
function collectCodes(
  values: Readonly<Record<string, StoredValue>>,
  properties: FieldProperties,
  found: { users: string[]; groups: string[] },
): void {
  for (const field of Object.values(properties)) {
    if (field.enabled === false) continue;
    const stored = values[field.code];
    if (field.type === 'STATUS_ASSIGNEE' || field.type === 'USER_SELECT') {
      found.users.push(...stringList(stored));
    } else if (field.type === 'GROUP_SELECT') {
      found.groups.push(...stringList(stored));
    } else if (field.type === 'SUBTABLE' && Array.isArray(stored)) {
      for (const row of stored) {
        if (typeof row !== 'string') collectCodes(row.value, innerFields(field), found);
      }
    }
  }
}

/** Entries as `{code, name}`; one removed meanwhile keeps its code as its name. */
function principalEntries(
  codes: readonly string[],
  names: ReadonlyMap<string, string>,
): Array<{ code: string; name: string }> {
  return codes.map((code) => ({ code, name: names.get(code) ?? code }));
}

/** The download keys every FILE field of these rows lists, to look their files up at once. */
export function fileKeysIn(rows: readonly RecordRow[], properties: FieldProperties): string[] {
  const codes = fileFieldCodes(properties);
  if (codes.length === 0) return [];
  return rows.flatMap((row) => codes.flatMap((code) => stringList(row.values[code])));
}

/** The FILE fields of each field set seen, as every read of an app asks for the same ones. */
const fileFieldsOf = new WeakMap<FieldProperties, readonly string[]>();

function fileFieldCodes(properties: FieldProperties): readonly string[] {
  let codes = fileFieldsOf.get(properties);
  if (!codes) {
    codes = Object.values(properties)
      .filter((field) => field.type === 'FILE')
      .map((field) => field.code);
    fileFieldsOf.set(properties, codes);
  }
  return codes;
}

function fileEntries(stored: StoredValue | undefined, files: FileCatalog): FileEntry[] {
  return stringList(stored).flatMap((fileKey) => {
    const file = files.get(fileKey);
    if (!file) return [];
    return [{ contentType: file.contentType, fileKey, name: file.name, size: String(file.size) }];
  });
}

const STORED_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/;

// Kintone returns record timestamps to the minute (observed: `...:00Z`).
function toMinute(timestamp: string): string {
  return STORED_TIMESTAMP.test(timestamp) ? `${timestamp.slice(0, 16)}:00Z` : timestamp;
}
