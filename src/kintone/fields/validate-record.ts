import { invalidInput } from '../../errors/kintone-error.js';
import { withDefaults } from './defaults.js';
import { isUserKind, kindOf } from './field-kinds.js';
import { fieldKeys } from './field-keys.js';
import { normalizeValue } from './normalize-value.js';
import { readRawValue, readRecordObject } from './read-entry.js';
import { requiredProblems, userFieldCodes } from './required.js';
import { normalizeSubtable } from './subtable.js';
import { readSystemOverride } from './system-overrides.js';
import type { StoredValues } from './types.js';
import type { Problem, RecordWrite, SystemOverrides, WriteContext } from './write-context.js';

/**
 * Checks the `record` object of an add or update and returns what to store.
 *
 * Every problem is reported at once in one CB_VA01, including required fields left empty by
 * the write: on add after defaults, on update over `context.existing` (only the fields sent
 * when that is absent). Field codes the app does not have are ignored, as Kintone documents.
 * A value whose JSON shape cannot fit its field throws CB_IJ01 instead.
 */
export function validateRecordWrite(input: unknown, context: WriteContext): RecordWrite {
  const entries = readRecordObject(input);
  const values: StoredValues = {};
  const systemOverrides: SystemOverrides = {};
  const problems: Problem[] = [];

  for (const [code, entry] of Object.entries(entries)) {
    const field = Object.hasOwn(context.properties, code) ? context.properties[code] : undefined;
    if (!field) continue;
    const kind = kindOf(field.type);
    const keys = fieldKeys(context.keyPrefix, code);

    // Kintone accepts creator, modifier and their times only when a record is added.
    if (kind === 'system' && context.mode === 'add') {
      problems.push(...readSystemOverride(entry, field, keys, systemOverrides));
    }
    if (!isUserKind(kind)) continue;

    if (kind === 'subtable') {
      const table = normalizeSubtable(entry, field, context);
      values[code] = table.value;
      problems.push(...table.problems);
      continue;
    }
    const normalized = normalizeValue(readRawValue(entry, kind), field, kind, keys);
    values[code] = normalized.value;
    problems.push(...normalized.problems);
  }

  problems.push(...requiredAfterWrite(values, context));
  if (problems.length > 0) throw invalidInput(problems);
  return { values, systemOverrides };
}

function requiredAfterWrite(values: StoredValues, context: WriteContext): Problem[] {
  const { properties, keyPrefix } = context;

  if (context.mode === 'add') {
    const record = withDefaults(values, context);
    return requiredProblems(record, properties, keyPrefix, userFieldCodes(properties));
  }
  if (context.existing) {
    const record = { ...context.existing, ...values };
    return requiredProblems(record, properties, keyPrefix, userFieldCodes(properties));
  }
  return requiredProblems(values, properties, keyPrefix, Object.keys(values));
}
