import { invalidInput, type LocalText } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';

/**
 * Readers for API parameters. Values arrive as JSON types from a body or as strings from a
 * query string, so each reader accepts both and throws Kintone's CB_VA01 with the parameter's
 * own key when the value does not fit.
 */
function refuse(key: string, text: LocalText): never {
  throw invalidInput([{ key, text }]);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * A number given as a JSON number or as plain decimal digits; nothing looser (no hex, no 1e3).
 * Sixteen digits at most, so every value fits the store's 64-bit columns.
 */
function toInteger(value: unknown): number {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : NaN;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : NaN;
  }
  return NaN;
}

/** A positive integer id (`app`, `id`), given as a number or a decimal string. */
export function readPositiveId(value: unknown, key: string): number {
  if (isMissing(value)) refuse(key, inputMessage('REQUIRED_PARAMETER'));

  const number = toInteger(value);
  if (Number.isNaN(number)) refuse(key, inputMessage('NOT_INTEGER'));
  if (number < 1) refuse(key, inputMessage('AT_LEAST_ONE'));
  return number;
}

/**
 * An expected revision: null when omitted or -1, which Kintone treats as "skip the check".
 */
export function readRevision(value: unknown, key: string): number | null {
  if (isMissing(value)) return null;
  const number = toInteger(value);
  if (Number.isNaN(number)) refuse(key, inputMessage('NOT_INTEGER'));
  if (number === -1) return null;
  if (number < 1) refuse(key, inputMessage('AT_LEAST_ONE'));
  return number;
}

export function readOptionalBoolean(value: unknown, key: string): boolean {
  if (isMissing(value)) return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return refuse(key, inputMessage('NOT_BOOLEAN'));
}

export function readOptionalString(value: unknown, key: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') refuse(key, inputMessage('NOT_STRING'));
  return value;
}

export function readObject(value: unknown, key: string): Record<string, unknown> {
  if (isMissing(value)) refuse(key, inputMessage('REQUIRED_PARAMETER'));
  if (typeof value !== 'object' || Array.isArray(value)) refuse(key, inputMessage('NOT_OBJECT'));
  return value as Record<string, unknown>;
}

/**
 * A list parameter. qs turns `ids[0]=1&ids[1]=2` into an array, and `ids[25]=…` past its
 * array limit into an object with numeric keys, so both shapes are read in index order.
 */
export function readList(
  value: unknown,
  key: string,
  bounds: { min: number; max: number },
  tooMany: LocalText = inputMessage('TOO_MANY_ITEMS', { max: bounds.max }),
  tooFew: LocalText = inputMessage('REQUIRED_PARAMETER'),
): unknown[] {
  if (isMissing(value)) refuse(key, inputMessage('REQUIRED_PARAMETER'));

  let list: unknown[];
  if (Array.isArray(value)) {
    list = Array.from(value);
  } else if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.every(([k]) => /^\d+$/.test(k))) refuse(key, inputMessage('NOT_ARRAY'));
    list = [];
    for (const [k, v] of entries) list[Number(k)] = v;
  } else {
    return refuse(key, inputMessage('NOT_ARRAY'));
  }

  if (list.length > bounds.max) refuse(key, tooMany);
  if (list.length < bounds.min) refuse(key, tooFew);
  return list;
}

/** The `fields` parameter of record reads: field codes, or undefined for every field. */
export function readFieldCodes(value: unknown): string[] | undefined {
  return value === undefined
    ? undefined
    : readList(value, 'fields', { min: 0, max: 1000 }).map(String);
}
