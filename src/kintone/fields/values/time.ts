import { inputMessage } from '../../../errors/input-messages.js';
import type { FieldKeys } from '../field-keys.js';
import { isValidClock, pad } from './calendar.js';
import { accepted, type Normalized } from './normalized.js';

// Kintone documents HH:MM. Seconds are accepted and dropped, as they are for DATETIME.
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A time as Kintone stores it (`HH:MM`, never converted to UTC), or undefined. */
export function parseTime(text: string): string | undefined {
  const match = TIME_PATTERN.exec(text);
  if (!match) return undefined;

  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (!isValidClock(hour, minute, Number(match[3] ?? '0'))) return undefined;
  return `${pad(hour)}:${pad(minute)}`;
}

export function normalizeTime(raw: string, keys: FieldKeys): Normalized {
  if (raw === '') return accepted('');

  const time = parseTime(raw);
  if (time !== undefined) return accepted(time);
  return { value: '', problems: [{ key: keys.value, text: inputMessage('BAD_TIME') }] };
}
