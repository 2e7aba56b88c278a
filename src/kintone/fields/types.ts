/**
 * Field definitions in Kintone's own shape: what `GET app/form/fields.json` returns under
 * `properties`, keyed by field code.
 */
export type FieldType =
  | 'RECORD_NUMBER'
  | '__ID__'
  | '__REVISION__'
  | 'CREATOR'
  | 'CREATED_TIME'
  | 'MODIFIER'
  | 'UPDATED_TIME'
  | 'SINGLE_LINE_TEXT'
  | 'MULTI_LINE_TEXT'
  | 'RICH_TEXT'
  | 'NUMBER'
  | 'DATE'
  | 'TIME'
  | 'DATETIME'
  | 'DROP_DOWN'
  | 'RADIO_BUTTON'
  | 'CHECK_BOX'
  | 'MULTI_SELECT'
  | 'LINK'
  | 'FILE'
  | 'CALC'
  | 'USER_SELECT'
  | 'GROUP_SELECT'
  | 'ORGANIZATION_SELECT'
  | 'SUBTABLE'
  | 'STATUS'
  | 'CATEGORY'
  | 'STATUS_ASSIGNEE';

export interface FieldOption {
  label: string;
  index: string;
}

/** One field definition. Type-specific keys are kept as Kintone names them. */
export interface FieldProperty {
  type: FieldType;
  code: string;
  label: string;
  noLabel?: boolean;
  required?: boolean;
  unique?: boolean;
  defaultValue?: string | string[];
  options?: Record<string, FieldOption>;
  maxLength?: string;
  minLength?: string;
  maxValue?: string;
  minValue?: string;
  digit?: boolean;
  displayScale?: string;
  unit?: string;
  unitPosition?: 'BEFORE' | 'AFTER';
  defaultNowValue?: boolean;
  align?: 'HORIZONTAL' | 'VERTICAL';
  protocol?: 'WEB' | 'CALL' | 'MAIL';
  [key: string]: unknown;
}

export type FieldProperties = Record<string, FieldProperty>;

/** What a record shows of an attached file besides its download key. */
export interface FileInfo {
  name: string;
  contentType: string;
  size: number;
}

/** A FILE field's entry in record JSON: sizes are strings, as Kintone writes them. */
export interface FileEntry {
  contentType: string;
  fileKey: string;
  name: string;
  size: string;
}

/** Download key to file details, for the files the records being read list. */
export type FileCatalog = ReadonlyMap<string, FileInfo>;

/** Code to name, for the users and groups the records being read name. */
export interface PeopleCatalog {
  users: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, string>;
}

/** The value of one field as Kintone's record JSON carries it. */
export type FieldValue =
  | string
  | string[]
  | null
  | { code: string; name: string }
  | Array<{ code: string; name: string }>
  | FileEntry[]
  | TableRowEntry[];

/** A table row in record JSON: its id and its fields. */
export interface TableRowEntry {
  id: string;
  value: Record<string, { type: string; value: FieldValue }>;
}

/** One row of a table: its id, and its fields' values as stored. */
export interface SubtableRow {
  id: string;
  value: Record<string, string | string[]>;
}

/** The stored value of one field: text, a list, or a table's rows. */
export type StoredValue = string | string[] | SubtableRow[];

/** User-entered and calculated values as stored: field code to value, system fields excluded. */
export type StoredValues = Record<string, StoredValue>;

/** One record row as the store returns it. */
export interface RecordRow {
  appId: number;
  id: number;
  revision: number;
  values: StoredValues;
  creatorCode: string;
  creatorName: string;
  createdAt: string;
  modifierCode: string;
  modifierName: string;
  updatedAt: string;
}

/** A record as Kintone's API returns it: field code to `{type, value}`. */
export type KintoneRecord = Record<string, { type: string; value: unknown }>;
