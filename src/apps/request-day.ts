import type { Services } from '../api/endpoint.js';

const DAY_MS = 86_400_000;

/**
 * The day a request is counted on. Kintone's daily request counts run from 9:00 to 8:59 Japan
 * time, that is by the UTC date, whatever time zone the domain or the server uses.
 */
export function requestDay(services: Services): string {
  const instant = services.now().getTime();
  return new Date(Math.floor(instant / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}
