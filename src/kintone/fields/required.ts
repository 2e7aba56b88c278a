import { inputMessage } from '../../errors/input-messages.js';
import { isEmpty, isListKind, isUserKind, kindOf } from './field-kinds.js';
import { fieldKeys } from './field-keys.js';
import type { FieldProperties, StoredValues } from './types.js';
import type { Problem } from './write-context.js';

/**
 * "Required." for each required user field among `codes` that is empty in `values`. List
 * fields answer on `.values`, the rest on `.value`, as Kintone keys them.
 */
export function requiredProblems(
  values: StoredValues,
  properties: FieldProperties,
  keyPrefix: string,
  codes: Iterable<string>,
): Problem[] {
  const problems: Problem[] = [];
  for (const code of codes) {
    const field = Object.hasOwn(properties, code) ? properties[code] : undefined;
    if (!field?.required) continue;
    const kind = kindOf(field.type);
    if (!isUserKind(kind) || !isEmpty(values[code])) continue;

    const keys = fieldKeys(keyPrefix, code);
    const key = isListKind(kind) ? keys.values : keys.value;
    problems.push({ key, text: inputMessage('REQUIRED') });
  }
  return problems;
}

/** The codes of every field a client writes. */
export function userFieldCodes(properties: FieldProperties): string[] {
  return Object.keys(properties).filter((code) => isUserKind(kindOf(properties[code]!.type)));
}
