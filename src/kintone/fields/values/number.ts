import { inputMessage } from '../../../errors/input-messages.js';
import type { FieldKeys } from '../field-keys.js';
import type { FieldProperty } from '../types.js';
import type { Problem } from '../write-context.js';
import { compareDecimals, formatDecimal, parseDecimal } from './decimal.js';
import { accepted, type Normalized } from './normalized.js';

/**
 * NUMBER values are stored in plain decimal notation ("1.5e1" becomes "15"). Text that is not a
 * number is reported on the bracket key, as Kintone does, and the field counts as empty.
 */
export function normalizeNumber(raw: string, field: FieldProperty, keys: FieldKeys): Normalized {
  if (raw.trim() === '') return accepted('');

  const decimal = parseDecimal(raw);
  if (!decimal) {
    return {
      value: '',
      problems: [{ key: keys.bracketValue, text: inputMessage('NOT_A_NUMBER') }],
    };
  }

  const problems: Problem[] = [];
  const maxValue = field.maxValue ? parseDecimal(field.maxValue) : undefined;
  const minValue = field.minValue ? parseDecimal(field.minValue) : undefined;

  if (maxValue && compareDecimals(decimal, maxValue) > 0) {
    problems.push({ key: keys.value, text: inputMessage('TOO_LARGE', { max: field.maxValue! }) });
  }
  if (minValue && compareDecimals(decimal, minValue) < 0) {
    problems.push({ key: keys.value, text: inputMessage('TOO_SMALL', { min: field.minValue! }) });
  }
  return { value: formatDecimal(decimal), problems };
}
