import { KintoneError } from '../../errors/kintone-error.js';
import { emptyValue, type UserKind } from './field-kinds.js';

/**
 * The `record` object of a write as entries. Leaving it out means "all defaults" on add and
 * "change nothing" on update, as Kintone documents.
 */
export function readRecordObject(input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (isPlainObject(input)) return input;
  throw malformedRecord();
}

/**
 * The raw value of one `{value: ...}` entry. A missing or null value is an empty one. A value
 * whose JSON shape cannot belong to the field (a list for a text field, text for a check box)
 * is refused the way Kintone refuses JSON it cannot bind: CB_IJ01, without per-field errors.
 * Numbers and booleans bind to text, as they do in Kintone.
 */
export function readRawValue(entry: unknown, kind: UserKind): string | string[] {
  if (!isPlainObject(entry)) throw malformedRecord();

  const value = entry.value;
  if (value === undefined || value === null) return emptyValue(kind);
  if (kind === 'file') return fileKeys(value);
  if (kind === 'principals') return principalCodes(value);
  if (kind !== 'multi-choice') return scalarText(value);

  if (!Array.isArray(value)) throw malformedRecord();
  return value.map(scalarText);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function malformedRecord(): KintoneError {
  return new KintoneError('CB_IJ01');
}

/** A FILE value is a list of `{fileKey}` objects; the other keys a read returns are ignored. */
function fileKeys(value: unknown): string[] {
  if (!Array.isArray(value)) throw malformedRecord();
  return value.map((item) => {
    if (!isPlainObject(item) || typeof item.fileKey !== 'string') throw malformedRecord();
    return item.fileKey;
  });
}

/** User, group and organization selections are lists of `{code}`; a read's `name` is ignored. */
function principalCodes(value: unknown): string[] {
  if (!Array.isArray(value)) throw malformedRecord();
  return value.map((item) => {
    if (!isPlainObject(item) || typeof item.code !== 'string') throw malformedRecord();
    return item.code;
  });
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw malformedRecord();
}
