import type { Services } from '../api/endpoint.js';
import { calendarDateAt, formatDate } from '../kintone/query/calendar.js';

/** The day a request is counted on: today's date in the server's time zone. */
export function requestDay(services: Services): string {
  return formatDate(calendarDateAt(services.now().getTime(), services.config.timeZone));
}
