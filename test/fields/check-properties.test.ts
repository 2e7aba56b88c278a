import { describe, expect, it } from 'vitest';

import { checkFieldProperties } from '../../src/kintone/fields/index.js';
import { appProperties, options } from './fixtures.js';

describe('checkFieldProperties: sound definitions', () => {
  it('accepts an app with every supported type', () => {
    expect(checkFieldProperties(appProperties())).toEqual([]);
  });

  it('fills the code from the key and the keys Kintone fills in', () => {
    const properties: Record<string, Record<string, unknown>> = {
      title: { type: 'SINGLE_LINE_TEXT', label: 'Title' },
      amount: { type: 'NUMBER', label: 'Amount' },
      day: { type: 'DATE', label: 'Day' },
      tags: { type: 'CHECK_BOX', label: 'Tags', options: options('a') },
      site: { type: 'LINK', label: 'Site' },
    };

    expect(checkFieldProperties(properties)).toEqual([]);
    expect(properties).toEqual({
      title: {
        type: 'SINGLE_LINE_TEXT',
        code: 'title',
        label: 'Title',
        noLabel: false,
        required: false,
        unique: false,
        minLength: '',
        maxLength: '',
        expression: '',
        hideExpression: false,
        defaultValue: '',
      },
      amount: {
        type: 'NUMBER',
        code: 'amount',
        label: 'Amount',
        noLabel: false,
        required: false,
        unique: false,
        minValue: '',
        maxValue: '',
        digit: false,
        displayScale: '',
        unit: '',
        unitPosition: 'BEFORE',
        defaultValue: '',
      },
      day: {
        type: 'DATE',
        code: 'day',
        label: 'Day',
        noLabel: false,
        required: false,
        unique: false,
        defaultValue: '',
        defaultNowValue: false,
      },
      tags: {
        type: 'CHECK_BOX',
        code: 'tags',
        label: 'Tags',
        noLabel: false,
        required: false,
        align: 'HORIZONTAL',
        options: options('a'),
        defaultValue: [],
      },
      site: {
        type: 'LINK',
        code: 'site',
        label: 'Site',
        noLabel: false,
        required: false,
        unique: false,
        protocol: 'WEB',
        minLength: '',
        maxLength: '',
        defaultValue: '',
      },
    });
  });

  it('keeps keys that were given', () => {
    const properties = {
      title: { type: 'SINGLE_LINE_TEXT', label: 'Title', required: true, maxLength: '10' },
    };

    checkFieldProperties(properties);

    expect(properties.title).toMatchObject({ required: true, maxLength: '10' });
  });

  it('selects the first option as a radio button default', () => {
    const properties = {
      color: {
        type: 'RADIO_BUTTON',
        label: 'Color',
        options: { blue: { label: 'blue', index: '1' }, red: { label: 'red', index: '0' } },
      },
    };

    expect(checkFieldProperties(properties)).toEqual([]);
    expect(properties.color).toMatchObject({ defaultValue: 'red', align: 'HORIZONTAL' });
  });

  it('rewrites numbers and "true"/"false" into Kintone strings and booleans', () => {
    const properties = {
      title: { type: 'SINGLE_LINE_TEXT', label: 'T', maxLength: 64, required: 'true' },
      size: { type: 'DROP_DOWN', label: 'S', options: { S: { index: 0 }, M: { index: 1 } } },
    };

    expect(checkFieldProperties(properties)).toEqual([]);
    expect(properties.title).toMatchObject({ maxLength: '64', required: true });
    expect(properties.size.options).toEqual(options('S', 'M'));
  });

  it('accepts Japanese codes and the symbols Kintone allows', () => {
    const properties = {
      文字列_1: { type: 'SINGLE_LINE_TEXT', label: '文字列' },
      'お客様・名前＿$': { type: 'SINGLE_LINE_TEXT', label: '名前' },
    };

    expect(checkFieldProperties(properties)).toEqual([]);
  });
});

