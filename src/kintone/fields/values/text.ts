import { inputMessage } from '../../../errors/input-messages.js';
import type { FieldKeys } from '../field-keys.js';
import type { FieldProperty } from '../types.js';
import type { Problem } from '../write-context.js';
import { accepted, type Normalized } from './normalized.js';

/**
 * Text kinds keep what was sent. Length limits apply only to a non-empty value, as in Kintone,
 * and count UTF-16 units, as Kintone's Java and browser code do.
 */
export function normalizeText(raw: string, field: FieldProperty, keys: FieldKeys): Normalized {
  if (raw === '') return accepted(raw);

  const problems: Problem[] = [];
  const maxLength = wholeNumber(field.maxLength);
  const minLength = wholeNumber(field.minLength);

  if (maxLength !== undefined && raw.length > maxLength) {
    problems.push({ key: keys.value, text: inputMessage('TOO_LONG', { limit: maxLength + 1 }) });
  }
  if (minLength !== undefined && raw.length < minLength) {
    problems.push({ key: keys.value, text: inputMessage('TOO_SHORT', { limit: minLength - 1 }) });
  }
  return { value: raw, problems };
}

function wholeNumber(limit: string | undefined): number | undefined {
  return limit !== undefined && /^\d+$/.test(limit) ? Number(limit) : undefined;
}
