import type { Services } from '../api/endpoint.js';

const DAY_MS = 86_400_000;

/** The last day asked for, as every call of the same day asks for it again. */
let lastDay = { number: Number.NaN, text: '' };

/**
 * The day a request is counted on. Kintone's daily request counts run from 9:00 to 8:59 Japan
 * time, that is by the UTC date, whatever time zone the domain or the server uses.
 */
export function requestDay(services: Services): string {
  const number = Math.floor(services.now().getTime() / DAY_MS);
  if (number !== lastDay.number) {
    lastDay = { number, text: new Date(number * DAY_MS).toISOString().slice(0, 10) };
  }
  return lastDay.text;
}
