import { describe, expect, it } from 'vitest';

import { validateRecordWrite } from '../../src/kintone/fields/index.js';
import type { WriteContext } from '../../src/kintone/fields/index.js';
import { caught, REQUIRED_FILLED, writeContext } from './fixtures.js';

/** Adds a record with the required fields filled, plus `record`. */
function add(record: object, context: WriteContext = writeContext()) {
  return validateRecordWrite({ ...REQUIRED_FILLED, ...record }, context);
}

function addFails(record: object, context: WriteContext = writeContext()) {
  return caught(() => add(record, context));
}

describe('validateRecordWrite: accepted values', () => {
  it('returns every sent user field in its stored format', () => {
    const write = validateRecordWrite(
      {
        ...REQUIRED_FILLED,
        memo: { value: 'line 1\nline 2' },
        body: { value: '<b>bold</b>' },
        site: { value: 'https://example.com' },
        amount: { value: '1.5e1' },
        day: { value: '2024-7-5' },
        at: { value: '09:30' },
        when: { value: '2024-01-02T03:04:05+09:00' },
        size: { value: 'M' },
        color: { value: 'red' },
        pick: { value: ['y', 'x'] },
      },
      writeContext(),
    );

    expect(write).toEqual({
      values: {
        title: 'Hello',
        tags: ['a'],
        memo: 'line 1\nline 2',
        body: '<b>bold</b>',
        site: 'https://example.com',
        amount: '15',
        day: '2024-07-05',
        at: '09:30',
        when: '2024-01-01T18:04:00Z',
        size: 'M',
        color: 'red',
        pick: ['y', 'x'],
      },
      systemOverrides: {},
    });
  });

  it('ignores field codes the app does not have, as Kintone documents', () => {
    const write = add({ nope: { value: 'x' } });

    expect(write.values).toEqual({ title: 'Hello', tags: ['a'] });
  });

  it('ignores calculated and system fields that cannot be written', () => {
    const write = validateRecordWrite(
      {
        ...REQUIRED_FILLED,
        total: { value: '999' },
        レコード番号: { value: '77' },
        ステータス: { value: 'Done' },
        カテゴリー: { value: ['x'] },
        作業者: { value: [{ code: 'sato' }] },
        $id: { value: '5' },
        $revision: { value: '9' },
      },
      writeContext(),
    );

    expect(write).toEqual({ values: { title: 'Hello', tags: ['a'] }, systemOverrides: {} });
  });

  it('ignores fields of types this server does not model', () => {
    const context = writeContext();
    context.properties.rows = { type: 'REFERENCE_TABLE' as 'CALC', code: 'rows', label: 'Rows' };

    expect(add({ rows: { value: [{ value: {} }] } }, context).values).not.toHaveProperty('rows');
  });

  it('binds JSON numbers and booleans to text, as Kintone does', () => {
    const write = validateRecordWrite(
      { ...REQUIRED_FILLED, memo: { value: 12 }, amount: { value: 7 }, body: { value: true } },
      writeContext(),
    );

    expect(write.values).toMatchObject({ memo: '12', amount: '7', body: 'true' });
  });

  it('reads a null or missing value as empty', () => {
    const write = validateRecordWrite(
      { ...REQUIRED_FILLED, memo: { value: null }, size: {}, pick: { value: null } },
      writeContext(),
    );

    expect(write.values).toMatchObject({ memo: '', size: '', pick: [] });
  });

  it('keeps a check box label sent twice once', () => {
    const write = add({ tags: { value: ['b', 'a', 'b'] } });

    expect(write.values.tags).toEqual(['b', 'a']);
  });
});

describe('validateRecordWrite: malformed JSON shapes answer CB_IJ01', () => {
  it.each([
    ['a record that is not an object', 'text'],
    ['a record that is a list', [REQUIRED_FILLED]],
    ['an entry without {value}', { title: 'Hello' }],
    ['a list for a text field', { title: { value: ['Hello'] } }],
    ['an object for a number field', { amount: { value: { n: 1 } } }],
    ['text for a check box', { tags: { value: 'a' } }],
    ['an object inside a check box list', { tags: { value: [{ label: 'a' }] } }],
  ])('refuses %s', (_, record) => {
    const error = caught(() => validateRecordWrite(record, writeContext()));

    expect(error.code).toBe('CB_IJ01');
    expect(error.errorsIn('ja')).toBeUndefined();
  });
});

