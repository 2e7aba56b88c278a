import { pad } from './calendar.js';

/** "Today" and "now" as read on a wall clock in an IANA time zone. */
export interface WallClock {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  time: string;
}

export function wallClock(instant: Date, timeZone: string): WallClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  });

  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }

  const date = `${pad(parts.year ?? 0, 4)}-${pad(parts.month ?? 1)}-${pad(parts.day ?? 1)}`;
  return { date, time: `${pad(parts.hour ?? 0)}:${pad(parts.minute ?? 0)}` };
}
