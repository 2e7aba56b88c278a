/**
 * Calendar arithmetic in an IANA time zone, on the built-in Intl data only.
 *
 * A `CalendarDate` is a day on the wall calendar, free of any zone; instants are epoch
 * milliseconds. Date arithmetic goes through Date.UTC, which never shifts a day for
 * daylight saving.
 */
export interface CalendarDate {
  year: number;
  /** 1 to 12. */
  month: number;
  /** 1 to 31. */
  day: number;
}

/** The calendar day that `instant` falls on in `timeZone`. */
export function calendarDateAt(instant: number, timeZone: string): CalendarDate {
  const { year, month, day } = wallClockAt(instant, timeZone);
  return { year, month, day };
}

/** Builds a date the way Date.UTC does: day 0 or day 32 roll into the neighbouring month. */
export function dateFromParts(year: number, month: number, day: number): CalendarDate {
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return { year: utc.getUTCFullYear(), month: utc.getUTCMonth() + 1, day: utc.getUTCDate() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return dateFromParts(date.year, date.month, date.day + days);
}

/** Adds months, keeping the day but clamping it to the target month's last day. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const first = dateFromParts(date.year, date.month + months, 1);
  const day = Math.min(date.day, lastDayOfMonth(first.year, first.month));
  return { ...first, day };
}

export function lastDayOfMonth(year: number, month: number): number {
  return dateFromParts(year, month + 1, 0).day;
}

/** 0 for Sunday through 6 for Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  return utc.getUTCDay();
}

/** The instant a wall-clock time on `date` happens in `timeZone`. */
export function instantOf(date: CalendarDate, secondOfDay: number, timeZone: string): number {
  const utc = new Date(0);
  utc.setUTCFullYear(date.year, date.month - 1, date.day);
  const wallClockAsUtc = utc.getTime() + secondOfDay * 1000;

  // The zone's offset can differ between the guess and the answer around a daylight-saving
  // change, so it is looked up a second time at the first answer.
  const firstGuess = wallClockAsUtc - offsetAt(wallClockAsUtc, timeZone);
  return wallClockAsUtc - offsetAt(firstGuess, timeZone);
}

/** Midnight at the start of `date` in `timeZone`. */
export function startOfDay(date: CalendarDate, timeZone: string): number {
  return instantOf(date, 0, timeZone);
}

/** `YYYY-MM-DD`, the stored form of DATE values. */
export function formatDate(date: CalendarDate): string {
  const year = String(date.year).padStart(4, '0');
  return `${year}-${twoDigits(date.month)}-${twoDigits(date.day)}`;
}

/** `YYYY-MM-DDTHH:MM:SSZ`, the stored form of DATETIME values and record timestamps. */
export function formatInstant(instant: number): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function isSupportedYear(date: CalendarDate): boolean {
  return date.year >= 1 && date.year <= 9999;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const wall = wallClockAt(instant, timeZone);
  const utc = new Date(0);
  utc.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  utc.setUTCHours(wall.hour, wall.minute, wall.second);

  const wholeSeconds = instant - (((instant % 1000) + 1000) % 1000);
  return utc.getTime() - wholeSeconds;
}

function wallClockAt(instant: number, timeZone: string) {
  const formatter = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts = new Map(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  const number = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type));

  // Years before 1 AD come back as positive numbers with era "BC".
  const yearOfEra = number('year');
  const year = parts.get('era') === 'BC' ? 1 - yearOfEra : yearOfEra;
  return {
    year,
    month: number('month'),
    day: number('day'),
    hour: number('hour'),
    minute: number('minute'),
    second: number('second'),
  };
}
