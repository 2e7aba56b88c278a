import { sql, type RawBuilder } from 'kysely';

import type { QueryContext } from './context.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { FieldType } from '../fields/types.js';

interface FieldBase {
  /** The code as the query wrote it; `$id` and `$revision` included. */
  code: string;
  type: FieldType;
}

/** `$id`, RECORD_NUMBER and `$revision`: integer columns. */
export interface IntegerField extends FieldBase {
  kind: 'integer';
  column: RawBuilder<number>;
  isRecordId: boolean;
}

/** Text fields, single choices and the user columns: never NULL, "" when empty. */
export interface TextField extends FieldBase {
  kind: 'text';
  text: RawBuilder<string>;
}

/** NUMBER and CALC: NULL when empty. */
export interface NumberField extends FieldBase {
  kind: 'number';
  number: RawBuilder<number | null>;
}

/** DATE, TIME, DATETIME and the record timestamps, in their stored text form; NULL when empty. */
export interface TemporalField extends FieldBase {
  kind: 'date' | 'time' | 'datetime';
  value: RawBuilder<string | null>;
}

/** CHECK_BOX, MULTI_SELECT and the other fields holding a list of strings. */
export interface ArrayField extends FieldBase {
  kind: 'array';
}

/** FILE: `like` searches the attached files' names, `is empty` finds records without files. */
export interface FileField extends FieldBase {
  kind: 'file';
}

/** A field inside a table: a record matches when any of its rows does. */
export interface TableField extends FieldBase {
  kind: 'table';
  table: string;
  /** True when the field holds a list (check boxes, users), false for one value. */
  list: boolean;
}

/** A field type the query language cannot use (a table, attachments, ...). */
export interface UnsupportedField extends FieldBase {
  kind: 'unsupported';
}

export type ResolvedField =
  | IntegerField
  | TextField
  | NumberField
  | TemporalField
  | ArrayField
  | FileField
  | TableField
  | UnsupportedField;

/** Finds what a query's field code refers to. Unknown codes are GAIA_IQ11. */
export function resolveField(code: string, context: QueryContext): ResolvedField {
  // Kintone's system identifiers work whether or not the app lists them.
  if (code === '$id') return integerColumn(code, '__ID__', 'id');
  if (code === '$revision') return integerColumn(code, '__REVISION__', 'revision');

  // Own properties only: a code such as "constructor" must not find Object.prototype.
  const property = Object.hasOwn(context.fields, code) ? context.fields[code] : undefined;
  if (property === undefined) {
    const inTable = tableFieldFor(code, context);
    if (inTable) return inTable;
  }
  // Status and assignees are there only while process management is on.
  if (property === undefined || property.enabled === false) {
    throw new KintoneError('GAIA_IQ11', { field: code });
  }

  return resolveByType(code, property.type, context);
}

function resolveByType(code: string, type: FieldType, context: QueryContext): ResolvedField {
  const { dialect } = context;

  switch (type) {
    case 'RECORD_NUMBER':
    case '__ID__':
      return integerColumn(code, type, 'id');
    case '__REVISION__':
      return integerColumn(code, type, 'revision');
    case 'CREATOR':
      return { code, type, kind: 'text', text: sql.ref('creator_code') };
    case 'MODIFIER':
      return { code, type, kind: 'text', text: sql.ref('modifier_code') };
    case 'CREATED_TIME':
      return { code, type, kind: 'datetime', value: sql.ref('created_at') };
    case 'UPDATED_TIME':
      return { code, type, kind: 'datetime', value: sql.ref('updated_at') };
    case 'SINGLE_LINE_TEXT':
    case 'MULTI_LINE_TEXT':
    case 'RICH_TEXT':
    case 'LINK':
    case 'DROP_DOWN':
    case 'RADIO_BUTTON':
    case 'STATUS':
      return { code, type, kind: 'text', text: sql`coalesce(${dialect.fieldText(code)}, '')` };
    case 'NUMBER':
    case 'CALC':
      return { code, type, kind: 'number', number: dialect.fieldNumber(code) };
    case 'DATE':
      return { code, type, kind: 'date', value: dialect.fieldText(code) };
    case 'TIME':
      return { code, type, kind: 'time', value: dialect.fieldText(code) };
    case 'DATETIME':
      return { code, type, kind: 'datetime', value: dialect.fieldText(code) };
    case 'CHECK_BOX':
    case 'MULTI_SELECT':
    case 'CATEGORY':
    case 'STATUS_ASSIGNEE':
    case 'USER_SELECT':
    case 'GROUP_SELECT':
    case 'ORGANIZATION_SELECT':
      return { code, type, kind: 'array' };
    case 'FILE':
      return { code, type, kind: 'file' };
    default:
      // Types outside FieldType reach here at run time: SUBTABLE, USER_SELECT, ...
      return { code, type, kind: 'unsupported' };
  }
}

/** A code not on the form itself may name a field of one of its tables. */
function tableFieldFor(code: string, context: QueryContext): TableField | undefined {
  for (const table of Object.values(context.fields)) {
    if (table.type !== 'SUBTABLE' || typeof table.fields !== 'object' || !table.fields) continue;
    const fields = table.fields as Record<string, { type: FieldType }>;
    const inner = Object.hasOwn(fields, code) ? fields[code] : undefined;
    if (!inner) continue;
    const list = LIST_TYPES.has(inner.type);
    return { code, type: inner.type, kind: 'table', table: table.code, list };
  }
  return undefined;
}

const LIST_TYPES: ReadonlySet<string> = new Set([
  'CHECK_BOX',
  'MULTI_SELECT',
  'USER_SELECT',
  'GROUP_SELECT',
  'ORGANIZATION_SELECT',
]);

function integerColumn(code: string, type: FieldType, column: 'id' | 'revision'): IntegerField {
  return { code, type, kind: 'integer', column: sql.ref(column), isRecordId: column === 'id' };
}
