import { describe, expect, it } from 'vitest';

import {
  calculatedValues,
  DEFAULT_PRECISION,
  type NumberPrecision,
} from '../../src/kintone/fields/index.js';
import type { FieldProperties, StoredValues } from '../../src/kintone/fields/types.js';

/** An app with numbers, text, choices, dates and a table of line items. */
function properties(formulas: Record<string, string | { expression: string; format?: string }>) {
  const fields: FieldProperties = {
    a: { type: 'NUMBER', code: 'a', label: 'A' },
    b: { type: 'NUMBER', code: 'b', label: 'B' },
    name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name' },
    size: { type: 'DROP_DOWN', code: 'size', label: 'Size' },
    tags: { type: 'CHECK_BOX', code: 'tags', label: 'Tags' },
    start: { type: 'DATE', code: 'start', label: 'Start' },
    end: { type: 'DATE', code: 'end', label: 'End' },
    from: { type: 'TIME', code: 'from', label: 'From' },
    to: { type: 'TIME', code: 'to', label: 'To' },
    items: {
      type: 'SUBTABLE',
      code: 'items',
      label: 'Items',
      fields: {
        price: { type: 'NUMBER', code: 'price', label: 'Price' },
        note: { type: 'SINGLE_LINE_TEXT', code: 'note', label: 'Note' },
      },
    },
  };
  for (const [code, formula] of Object.entries(formulas)) {
    const settings = typeof formula === 'string' ? { expression: formula } : formula;
    fields[code] = { type: 'CALC', code, label: code, format: 'NUMBER', ...settings };
  }
  return fields;
}

function calc(
  expression: string,
  values: StoredValues = {},
  precision: NumberPrecision = DEFAULT_PRECISION,
): string {
  return calculatedValues(values, properties({ result: expression }), precision).result!;
}

const ROWS = {
  items: [
    { id: '1', value: { price: '100', note: 'x' } },
    { id: '2', value: { price: '', note: '' } },
    { id: '3', value: { price: '25.5', note: 'y' } },
  ],
};

describe('calculatedValues: operators', () => {
  it('applies precedence: ^ before * and /, those before + and -', () => {
    expect(calc('1 + 2 * 3')).toBe('7');
    expect(calc('2 * 3 ^ 2')).toBe('18');
    expect(calc('10 - 4 - 3')).toBe('3');
    expect(calc('2 ^ 3 ^ 2')).toBe('64');
    expect(calc('12 / 3 * 2')).toBe('8');
  });

  it('computes powers up to the range limit (10^400), and refuses the next', () => {
    expect(calc('(10 ^ 40) ^ 10 / 10 ^ 99 / 10 ^ 99 / 10 ^ 99 / 10 ^ 99 / 10 ^ 3')).toBe('10');
    expect(calc('(1 / 10 ^ 40) ^ -10 / (10 ^ 100) ^ 4')).toBe('1');
    expect(calc('(2 * 10 ^ 40) ^ 10 / 10 ^ 100')).toBe('');
    expect(calc('(1 / (3 * 10 ^ 40)) ^ 10 * 10 ^ 100')).toBe('');
  });

  it('follows parentheses', () => {
    expect(calc('(1 + 2) * 3')).toBe('9');
    expect(calc('2 * (3 + (4 - 1)) / 4')).toBe('3');
  });

  it('negates with unary minus, binding tighter than ^ as in Excel', () => {
    expect(calc('-a + 5', { a: '3' })).toBe('2');
    expect(calc('-2 ^ 2')).toBe('4');
    expect(calc('3 - -2')).toBe('5');
  });

  it('computes decimals exactly and rounds the result to the app precision', () => {
    expect(calc('0.1 + 0.2')).toBe('0.3');
    expect(calc('10 / 3')).toBe('3.3333');
    expect(calc('2 / 3')).toBe('0.6667');
    expect(calc('1 / 8')).toBe('0.125');
    expect(calc('10 / 4')).toBe('2.5');
    expect(calc('a * b', { a: '1.5', b: '4' })).toBe('6');
  });

  it('rounds ties to even by default, and as the app says otherwise', () => {
    expect(calc('0.00005')).toBe('0');
    expect(calc('0.00015')).toBe('0.0002');
    const up: NumberPrecision = { digits: 16, decimalPlaces: 0, roundingMode: 'UP' };
    const down: NumberPrecision = { digits: 16, decimalPlaces: 0, roundingMode: 'DOWN' };
    expect(calc('7 / 2', {}, up)).toBe('4');
    expect(calc('-7 / 2', {}, up)).toBe('-4');
    expect(calc('7 / 2', {}, down)).toBe('3');
  });

  it('rounds each number a formula reads to the app precision first', () => {
    const whole: NumberPrecision = { digits: 16, decimalPlaces: 0, roundingMode: 'HALF_EVEN' };
    expect(calc('a * 10', { a: '2.5' }, whole)).toBe('20');
  });

  it('takes whole powers from -100 to 100, truncating a fractional one', () => {
    expect(calc('3 ^ 2.5')).toBe('9');
    expect(calc('2 ^ -2')).toBe('0.25');
    expect(calc('10 ^ 100 / 10 ^ 99')).toBe('10');
    expect(calc('2 ^ 101')).toBe('');
  });

  it('counts an empty number field as 0', () => {
    expect(calc('a + b + 1', { a: '', b: '2' })).toBe('3');
    expect(calc('a * 2', {})).toBe('0');
  });

  it('compares numbers, text and empty fields inside IF', () => {
    expect(calc('IF(a >= 10, 1, 0)', { a: '10' })).toBe('1');
    expect(calc('IF(a <> b, 1, 0)', { a: '1', b: '1' })).toBe('0');
    expect(calc('IF(size = "L", 3, 1)', { size: 'L' })).toBe('3');
    expect(calc('IF(a = "", 5, a)', { a: '' })).toBe('5');
    expect(calc('IF(a = "", 5, a)', { a: '0' })).toBe('0');
    expect(calc('IF(name & a = "x2", 1, 0)', { name: 'x', a: '2' })).toBe('1');
  });

  it('reads dates and times as seconds, so their differences are durations', () => {
    expect(calc('(end - start) / 60 / 60 / 24', { start: '2024-02-27', end: '2024-03-02' })).toBe(
      '4',
    );
    expect(calc('(to - from) / 3600', { from: '09:00', to: '17:30' })).toBe('8.5');
  });
});

