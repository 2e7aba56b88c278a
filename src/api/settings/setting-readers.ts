import { invalidInput } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import { readList, readObject, readOptionalBoolean, readPositiveId } from '../param-readers.js';

/**
 * Readers for the values of setting APIs. A PUT changes only what it names, so each reader
 * returns the current value when the parameter is left out.
 */

/** One of a fixed set of strings (`theme`, `roundingMode`, ...). */
export function readChoice<T extends string>(
  value: unknown,
  key: string,
  choices: readonly T[],
  current: T,
): T {
  if (value === undefined) return current;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw invalidInput([{ key, text: inputMessage('NOT_IN_ENUM') }]);
  }
  return value as T;
}

export function readFlag(value: unknown, key: string, current: boolean): boolean {
  return value === undefined ? current : readOptionalBoolean(value, key);
}

/** A string of at most `max` characters; `min` 1 refuses the empty string. */
export function readText(
  value: unknown,
  key: string,
  current: string,
  bounds: { min?: number; max: number },
): string {
  if (value === undefined) return current;
  if (typeof value !== 'string') throw invalidInput([{ key, text: inputMessage('NOT_STRING') }]);
  if (value.length < (bounds.min ?? 0)) {
    throw invalidInput([{ key, text: inputMessage('REQUIRED_PARAMETER') }]);
  }
  if (value.length > bounds.max) {
    throw invalidInput([{ key, text: inputMessage('AT_MOST', { max: bounds.max }) }]);
  }
  return value;
}

/** An integer in a range, answered as Kintone answers numbers in settings: a string. */
export function readIntegerText(
  value: unknown,
  key: string,
  current: string,
  range: { min: number; max: number },
): string {
  if (value === undefined) return current;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d{1,6}$/.test(text)) {
    throw invalidInput([{ key, text: inputMessage('NOT_INTEGER') }]);
  }
  const number = Number(text);
  if (number < range.min) {
    throw invalidInput([{ key, text: inputMessage('TOO_SMALL', { min: range.min }) }]);
  }
  if (number > range.max) {
    throw invalidInput([{ key, text: inputMessage('AT_MOST', { max: range.max }) }]);
  }
  return String(number);
}

/** A list of JSON objects, each kept as given. */
export function readObjectList(value: unknown, key: string, max = 1000) {
  return readList(value, key, { min: 0, max }).map((entry, i) => readObject(entry, `${key}[${i}]`));
}

/** An object of JSON objects keyed by name (views, reports, actions). */
export function readNamedObjects(
  value: unknown,
  key: string,
): Map<string, Record<string, unknown>> {
  const object = readObject(value, key);
  const named = new Map<string, Record<string, unknown>>();
  for (const [name, entry] of Object.entries(object)) {
    named.set(name, readObject(entry, `${key}.${name}`));
  }
  return named;
}

/** `offset` (0 when left out) and `limit` (1 to 100, 100 when left out) of statistics APIs. */
export function readPaging(params: Record<string, unknown>): { offset: number; limit: number } {
  const limit = params.limit === undefined ? 100 : readPositiveId(params.limit, 'limit');
  if (limit > 100) {
    throw invalidInput([{ key: 'limit', text: inputMessage('AT_MOST', { max: 100 }) }]);
  }
  const offset =
    params.offset === undefined || String(params.offset) === '0'
      ? 0
      : readPositiveId(params.offset, 'offset');
  return { offset, limit };
}
