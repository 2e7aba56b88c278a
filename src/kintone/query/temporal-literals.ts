import { addDays, dateFromParts, instantOf, type CalendarDate } from './calendar.js';
import type { Period } from './date-functions.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `YYYY-MM-DD` naming a real day, or null. */
export function parseDateLiteral(text: string): CalendarDate | null {
  const match = DATE.exec(text);
  if (!match) return null;

  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const date = dateFromParts(year, month, day);
  const exists = date.year === year && date.month === month && date.day === day;
  return exists && year >= 1 ? date : null;
}

/** `HH:MM` or `HH:MM:SS` as minutes since midnight (seconds are below TIME's precision). */
export function parseTimeLiteral(text: string): number | null {
  const match = TIME.exec(text);
  if (!match) return null;

  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = Number(match[3] ?? 0);
  if (hour > 23 || minute > 59 || second > 59) return null;
  return hour * 60 + minute;
}

/**
 * A DATETIME literal as the span it names: a date alone is that whole day in `timeZone`; a time
 * without seconds is that minute; with seconds, that second. A literal without `Z` or an offset
 * is read as wall-clock time in `timeZone`.
 */
export function parseDateTimeLiteral(text: string, timeZone: string): Period | null {
  const day = parseDateLiteral(text);
  if (day) return { kind: 'days', first: day, end: addDays(day, 1) };

  const match = DATE_TIME.exec(text);
  if (!match) return null;

  const date = parseDateLiteral(match.slice(1, 4).join('-'));
  const [hour, minute] = [Number(match[4]), Number(match[5])];
  const second = match[6] === undefined ? null : Number(match[6]);
  if (!date || hour > 23 || minute > 59 || (second ?? 0) > 59) return null;

  const secondOfDay = hour * 3600 + minute * 60 + (second ?? 0);
  const zone = match[7];
  const start =
    zone === undefined
      ? instantOf(date, secondOfDay, timeZone)
      : instantOf(date, secondOfDay, 'UTC') - zoneOffsetMs(zone);

  const span = second === null ? 60_000 : 1000;
  return { kind: 'instants', start, end: start + span };
}

/** `Z`, `+09:00` or `-0530` as milliseconds ahead of UTC. */
function zoneOffsetMs(zone: string): number {
  if (zone === 'Z') return 0;

  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return sign * minutes * 60_000;
}