describe('checkFieldProperties: problems', () => {
  it('refuses something that is not an object of fields', () => {
    expect(checkFieldProperties([])).toEqual([
      'properties must be an object of field definitions keyed by field code',
    ]);
    expect(checkFieldProperties(null)).toHaveLength(1);
  });

  const unsupported = 'is not a field type kintone-local supports';

  it.each([
    [{ a: 'text' }, 'field "a": must be an object'],
    [
      { a: { type: 'SINGLE_LINE_TEXT', code: 'b', label: 'A' } },
      'field "a": code must equal its key, got "b"',
    ],
    [
      { a: { type: 'REFERENCE_TABLE', label: 'A' } },
      `field "a": type "REFERENCE_TABLE" ${unsupported}`,
    ],
    [{ a: { type: '__ID__', label: 'A' } }, `field "a": type "__ID__" ${unsupported}`],
    [{ a: { label: 'A' } }, `field "a": type undefined ${unsupported}`],
    [{ a: { type: 'NUMBER' } }, 'field "a": label must be a string'],
    [
      { t: { type: 'SUBTABLE', label: 'T' } },
      'field "t": fields must be an object of at least one field definition',
    ],
    [
      { t: { type: 'SUBTABLE', label: 'T', fields: { f: { type: 'FILE', label: 'F' } } } },
      'field "t": fields: field "f": a table cannot hold FILE fields',
    ],
    [
      { t: { type: 'SUBTABLE', label: 'T', fields: { n: { type: 'NUMBER', label: 5 } } } },
      'field "t": fields: field "n": label must be a string',
    ],
    [
      {
        n: { type: 'NUMBER', label: 'N' },
        t: { type: 'SUBTABLE', label: 'T', fields: { n: { type: 'NUMBER', label: 'N' } } },
      },
      'field "t": fields: code "n" is used twice',
    ],
  ])('reports %j', (properties, problem) => {
    expect(checkFieldProperties(properties)).toEqual([problem]);
  });

  const badCodes = ['1st', 'two words', 'a-b', '$id', '$revision', '__proto__', 'x'.repeat(129)];

  it.each([...badCodes, '１番'])('refuses the code %j', (code) => {
    const problems = checkFieldProperties({ [code]: { type: 'NUMBER', label: 'N' } });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^field ".*": code must not start with a digit/);
  });

  it('reports a system field that appears twice', () => {
    const problems = checkFieldProperties({
      made: { type: 'CREATED_TIME', label: 'Made' },
      made2: { type: 'CREATED_TIME', label: 'Made again' },
    });

    expect(problems).toEqual([
      'field "made2": type CREATED_TIME appears more than once; an app has one',
    ]);
  });

  it('reports bad limits and ranges', () => {
    const problems = checkFieldProperties({
      title: { type: 'SINGLE_LINE_TEXT', label: 'T', maxLength: 'ten', minLength: '-1' },
      short: { type: 'SINGLE_LINE_TEXT', label: 'S', maxLength: '2', minLength: '3' },
      amount: { type: 'NUMBER', label: 'A', maxValue: 'lots', displayScale: 'x' },
      range: { type: 'NUMBER', label: 'R', maxValue: '1', minValue: '1.5' },
    });

    expect(problems).toEqual([
      'field "title": minLength must be a whole number written as a string, got "-1"',
      'field "title": maxLength must be a whole number written as a string, got "ten"',
      'field "short": minLength must not be greater than maxLength',
      'field "amount": maxValue must be a number written as a string, got "lots"',
      'field "amount": displayScale must be a whole number written as a string, got "x"',
      'field "range": minValue must not be greater than maxValue',
    ]);
  });

  it('reports bad options', () => {
    const problems = checkFieldProperties({
      none: { type: 'DROP_DOWN', label: 'N', options: {} },
      list: { type: 'RADIO_BUTTON', label: 'L', options: [{ label: 'a', index: '0' }] },
      missing: { type: 'CHECK_BOX', label: 'M' },
      bad: {
        type: 'MULTI_SELECT',
        label: 'B',
        options: {
          a: { label: 'A', index: '0' },
          b: { label: 'b', index: 'first' },
          c: { label: 'c', index: '0' },
          d: 'd',
        },
      },
    });

    expect(problems).toEqual([
      'field "none": options must be an object with at least one option, keyed by label',
      'field "list": options must be an object with at least one option, keyed by label',
      'field "missing": options must be an object with at least one option, keyed by label',
      'field "bad": options["a"].label must equal its key, got "A"',
      'field "bad": options["b"].index must be a whole number written as a string, got "first"',
      'field "bad": options["c"].index 0 is used by another option',
      'field "bad": options["d"] must be an object with label and index',
    ]);
  });

  it('reports defaults that do not fit the field', () => {
    const problems = checkFieldProperties({
      size: { type: 'DROP_DOWN', label: 'S', options: options('S'), defaultValue: 'XL' },
      tags: { type: 'CHECK_BOX', label: 'T', options: options('a'), defaultValue: 'a' },
      pick: { type: 'MULTI_SELECT', label: 'P', options: options('x'), defaultValue: ['y'] },
      amount: { type: 'NUMBER', label: 'A', defaultValue: 'many' },
      day: { type: 'DATE', label: 'D', defaultValue: '2020/01/01' },
      at: { type: 'TIME', label: 'T', defaultValue: '25:00' },
      when: { type: 'DATETIME', label: 'W', defaultValue: 'noon' },
      memo: { type: 'MULTI_LINE_TEXT', label: 'M', defaultValue: 5 },
    });

    expect(problems).toEqual([
      'field "size": defaultValue must be one of the option labels, got "XL"',
      'field "tags": defaultValue must be a list of option labels, got "a"',
      'field "pick": defaultValue must be a list of option labels, got ["y"]',
      'field "amount": defaultValue must be a number, got "many"',
      'field "day": defaultValue must be a date (YYYY-MM-DD), got "2020/01/01"',
      'field "at": defaultValue must be a time (HH:MM), got "25:00"',
      'field "when": defaultValue must be a datetime (YYYY-MM-DDTHH:MMZ), got "noon"',
      'field "memo": defaultValue must be a string, got 5',
    ]);
  });

  it('reports flags, words and unique where Kintone has none', () => {
    const problems = checkFieldProperties({
      memo: { type: 'MULTI_LINE_TEXT', label: 'M', unique: true, required: 'yes' },
      site: { type: 'LINK', label: 'S', protocol: 'FTP' },
      amount: { type: 'NUMBER', label: 'A', unitPosition: 'LEFT' },
    });

    expect(problems).toEqual([
      'field "memo": required must be true or false, got "yes"',
      'field "memo": unique is available only on SINGLE_LINE_TEXT, NUMBER, DATE, DATETIME, LINK',
      'field "site": protocol must be one of WEB, CALL, MAIL, got "FTP"',
      'field "amount": unitPosition must be one of BEFORE, AFTER, got "LEFT"',
    ]);
  });

  it('fills nothing in a field with problems', () => {
    const properties = { amount: { type: 'NUMBER', label: 'A', maxValue: 'lots' } };

    checkFieldProperties(properties);

    expect(properties.amount).toEqual({
      type: 'NUMBER',
      code: 'amount',
      label: 'A',
      maxValue: 'lots',
    });
  });

  it('reports every field, not only the first', () => {
    expect(checkFieldProperties({ a: 1, b: 2 })).toEqual([
      'field "a": must be an object',
      'field "b": must be an object',
    ]);
  });
});