describe('validateRecordWrite: required fields', () => {
  it('reports every empty required field, on .value or .values', () => {
    const error = caught(() => validateRecordWrite({}, writeContext()));

    expect(error.code).toBe('CB_VA01');
    expect(error.errorsIn('ja')).toEqual({
      'record.title.value': { messages: ['必須です。'] },
      'record.tags.values': { messages: ['必須です。'] },
    });
    expect(error.errorsIn('en')).toEqual({
      'record.title.value': { messages: ['Required.'] },
      'record.tags.values': { messages: ['Required.'] },
    });
  });

  it('treats a missing record on add as a record of defaults', () => {
    const error = caught(() => validateRecordWrite(undefined, writeContext()));

    expect(Object.keys(error.errorsIn('en') ?? {})).toEqual([
      'record.title.value',
      'record.tags.values',
    ]);
  });

  it('is satisfied by a default when the field is not sent on add', () => {
    const context = writeContext();
    context.properties.title!.defaultValue = 'Untitled';
    context.properties.tags!.defaultValue = ['c'];

    expect(validateRecordWrite({}, context).values).toEqual({});
  });

  it('is not satisfied by a default when the field is sent empty', () => {
    const context = writeContext();
    context.properties.title!.defaultValue = 'Untitled';

    const error = addFails({ title: { value: '' } }, context);

    expect(error.errorsIn('en')).toEqual({ 'record.title.value': { messages: ['Required.'] } });
  });

  it('keys errors of the fourth record of records.json with its index', () => {
    const context = writeContext({ keyPrefix: 'records[3]' });

    const error = caught(() => validateRecordWrite({ amount: { value: 'abc' } }, context));

    expect(error.errorsIn('en')).toEqual({
      'records[3][amount].value': { messages: ['Only numbers are allowed.'] },
      'records[3].title.value': { messages: ['Required.'] },
      'records[3].tags.values': { messages: ['Required.'] },
    });
  });

  it('reports a required radio button sent empty', () => {
    const context = writeContext();
    context.properties.color!.required = true;

    const error = addFails({ color: { value: '' } }, context);

    expect(error.errorsIn('ja')).toEqual({ 'record.color.value': { messages: ['必須です。'] } });
  });
});

describe('validateRecordWrite: text limits', () => {
  it('names maxLength + 1 when the text is too long', () => {
    const error = addFails({ title: { value: '123456' } });

    expect(error.errorsIn('ja')).toEqual({
      'record.title.value': { messages: ['6文字より短くなければなりません。'] },
    });
    expect(error.errorsIn('en')).toEqual({
      'record.title.value': { messages: ['Enter less than 6 characters.'] },
    });
  });

  it('names minLength - 1 when the text is too short', () => {
    const error = addFails({ title: { value: 'x' } });

    expect(error.errorsIn('ja')).toEqual({
      'record.title.value': { messages: ['1文字より長くなければなりません。'] },
    });
    expect(error.errorsIn('en')).toEqual({
      'record.title.value': { messages: ['Enter more than 1 characters.'] },
    });
  });

  it('accepts lengths on the limits', () => {
    for (const title of ['ab', 'abcde']) {
      expect(add({ title: { value: title } }).values.title).toBe(title);
    }
  });
});

describe('validateRecordWrite: numbers', () => {
  it.each([
    ['42', '42'],
    [' 42 ', '42'],
    ['+3', '3'],
    ['-3', '-3'],
    ['1.50', '1.50'],
    ['1.5e1', '15'],
    ['1E2', '100'],
    ['-2.5e-1', '-0.25'],
    ['007', '7'],
    ['.5', '0.5'],
    ['-0', '0'],
    ['', ''],
  ])('stores %j as %j', (sent, stored) => {
    const write = add({ amount: { value: sent } });

    expect(write.values.amount).toBe(stored);
  });

  it('keeps digits a double would lose', () => {
    const context = writeContext();
    context.properties.amount!.maxValue = '';

    const write = add({ amount: { value: '12345678901234567890.01' } }, context);

    expect(write.values.amount).toBe('12345678901234567890.01');
  });

  const notNumbers = ['abc', '12abc', '1,000', '１２', '1e', '--1', '.'];

  it.each(notNumbers)('refuses %j on the bracket key', (sent) => {
    const error = addFails({ amount: { value: sent } });

    expect(error.errorsIn('ja')).toEqual({
      'record[amount].value': { messages: ['数字でなければなりません。'] },
    });
    expect(error.errorsIn('en')).toEqual({
      'record[amount].value': { messages: ['Only numbers are allowed.'] },
    });
  });

  it('adds "Required." on .value when a required number does not parse', () => {
    const context = writeContext();
    context.properties.amount!.required = true;

    const error = addFails({ amount: { value: 'abc' } }, context);

    expect(error.errorsIn('en')).toEqual({
      'record[amount].value': { messages: ['Only numbers are allowed.'] },
      'record.amount.value': { messages: ['Required.'] },
    });
  });

  it('names maxValue and minValue as configured', () => {
    const tooLarge = addFails({ amount: { value: '100.01' } });
    const tooSmall = addFails({ amount: { value: '-1e2' } });

    const onAmount = (message: string) => ({ 'record.amount.value': { messages: [message] } });
    expect(tooLarge.errorsIn('ja')).toEqual(onAmount('100以下である必要があります。'));
    expect(tooLarge.errorsIn('en')).toEqual(onAmount('The value must be 100 or less.'));
    expect(tooSmall.errorsIn('ja')).toEqual(onAmount('-10以上である必要があります。'));
    expect(tooSmall.errorsIn('en')).toEqual(onAmount('The value must be -10 or more.'));
  });
});

