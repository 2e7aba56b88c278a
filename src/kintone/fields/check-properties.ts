import { isFieldType } from './field-kinds.js';
import { fillProperty } from './property-fills.js';
import { checkFieldRules, FLAG_KEYS } from './property-rules.js';
import { isPlainObject } from './read-entry.js';
import { isSystemFieldType } from './system-fields.js';
import type { FieldProperty } from './types.js';

// Kintone refuses field codes that start with a digit, hold spaces, or use symbols other than
// these; it allows at most 128 characters.
const CODE_PATTERN = /^(?![0-9０-９])[\p{L}\p{N}_＿$＄￥・]+$/u;
const LONGEST_CODE = 128;
const CODE_RULE =
  'must not start with a digit or hold spaces or symbols other than _ $ ￥ ・, ' +
  'must not be $id, $revision or __proto__, and must be 128 characters or fewer';

// Kintone keeps $id and $revision for the record id and revision in record JSON. __proto__
// would reach object prototypes here, where codes become object keys.
const RESERVED_CODES = new Set(['$id', '$revision', '__proto__']);

const STRING_NUMBER_KEYS = ['maxLength', 'minLength', 'maxValue', 'minValue', 'displayScale'];

/**
 * Checks app field definitions in Kintone's `properties` shape (as a seed file gives them) and
 * returns each problem as a sentence naming the field and key; empty when all is well.
 *
 * Sound fields are completed in place the way Kintone completes them: `code` from the key,
 * numbers and flags written as JSON numbers or "true"/"false" turned into Kintone's own string
 * and boolean forms, and every key Kintone fills in for a new field.
 */
export function checkFieldProperties(properties: unknown): string[] {
  if (!isPlainObject(properties)) {
    return ['properties must be an object of field definitions keyed by field code'];
  }

  const problems: string[] = [];
  const systemTypesSeen = new Set<string>();

  for (const [key, definition] of Object.entries(properties)) {
    const report = (where: string, message: string) =>
      problems.push(`field "${key}": ${where} ${message}`);
    if (!isPlainObject(definition)) {
      problems.push(`field "${key}": must be an object`);
      continue;
    }

    const before = problems.length;
    checkIdentity(key, definition, report);
    if (problems.length > before) continue;
    const field = definition as FieldProperty;

    if (isSystemFieldType(field.type) && systemTypesSeen.has(field.type)) {
      report('type', `${field.type} appears more than once; an app has one`);
    }
    systemTypesSeen.add(field.type);

    writeInKintoneForms(field);
    checkFieldRules(field, report);
    if (field.type === 'SUBTABLE') problems.push(...checkTable(key, field));
    if (problems.length === before) fillProperty(field);
  }
  problems.push(...repeatedCodes(properties));
  return problems;
}

// Kintone keeps tables flat: no tables, attachments or system fields inside a table.
const NOT_IN_TABLES = new Set(['SUBTABLE', 'FILE', 'CALC']);

/** A table's own fields are checked like an app's, and may be only the simple kinds. */
function checkTable(key: string, table: FieldProperty): string[] {
  if (!isPlainObject(table.fields) || Object.keys(table.fields).length === 0) {
    return [`field "${key}": fields must be an object of at least one field definition`];
  }
  const problems = checkFieldProperties(table.fields).map((p) => `field "${key}": fields: ${p}`);
  for (const [code, inner] of Object.entries(table.fields)) {
    const type = isPlainObject(inner) ? String(inner.type) : '';
    if (NOT_IN_TABLES.has(type) || isSystemFieldType(type)) {
      problems.push(`field "${key}": fields: field "${code}": a table cannot hold ${type} fields`);
    }
  }
  return problems;
}

/** Field codes are unique in the whole app, tables' fields included. */
function repeatedCodes(properties: Record<string, unknown>): string[] {
  const seen = new Set(Object.keys(properties));
  const problems: string[] = [];
  for (const [key, definition] of Object.entries(properties)) {
    if (!isPlainObject(definition) || !isPlainObject(definition.fields)) continue;
    if (definition.type !== 'SUBTABLE') continue;
    for (const code of Object.keys(definition.fields)) {
      if (seen.has(code)) problems.push(`field "${key}": fields: code "${code}" is used twice`);
      seen.add(code);
    }
  }
  return problems;
}

function checkIdentity(
  key: string,
  definition: Record<string, unknown>,
  report: (where: string, message: string) => void,
): void {
  definition.code ??= key;
  if (definition.code !== key) {
    report('code', `must equal its key, got ${JSON.stringify(definition.code)}`);
  }

  if (!CODE_PATTERN.test(key) || key.length > LONGEST_CODE || RESERVED_CODES.has(key)) {
    report('code', CODE_RULE);
  }

  const type = definition.type;
  if (!isFieldType(type) || type === '__ID__' || type === '__REVISION__') {
    report('type', `${JSON.stringify(type)} is not a field type kintone-local supports`);
  }
  if (typeof definition.label !== 'string') report('label', 'must be a string');
}

// Kintone writes limits as strings and flags as booleans, but accepts both spellings on input.
function writeInKintoneForms(field: FieldProperty): void {
  for (const key of STRING_NUMBER_KEYS) {
    if (typeof field[key] === 'number') field[key] = String(field[key]);
  }
  for (const key of FLAG_KEYS) {
    if (field[key] === 'true' || field[key] === 'false') field[key] = field[key] === 'true';
  }

  for (const [label, option] of Object.entries(field.options ?? {})) {
    if (!isPlainObject(option)) continue;
    option.label ??= label;
    if (typeof option.index === 'number') option.index = String(option.index);
  }
}
