import type { LocalText } from '../../errors/kintone-error.js';
import type { FieldProperties, StoredValues } from './types.js';

/** What a record write is checked against. */
export interface WriteContext {
  properties: FieldProperties;
  /**
   * Start of every error key: `record` for record.json, `records[3]` for the fourth record of
   * records.json. Keys become `${keyPrefix}.${code}.value`.
   */
  keyPrefix: string;
  mode: 'add' | 'update';
  /** The clock reading for `defaultNowValue` on DATE, TIME and DATETIME. */
  now: Date;
  /** IANA zone in which "today" and "now" are read for DATE and TIME defaults. */
  timeZone: string;
  /**
   * On update, the values already stored. Kintone checks required fields on the record as it
   * will be after the write, so a required field left empty earlier fails here too.
   */
  existing?: StoredValues;
}

/**
 * Creator, modifier and their timestamps as sent on add. Kintone takes them only from callers
 * with app-management permission; checking that permission is the caller's job.
 */
export interface SystemOverrides {
  creator?: { code: string };
  createdAt?: string;
  modifier?: { code: string };
  updatedAt?: string;
}

/** A checked record write: the user values to store and the system values to apply. */
export interface RecordWrite {
  /** On add, only the fields sent; on update, the fields to merge over the stored values. */
  values: StoredValues;
  systemOverrides: SystemOverrides;
}

/** One message for one input, keyed the way Kintone keys it. */
export interface Problem {
  key: string;
  text: LocalText;
}