describe('validateRecordWrite: options', () => {
  it('refuses a drop-down or radio value that is not an option label', () => {
    const error = caught(() => add({ size: { value: 'XL' }, color: { value: 'Z' } }));

    expect(error.errorsIn('ja')).toEqual({
      'record.size.value': { messages: ['"XL"は選択肢にありません。'] },
      'record.color.value': { messages: ['"Z"は選択肢にありません。'] },
    });
    expect(error.errorsIn('en')).toEqual({
      'record.size.value': { messages: ['The value, "XL", is not in options.'] },
      'record.color.value': { messages: ['The value, "Z", is not in options.'] },
    });
  });

  it('reports each bad check box label at its index', () => {
    const error = addFails({ pick: { value: ['x', 'q', 'z'] } });

    expect(error.errorsIn('en')).toEqual({
      'record.pick.values[1].value': { messages: ['The value, "q", is not in options.'] },
      'record.pick.values[2].value': { messages: ['The value, "z", is not in options.'] },
    });
  });

  it('also answers "Required." when a required check box keeps no valid label', () => {
    const error = addFails({ tags: { value: ['X'] } });

    expect(error.errorsIn('ja')).toEqual({
      'record.tags.values[0].value': { messages: ['"X"は選択肢にありません。'] },
      'record.tags.values': { messages: ['必須です。'] },
    });
  });
});

describe('validateRecordWrite: dates and times', () => {
  it.each([
    ['2015', '2015-01-01'],
    ['2015-07', '2015-07-01'],
    ['2015-7', '2015-07-01'],
    ['2015-7-5', '2015-07-05'],
    ['2024-02-29', '2024-02-29'],
  ])('stores the date %j as %j', (sent, stored) => {
    const write = add({ day: { value: sent } });

    expect(write.values.day).toBe(stored);
  });

  it.each(['2023-02-29', '2015/07/05', '15-07-05', '2015-13-01', '2015-07-05T00:00:00Z', 'today'])(
    'refuses the date %j',
    (sent) => {
      const error = addFails({ day: { value: sent } });

      expect(error.errorsIn('ja')).toEqual({
        'record.day.value': { messages: ['日付は「YYYY-MM-DD」の形式で指定してください。'] },
      });
      expect(error.errorsIn('en')).toEqual({
        'record.day.value': { messages: ['Enter the date in YYYY-MM-DD format.'] },
      });
    },
  );

  it.each([
    ['09:30', '09:30'],
    ['23:59:59', '23:59'],
    ['00:00', '00:00'],
  ])('stores the time %j as %j', (sent, stored) => {
    expect(add({ at: { value: sent } }).values.at).toBe(stored);
  });

  it.each(['24:00', '9:30', '12:60', '0930'])('refuses the time %j', (sent) => {
    const error = addFails({ at: { value: sent } });

    expect(error.errorsIn('en')).toEqual({
      'record.at.value': { messages: ['Enter the time in HH:MM format.'] },
    });
  });

  it.each([
    ['2012-03-22T14:17:00+09:00', '2012-03-22T05:17:00Z'],
    ['2012-03-22T05:17:00Z', '2012-03-22T05:17:00Z'],
    ['2012-03-22T05:17:59Z', '2012-03-22T05:17:00Z'],
    ['2012-03-22T05:17Z', '2012-03-22T05:17:00Z'],
    ['2012-03-22T05:17:30.999Z', '2012-03-22T05:17:00Z'],
    ['2012-03-22', '2012-03-22T00:00:00Z'],
    ['2012-03-22T05:17', '2012-03-22T05:17:00Z'],
    ['2012-03-01T01:00:00+02:30', '2012-02-29T22:30:00Z'],
    ['2012-12-31T23:30:00-01:00', '2013-01-01T00:30:00Z'],
  ])('stores the datetime %j as %j', (sent, stored) => {
    const write = add({ when: { value: sent } });

    expect(write.values.when).toBe(stored);
  });

  const notDateTimes = [
    '2012-03-22 05:17:00Z',
    '2012-03-22T25:00:00Z',
    '2012-02-30T00:00Z',
    '2012-03-22T05:17:00+0900',
  ];

  it.each(notDateTimes)('refuses the datetime %j', (sent) => {
    const error = addFails({ when: { value: sent } });

    expect(error.errorsIn('en')).toEqual({
      'record.when.value': {
        messages: ['Enter the date and time as YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DDTHH:MM:SS±HH:MM.'],
      },
    });
  });
});

