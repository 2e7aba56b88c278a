import { describe, expect, it } from 'vitest';

import { parseDate } from '../../src/kintone/fields/values/date.js';
import { formatUtcMinute, parseDateTime } from '../../src/kintone/fields/values/datetime.js';
import {
  compareDecimals,
  formatDecimal,
  parseDecimal,
} from '../../src/kintone/fields/values/decimal.js';
import { parseTime } from '../../src/kintone/fields/values/time.js';
import { wallClock } from '../../src/kintone/fields/values/wall-clock.js';

function plain(text: string): string | undefined {
  const decimal = parseDecimal(text);
  return decimal && formatDecimal(decimal);
}

describe('decimals', () => {
  it.each([
    ['0', '0'],
    ['0.000', '0.000'],
    ['-0.0', '0.0'],
    ['1e0', '1'],
    ['1e-3', '0.001'],
    ['123.456e2', '12345.6'],
    ['123.456e-5', '0.00123456'],
    ['9'.repeat(40), '9'.repeat(40)],
    ['1.', '1'],
  ])('writes %j as %j', (text, expected) => {
    expect(plain(text)).toBe(expected);
  });

  it.each(['', ' ', 'e5', '1e1001', 'Infinity', 'NaN', '0x10', '1_000'])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeUndefined();
  });

  it.each([
    ['1', '2', -1],
    ['2', '1', 1],
    ['1.0', '1', 0],
    ['-1', '-2', 1],
    ['-0.5', '0.25', -1],
    ['100000000000000000001', '100000000000000000000', 1],
  ])('compares %j with %j', (a, b, expected) => {
    expect(compareDecimals(parseDecimal(a)!, parseDecimal(b)!)).toBe(expected);
  });
});

describe('dates and times', () => {
  it('knows leap years', () => {
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
    expect(parseDate('1900-02-29')).toBeUndefined();
    expect(parseDate('0004-2-29')).toBe('0004-02-29');
  });

  it('reads times with or without seconds', () => {
    expect(parseTime('07:05')).toBe('07:05');
    expect(parseTime('07:05:60')).toBeUndefined();
  });

  it('keeps years below 100 as written', () => {
    expect(parseDateTime('0099-06-01T12:00:00Z')).toBe('0099-06-01T12:00:00Z');
  });

  it('refuses datetimes that leave years 0000 to 9999 once moved to UTC', () => {
    expect(parseDateTime('9999-12-31T23:30:00-01:00')).toBeUndefined();
    expect(parseDateTime('0000-01-01T00:00:00+01:00')).toBeUndefined();
  });

  it('writes instants to the minute', () => {
    expect(formatUtcMinute(new Date('2024-05-06T07:08:09.999Z'))).toBe('2024-05-06T07:08:00Z');
  });

  it('reads the wall clock across a date line', () => {
    const instant = new Date('2024-12-31T23:30:00Z');

    expect(wallClock(instant, 'UTC')).toEqual({ date: '2024-12-31', time: '23:30' });
    expect(wallClock(instant, 'Asia/Tokyo')).toEqual({ date: '2025-01-01', time: '08:30' });
    expect(wallClock(instant, 'Pacific/Honolulu')).toEqual({ date: '2024-12-31', time: '13:30' });
  });

  it('writes midnight as 00, not 24', () => {
    expect(wallClock(new Date('2024-06-01T15:00:00Z'), 'Asia/Tokyo').time).toBe('00:00');
  });
});
