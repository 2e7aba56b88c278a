import type { FieldType, StoredValue } from './types.js';

/**
 * How a field type behaves on write and read. User-entered kinds share one value format each;
 * `calc` is computed on save (never taken from the client), `system` values come from the
 * record row or process management, never from the record's stored values. `file` values are
 * stored as the download keys of attached files, `principals` (user, group and organization
 * selections) as codes.
 * Types this server does not model yet are `unsupported`: ignored on write and left out of
 * records. checkFieldProperties refuses them, so they reach here only from unchecked input.
 */
export type ValueKind =
  | 'text'
  | 'number'
  | 'date'
  | 'time'
  | 'datetime'
  | 'single-choice'
  | 'multi-choice'
  | 'file'
  | 'principals'
  | 'subtable'
  | 'calc'
  | 'system'
  | 'unsupported';

const KIND_OF_TYPE: Readonly<Record<FieldType, ValueKind>> = {
  SINGLE_LINE_TEXT: 'text',
  MULTI_LINE_TEXT: 'text',
  RICH_TEXT: 'text',
  LINK: 'text',
  NUMBER: 'number',
  DATE: 'date',
  TIME: 'time',
  DATETIME: 'datetime',
  DROP_DOWN: 'single-choice',
  RADIO_BUTTON: 'single-choice',
  CHECK_BOX: 'multi-choice',
  MULTI_SELECT: 'multi-choice',
  FILE: 'file',
  USER_SELECT: 'principals',
  GROUP_SELECT: 'principals',
  ORGANIZATION_SELECT: 'principals',
  SUBTABLE: 'subtable',
  CALC: 'calc',
  RECORD_NUMBER: 'system',
  __ID__: 'system',
  __REVISION__: 'system',
  CREATOR: 'system',
  CREATED_TIME: 'system',
  MODIFIER: 'system',
  UPDATED_TIME: 'system',
  STATUS: 'system',
  CATEGORY: 'system',
  STATUS_ASSIGNEE: 'system',
};

export function kindOf(type: string): ValueKind {
  return isFieldType(type) ? KIND_OF_TYPE[type] : 'unsupported';
}

export function isFieldType(type: unknown): type is FieldType {
  return typeof type === 'string' && Object.hasOwn(KIND_OF_TYPE, type);
}

/** Kinds whose values a client writes and the store keeps in `values`. */
export type UserKind = Exclude<ValueKind, 'calc' | 'system' | 'unsupported'>;

export function isUserKind(kind: ValueKind): kind is UserKind {
  return kind !== 'calc' && kind !== 'system' && kind !== 'unsupported';
}

/** The value of a field that holds nothing. */
export function emptyValue(kind: UserKind): string | string[] {
  return isListKind(kind) ? [] : '';
}

/** Kinds whose value is a list: answered on `.values` in errors, `[]` when empty. */
export function isListKind(kind: UserKind): boolean {
  return kind === 'multi-choice' || kind === 'file' || kind === 'principals' || kind === 'subtable';
}

export function isEmpty(value: string | readonly unknown[] | undefined): boolean {
  return value === undefined || value.length === 0;
}

/** The strings of a stored list value (a check box, files, users); [] for anything else. */
export function stringList(value: StoredValue | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}
