import { kindOf } from './field-kinds.js';
import type {
  FieldProperties,
  FieldProperty,
  FieldValue,
  KintoneRecord,
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
 * are fields of types this server does not model yet.
 */
export function toKintoneRecord(
  row: RecordRow,
  properties: FieldProperties,
  fieldCodes?: readonly string[],
): KintoneRecord {
  const wanted = fieldCodes ? new Set(fieldCodes) : undefined;
  const isWanted = (code: string) => wanted === undefined || wanted.has(code);
  const record: KintoneRecord = {};

  for (const [code, field] of Object.entries(properties)) {
    if (!isWanted(code) || field.enabled === false) continue;
    if (kindOf(field.type) === 'unsupported') continue;
    record[code] = { type: field.type, value: fieldValue(row, code, field) };
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
    case 'STATUS_ASSIGNEE':
      // Assignees are users ({code, name}); the stored values do not hold them yet.
      return [];
  }

  const listed = field.type === 'CATEGORY' || kindOf(field.type) === 'multi-choice';
  if (listed) return Array.isArray(stored) ? [...stored] : [];
  return typeof stored === 'string' ? stored : '';
}

// Kintone returns record timestamps to the minute (observed: `...:00Z`).
function toMinute(timestamp: string): string {
  return timestamp.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}(?:\.\d+)?Z$/, '$1:00Z');
}