describe('validateRecordWrite: several problems at once', () => {
  it('reports them all in one CB_VA01', () => {
    const error = caught(() =>
      validateRecordWrite(
        { title: { value: 'far too long' }, amount: { value: '500' }, size: { value: '?' } },
        writeContext(),
      ),
    );

    expect(error.code).toBe('CB_VA01');
    expect(error.messageIn('en')).toBe('Missing or invalid input.');
    expect(Object.keys(error.errorsIn('en') ?? {})).toEqual([
      'record.title.value',
      'record.amount.value',
      'record.size.value',
      'record.tags.values',
    ]);
  });
});

describe('validateRecordWrite: update', () => {
  it('returns only the fields sent, without defaults', () => {
    const write = validateRecordWrite({ memo: { value: 'new' } }, writeContext({ mode: 'update' }));

    expect(write).toEqual({ values: { memo: 'new' }, systemOverrides: {} });
  });

  it('changes nothing when the record is left out', () => {
    expect(validateRecordWrite(undefined, writeContext({ mode: 'update' })).values).toEqual({});
  });

  it('checks required fields on the record after the write', () => {
    const context = writeContext({ mode: 'update', existing: { title: '', tags: ['a'] } });

    const error = caught(() => validateRecordWrite({ memo: { value: 'new' } }, context));

    expect(error.errorsIn('en')).toEqual({ 'record.title.value': { messages: ['Required.'] } });
  });

  it('accepts a write that fills the empty required field', () => {
    const context = writeContext({ mode: 'update', existing: { title: '', tags: ['a'] } });

    const write = validateRecordWrite({ title: { value: 'Hi' } }, context);

    expect(write.values).toEqual({ title: 'Hi' });
  });

  it('checks only the fields sent when the stored values are not given', () => {
    const context = writeContext({ mode: 'update' });

    expect(validateRecordWrite({ memo: { value: 'x' } }, context).values).toEqual({ memo: 'x' });
    const error = caught(() => validateRecordWrite({ tags: { value: [] } }, context));
    expect(error.errorsIn('en')).toEqual({ 'record.tags.values': { messages: ['Required.'] } });
  });

  it('ignores creator, modifier and their times', () => {
    const write = validateRecordWrite(
      { 作成者: { value: { code: 'sato' } }, 作成日時: { value: 'not a date' } },
      writeContext({ mode: 'update' }),
    );

    expect(write).toEqual({ values: {}, systemOverrides: {} });
  });
});

describe('validateRecordWrite: creator, modifier and their times on add', () => {
  it('returns them as system overrides', () => {
    const write = validateRecordWrite(
      {
        ...REQUIRED_FILLED,
        作成者: { value: { code: 'sato', name: 'ignored' } },
        更新者: { value: { code: 'tanaka' } },
        作成日時: { value: '2020-01-02T09:08:07+09:00' },
        更新日時: { value: '2020-01-03T00:00:00Z' },
      },
      writeContext(),
    );

    expect(write.systemOverrides).toEqual({
      creator: { code: 'sato' },
      modifier: { code: 'tanaka' },
      createdAt: '2020-01-02T00:08:00Z',
      updatedAt: '2020-01-03T00:00:00Z',
    });
    expect(write.values).toEqual({ title: 'Hello', tags: ['a'] });
  });

  it('treats empty values as not given', () => {
    const write = validateRecordWrite(
      { ...REQUIRED_FILLED, 作成者: { value: { code: '' } }, 作成日時: { value: '' }, 更新者: {} },
      writeContext(),
    );

    expect(write.systemOverrides).toEqual({});
  });

  it('refuses a malformed timestamp with the datetime message', () => {
    const error = addFails({ 作成日時: { value: 'yesterday' } });

    expect(error.errorsIn('ja')).toEqual({
      'record.作成日時.value': {
        messages: [
          '日時は「YYYY-MM-DDTHH:MM:SSZ」または「YYYY-MM-DDTHH:MM:SS±HH:MM」' +
            'の形式で指定してください。',
        ],
      },
    });
  });

  it('refuses a user that is not {code} with CB_IJ01', () => {
    const error = addFails({ 作成者: { value: 'sato' } });

    expect(error.code).toBe('CB_IJ01');
  });
});
