import { inputMessage } from '../../../errors/input-messages.js';
import type { FieldKeys } from '../field-keys.js';
import { isValidClock, isValidDay, pad } from './calendar.js';
import { accepted, type Normalized } from './normalized.js';

// Kintone documents YYYY-MM-DDTHH:MM:SS followed by Z or ±HH:MM; leaving out everything from
// "T" means midnight UTC. Seconds may be left out, and fractions of a second are tolerated
// because clients commonly send `Date.prototype.toISOString()`. A time without a zone is read
// as UTC, like a date alone.
const DATETIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A datetime as Kintone stores and returns it: UTC, `YYYY-MM-DDTHH:MM:00Z`. Kintone ignores the
 * seconds of a datetime it is given, so they always read 00.
 */
export function parseDateTime(text: string): string | undefined {
  const match = DATETIME_PATTERN.exec(text);
  if (!match) return undefined;

  const numbers = match.slice(1, 7).map((part) => Number(part ?? 0));
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = numbers;
  if (!isValidDay(year, month, day) || !isValidClock(hour, minute, second)) return undefined;
  const offsetMinutes = parseOffset(match[7] ?? 'Z');
  if (offsetMinutes === undefined) return undefined;

  // Date.UTC reads years below 100 as 19xx, so the year is set on its own.
  const instant = new Date(Date.UTC(2000, month - 1, day, hour, minute));
  instant.setUTCFullYear(year);
  instant.setUTCMinutes(instant.getUTCMinutes() - offsetMinutes);
  return formatUtcMinute(instant);
}

/** `YYYY-MM-DDTHH:MM:00Z` for an instant, or undefined outside years 0000 to 9999. */
export function formatUtcMinute(instant: Date): string | undefined {
  const year = instant.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;

  const date = `${pad(year, 4)}-${pad(instant.getUTCMonth() + 1)}-${pad(instant.getUTCDate())}`;
  return `${date}T${pad(instant.getUTCHours())}:${pad(instant.getUTCMinutes())}:00Z`;
}

export function normalizeDateTime(raw: string, keys: FieldKeys): Normalized {
  if (raw === '') return accepted('');

  const datetime = parseDateTime(raw);
  if (datetime !== undefined) return accepted(datetime);
  return { value: '', problems: [{ key: keys.value, text: inputMessage('BAD_DATETIME') }] };
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z') return 0;

  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  if (!isValidClock(hours, minutes)) return undefined;
  return sign * (hours * 60 + minutes);
}
