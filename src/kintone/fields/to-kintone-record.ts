import { kindOf } from './field-kinds.js';
import type {
  FieldProperties,
  FileCatalog,
  FileEntry,
  FieldProperty,
  FieldValue,
  KintoneRecord,
  PeopleCatalog,
  RecordRow,
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
      field.type === 'FILE'
        ? fileEntries(row.values[code], files)
        : isPrincipalListType(field.type)
          ? principalEntries(row.values[code], namesFor(field.type, people))
          : fieldValue(row, code, field);
    record[code] = { type: field.type, value };
  }

  if (isWanted('$id')) record.$id = { type: '__ID__', value: String(row.id) };
  if (isWanted('$revision')) {
    record.$revision = { type: '__REVISION__', value: String(row.revision) };
  }
  return record;
}

function fieldValue(row: RecordRow, code: string, field: FieldProperty): FieldValue {
  const stored = row.values[code];

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
    case 'CALC':
      // Formulas are out of scope for now, so a calculated field reads as empty.
      return '';
  }

  const listed = field.type === 'CATEGORY' || kindOf(field.type) === 'multi-choice';
  if (listed) return Array.isArray(stored) ? [...stored] : [];
  return typeof stored === 'string' ? stored : '';
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
  const fields = Object.values(properties).filter(
    (field) => isPrincipalListType(field.type) && field.enabled !== false,
  );
  const codesOf = (types: readonly string[]) =>
    rows.flatMap((row) =>
      fields
        .filter((field) => types.includes(field.type))
        .flatMap((field) => {
          const codes = row.values[field.code];
          return Array.isArray(codes) ? codes : [];
        }),
    );
  return {
    users: codesOf(['STATUS_ASSIGNEE', 'USER_SELECT']),
    groups: codesOf(['GROUP_SELECT']),
  };
}

/** Entries as `{code, name}`; one removed meanwhile keeps its code as its name. */
function principalEntries(
  stored: string | string[] | undefined,
  names: ReadonlyMap<string, string>,
): Array<{ code: string; name: string }> {
  if (!Array.isArray(stored)) return [];
  return stored.map((code) => ({ code, name: names.get(code) ?? code }));
}

/** The download keys every FILE field of these rows lists, to look their files up at once. */
export function fileKeysIn(rows: readonly RecordRow[], properties: FieldProperties): string[] {
  const codes = Object.values(properties)
    .filter((field) => field.type === 'FILE')
    .map((field) => field.code);
  return rows.flatMap((row) =>
    codes.flatMap((code) => {
      const keys = row.values[code];
      return Array.isArray(keys) ? keys : [];
    }),
  );
}

function fileEntries(stored: string | string[] | undefined, files: FileCatalog): FileEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((fileKey) => {
    const file = files.get(fileKey);
    if (!file) return [];
    return [{ contentType: file.contentType, fileKey, name: file.name, size: String(file.size) }];
  });
}

// Kintone returns record timestamps to the minute (observed: `...:00Z`).
function toMinute(timestamp: string): string {
  return timestamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(?:\.\d+)?Z$/, '$1:00Z');
}
