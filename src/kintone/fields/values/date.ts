import { inputMessage } from '../../../errors/input-messages.js';
import type { FieldKeys } from '../field-keys.js';
import { isValidDay, pad } from './calendar.js';
import { accepted, type Normalized } from './normalized.js';

// Kintone documents YYYY-MM-DD and also accepts YYYY, YYYY-MM, YYYY-M and YYYY-M-D: a missing
// month or day becomes 01 and short parts are zero-padded.
const DATE_PATTERN = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

/** A date as Kintone stores it (`YYYY-MM-DD`), or undefined when Kintone would refuse it. */
export function parseDate(text: string): string | undefined {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;

  const year = Number(match[1]);
  const month = Number(match[2] ?? '1');
  const day = Number(match[3] ?? '1');
  if (!isValidDay(year, month, day)) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function normalizeDate(raw: string, keys: FieldKeys): Normalized {
  if (raw === '') return accepted('');

  const date = parseDate(raw);
  if (date !== undefined) return accepted(date);
  return { value: '', problems: [{ key: keys.value, text: inputMessage('BAD_DATE') }] };
}