describe('calculatedValues: functions', () => {
  it('SUM adds numbers, fields and a whole table column, empty cells as 0', () => {
    expect(calc('SUM(1, 2, 3)')).toBe('6');
    expect(calc('SUM(price)', ROWS)).toBe('125.5');
    expect(calc('SUM(price, a) * 2', { ...ROWS, a: '4.5' })).toBe('260');
    expect(calc('SUM(price)', { items: [] })).toBe('0');
  });

  it('ROUND rounds half away from zero; ROUNDUP and ROUNDDOWN away from and towards zero', () => {
    expect(calc('ROUND(2.5)')).toBe('3');
    expect(calc('ROUND(-2.5)')).toBe('-3');
    expect(calc('ROUND(1.2345, 2)')).toBe('1.23');
    expect(calc('ROUND(1234, -2)')).toBe('1200');
    expect(calc('ROUNDUP(1.21, 1)')).toBe('1.3');
    expect(calc('ROUNDUP(-1.23)')).toBe('-2');
    expect(calc('ROUNDDOWN(1.29, 1)')).toBe('1.2');
    expect(calc('ROUNDDOWN(-1.9)')).toBe('-1');
  });

  it('IF evaluates only the branch it takes', () => {
    expect(calc('IF(b = 0, 0, a / b)', { a: '5', b: '0' })).toBe('0');
    expect(calc('IF(b = 0, 0, a / b)', { a: '5', b: '2' })).toBe('2.5');
  });

  it('AND, OR and NOT combine conditions; CONTAINS looks into check boxes', () => {
    expect(calc('IF(AND(a > 1, b > 1), 1, 0)', { a: '2', b: '2' })).toBe('1');
    expect(calc('IF(AND(a > 1, b > 1), 1, 0)', { a: '2', b: '0' })).toBe('0');
    expect(calc('IF(OR(a > 1, b > 1), 1, 0)', { a: '0', b: '2' })).toBe('1');
    expect(calc('IF(NOT(a > 1), 1, 0)', { a: '0' })).toBe('1');
    expect(calc('IF(CONTAINS(tags, "red"), 10, 0)', { tags: ['blue', 'red'] })).toBe('10');
  });
});

describe('calculatedValues: formulas with no value', () => {
  it.each([
    ['division by zero', '1 / a'],
    ['an unknown function', 'MEDIAN(1, 2)'],
    ['a function name in lower case', 'sum(1, 2)'],
    ['an unknown field', 'missing + 1'],
    ['a field that is not a number in arithmetic', 'name + 1'],
    ['a result that is text', '"a" & "b"'],
    ['a result that is a condition', 'a > 1'],
    ['a table column outside SUM', 'price + 1'],
    ['a table text column', 'SUM(note)'],
    ['a syntax error', '1 +'],
    ['unbalanced parentheses', '(1 + 2'],
    ['an unterminated string', 'IF(name = "x, 1, 0)'],
    ['a stray character', '1 ! 2'],
    ['IF with two arguments', 'IF(a > 1, 1)'],
    ['ROUND with three arguments', 'ROUND(1, 2, 3)'],
    ['deep nesting', `${'('.repeat(5000)}1${')'.repeat(5000)}`],
    ['a huge number', '(10 ^ 100) ^ 100'],
    ['more whole digits than the app allows', '10 ^ 12'],
    ['an empty formula', ''],
  ])('stores empty for %s, without throwing', (_, expression) => {
    expect(calc(expression, { ...ROWS, a: '0', name: 'x' })).toBe('');
  });

  it('stores empty for date and time formats, which are not computed', () => {
    const fields = properties({ days: { expression: 'end - start', format: 'DAY_HOUR_MINUTE' } });
    const values = { start: '2024-01-01', end: '2024-01-03' };
    expect(calculatedValues(values, fields, DEFAULT_PRECISION)).toEqual({ days: '' });
  });

  it('lets a CALC field use another, whatever their order', () => {
    const fields = properties({ total: 'net * 2', net: 'a + b' });
    expect(calculatedValues({ a: '1', b: '2' }, fields, DEFAULT_PRECISION)).toEqual({
      total: '6',
      net: '3',
    });
  });

  it('leaves fields in a cycle empty; a field using one reads it as empty', () => {
    const fields = properties({ x: 'y + 1', y: 'x + 1', z: 'y * 2', ok: 'a + 1' });
    expect(calculatedValues({ a: '1' }, fields, DEFAULT_PRECISION)).toEqual({
      x: '',
      y: '',
      z: '0',
      ok: '2',
    });
  });
});
