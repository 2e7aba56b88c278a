import { describe, expect, test } from 'vitest';

import type { FunctionCall } from '../../src/kintone/query/ast.js';
import { formatDate, formatInstant, startOfDay } from '../../src/kintone/query/calendar.js';
import { evaluateDateFunction, type Period } from '../../src/kintone/query/date-functions.js';
import { parseDateTimeLiteral } from '../../src/kintone/query/temporal-literals.js';

function call(name: string, ...args: Array<string | number>): FunctionCall {
  return {
    kind: 'function',
    name,
    args: args.map((arg) =>
      typeof arg === 'number' ? { kind: 'number', text: String(arg) } : { kind: 'word', text: arg },
    ),
  };
}

/** A period as readable text: days as `first..end`, instants in UTC. */
function show(period: Period | null): string {
  if (period === null) return 'null';
  if (period.kind === 'days') return `${formatDate(period.first)}..${formatDate(period.end)}`;
  return `${formatInstant(period.start)}..${formatInstant(period.end)}`;
}

function evaluate(now: string, timeZone: string, name: string, ...args: Array<string | number>) {
  return show(evaluateDateFunction(call(name, ...args), { now: new Date(now), timeZone }));
}

describe('day boundaries in a time zone', () => {
  test('a daylight-saving day is 23 or 25 hours long', () => {
    const zone = 'America/New_York';
    const at = (year: number, month: number, day: number) =>
      formatInstant(startOfDay({ year, month, day }, zone));

    expect(at(2024, 3, 10)).toBe('2024-03-10T05:00:00Z');
    expect(at(2024, 3, 11)).toBe('2024-03-11T04:00:00Z');
    expect(at(2024, 11, 3)).toBe('2024-11-03T04:00:00Z');
    expect(at(2024, 11, 4)).toBe('2024-11-04T05:00:00Z');
  });

  test('half-hour and far-east zones', () => {
    const day = { year: 2024, month: 5, day: 15 };
    expect(formatInstant(startOfDay(day, 'Asia/Kolkata'))).toBe('2024-05-14T18:30:00Z');
    expect(formatInstant(startOfDay(day, 'Pacific/Kiritimati'))).toBe('2024-05-14T10:00:00Z');
    expect(formatInstant(startOfDay(day, 'UTC'))).toBe('2024-05-15T00:00:00Z');
  });
});

describe('evaluateDateFunction', () => {
  const WEDNESDAY = '2024-05-15T03:00:00Z';

  test.each([
    ['NOW', [], '2024-05-15T03:00:00Z..2024-05-15T03:01:00Z'],
    ['TODAY', [], '2024-05-15..2024-05-16'],
    ['YESTERDAY', [], '2024-05-14..2024-05-15'],
    ['TOMORROW', [], '2024-05-16..2024-05-17'],
    ['THIS_WEEK', [], '2024-05-12..2024-05-19'],
    ['THIS_WEEK', ['WEDNESDAY'], '2024-05-15..2024-05-16'],
    ['LAST_WEEK', ['SATURDAY'], '2024-05-11..2024-05-12'],
    ['NEXT_WEEK', [], '2024-05-19..2024-05-26'],
    ['THIS_MONTH', [], '2024-05-01..2024-06-01'],
    ['THIS_MONTH', [31], '2024-05-31..2024-06-01'],
    ['LAST_MONTH', [], '2024-04-01..2024-05-01'],
    ['NEXT_MONTH', ['LAST'], '2024-06-30..2024-07-01'],
    ['THIS_YEAR', [], '2024-01-01..2025-01-01'],
    ['LAST_YEAR', [], '2023-01-01..2024-01-01'],
    ['NEXT_YEAR', [], '2025-01-01..2026-01-01'],
    ['FROM_TODAY', [-15, 'DAYS'], '2024-04-30..2024-05-01'],
    ['FROM_TODAY', [2, 'WEEKS'], '2024-05-29..2024-05-30'],
    ['FROM_TODAY', [-3, 'MONTHS'], '2024-02-15..2024-02-16'],
    ['FROM_TODAY', [10, 'YEARS'], '2034-05-15..2034-05-16'],
  ])('%s(%j)', (name, args, expected) => {
    expect(evaluate(WEDNESDAY, 'Asia/Tokyo', name, ...args)).toBe(expected);
  });

  test('weeks start on Sunday, whichever weekday today is', () => {
    expect(evaluate('2024-05-12T12:00:00Z', 'UTC', 'THIS_WEEK')).toBe('2024-05-12..2024-05-19');
    expect(evaluate('2024-05-18T12:00:00Z', 'UTC', 'THIS_WEEK')).toBe('2024-05-12..2024-05-19');
  });

  test('months and years across their ends', () => {
    const endOfJanuary = '2024-01-31T12:00:00Z';
    expect(evaluate(endOfJanuary, 'UTC', 'FROM_TODAY', 1, 'MONTHS')).toBe('2024-02-29..2024-03-01');
    expect(evaluate(endOfJanuary, 'UTC', 'NEXT_MONTH', 'LAST')).toBe('2024-02-29..2024-03-01');
    expect(evaluate(endOfJanuary, 'UTC', 'NEXT_MONTH', 30)).toBe('2024-03-01..2024-03-02');
    expect(evaluate(endOfJanuary, 'UTC', 'LAST_MONTH')).toBe('2023-12-01..2024-01-01');
    expect(evaluate('2024-02-29T00:00:00Z', 'UTC', 'FROM_TODAY', 1, 'YEARS')).toBe(
      '2025-02-28..2025-03-01',
    );
  });

  test('TODAY() is the day in the query time zone, not in UTC', () => {
    expect(evaluate('2024-05-14T20:00:00Z', 'Asia/Tokyo', 'TODAY')).toBe('2024-05-15..2024-05-16');
    expect(evaluate('2024-05-14T20:00:00Z', 'UTC', 'TODAY')).toBe('2024-05-14..2024-05-15');
    expect(evaluate('2024-05-15T02:00:00Z', 'America/Los_Angeles', 'TODAY')).toBe(
      '2024-05-14..2024-05-15',
    );
  });
});

describe('parseDateTimeLiteral', () => {
  test.each([
    ['2024-05-15T03:01:00Z', '2024-05-15T03:01:00Z..2024-05-15T03:01:01Z'],
    ['2024-05-15T03:01Z', '2024-05-15T03:01:00Z..2024-05-15T03:02:00Z'],
    ['2024-05-15T12:01:00+09:00', '2024-05-15T03:01:00Z..2024-05-15T03:01:01Z'],
    ['2024-05-14T22:31:00-0430', '2024-05-15T03:01:00Z..2024-05-15T03:01:01Z'],
    ['2024-05-15T12:01:00.250+09:00', '2024-05-15T03:01:00Z..2024-05-15T03:01:01Z'],
    ['2024-05-15T12:01', '2024-05-15T03:01:00Z..2024-05-15T03:02:00Z'],
    ['2024-05-15', '2024-05-15..2024-05-16'],
    ['2024-05-15T24:00:00Z', 'null'],
    ['2024-02-30T00:00:00Z', 'null'],
    ['2024-05-15 03:01:00', 'null'],
    ['', 'null'],
  ])('%s (Tokyo)', (text, expected) => {
    expect(show(parseDateTimeLiteral(text, 'Asia/Tokyo'))).toBe(expected);
  });
});
