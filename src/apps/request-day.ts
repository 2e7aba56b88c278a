import type { Services } from '../api/endpoint.js';
import { calendarDateAt, formatDate } from '../kintone/query/calendar.js';

const MINUTE_MS = 60_000;

/**
 * The last day worked out. Every API call asks, and reading a date in a time zone builds an
 * Intl formatter; a day only ever starts on a whole minute (every zone's offset is whole
 * minutes), so the answer holds for the rest of the minute.
 */
let remembered = { timeZone: '', minute: Number.NaN, day: '' };

/** The day a request is counted on: today's date in the server's time zone. */
export function requestDay(services: Services): string {
  const instant = services.now().getTime();
  const minute = Math.floor(instant / MINUTE_MS);
  const timeZone = services.config.timeZone;
  if (remembered.minute !== minute || remembered.timeZone !== timeZone) {
    remembered = { timeZone, minute, day: formatDate(calendarDateAt(instant, timeZone)) };
  }
  return remembered.day;
}
