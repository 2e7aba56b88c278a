import { invalidInput } from '../../errors/kintone-error.js';
import { withDefaults } from './defaults.js';
import { requiredProblems, userFieldCodes } from './required.js';
import type { StoredValues } from './types.js';
import type { WriteContext } from './write-context.js';

/**
 * The full values of a new record: `sent` (from `validateRecordWrite`) plus the default of
 * every user field not sent, one entry per user field. Throws CB_VA01 when a required field
 * ends up empty; after `validateRecordWrite` in add mode that cannot happen any more.
 */
export function completeNewRecord(sent: StoredValues, context: WriteContext): StoredValues {
  const values = withDefaults(sent, context);

  const codes = userFieldCodes(context.properties);
  const problems = requiredProblems(values, context.properties, context.keyPrefix, codes);
  if (problems.length > 0) throw invalidInput(problems);
  return values;
}
