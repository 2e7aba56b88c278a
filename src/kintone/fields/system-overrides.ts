import { inputMessage } from '../../errors/input-messages.js';
import type { FieldKeys } from './field-keys.js';
import { isPlainObject, malformedRecord } from './read-entry.js';
import type { FieldProperty } from './types.js';
import { parseDateTime } from './values/datetime.js';
import type { Problem, SystemOverrides } from './write-context.js';

/**
 * Reads a creator, modifier or timestamp sent on add into `overrides`. Every other system
 * field (record number, status, ...) is ignored, as Kintone ignores it. An empty value means
 * "not given".
 */
export function readSystemOverride(
  entry: unknown,
  field: FieldProperty,
  keys: FieldKeys,
  overrides: SystemOverrides,
): Problem[] {
  if (!isPlainObject(entry)) throw malformedRecord();
  const value = entry.value;
  if (value === undefined || value === null || value === '') return [];

  switch (field.type) {
    case 'CREATOR':
      return setIfGiven(userCode(value), (user) => (overrides.creator = user));
    case 'MODIFIER':
      return setIfGiven(userCode(value), (user) => (overrides.modifier = user));
    case 'CREATED_TIME':
      return readTimestamp(value, keys, (at) => (overrides.createdAt = at));
    case 'UPDATED_TIME':
      return readTimestamp(value, keys, (at) => (overrides.updatedAt = at));
    default:
      return [];
  }
}

// Kintone takes a user as `{code}`; a name sent alongside is ignored. An empty code leaves the
// caller's own choice (the acting user) in place.
function userCode(value: unknown): { code: string } | undefined {
  if (!isPlainObject(value) || typeof value.code !== 'string') throw malformedRecord();
  return value.code === '' ? undefined : { code: value.code };
}

function setIfGiven<T>(value: T | undefined, apply: (value: T) => void): Problem[] {
  if (value !== undefined) apply(value);
  return [];
}

function readTimestamp(value: unknown, keys: FieldKeys, apply: (at: string) => void): Problem[] {
  if (typeof value !== 'string') throw malformedRecord();

  const at = parseDateTime(value);
  if (at === undefined) return [{ key: keys.value, text: inputMessage('BAD_DATETIME') }];
  apply(at);
  return [];
}
