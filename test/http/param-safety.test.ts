import { describe, expect, it } from 'vitest';
import { KintoneError } from '../../src/errors/kintone-error.js';
import { checkParams } from '../../src/http/param-safety.js';
import { parseQueryString } from '../../src/http/params.js';

const UNSAFE_EN = 'NUL characters and unpaired surrogates are not allowed.';

function refusal(params: Record<string, unknown>) {
  try {
    checkParams(params);
  } catch (error) {
    if (error instanceof KintoneError) return { code: error.code, errors: error.errorsIn('en') };
    throw error;
  }
  return null;
}

describe('checkParams', () => {
  it('passes ordinary parameters untouched, astral characters included', () => {
    const params = {
      app: 1,
      query: 'title like "😀" and amount > 1',
      records: [{ title: { value: 'tab\tand newline\n and DEL \u007f' } }, null, true, 2.5],
    };
    const copy = structuredClone(params);
    expect(refusal(params)).toBeNull();
    expect(params).toEqual(copy);
  });

  it('keys each NUL or lone surrogate by its path, in document order', () => {
    expect(
      refusal({
        app: 1,
        query: 'title = "a\u0000b"',
        record: { title: { value: 'x\ud800' } },
        records: [{ title: { value: 'ok' } }, { title: { value: '\udfffy' } }],
        updateKey: { field: 'code', value: 'a\u0000' },
        fields: ['title', 'body\u0000'],
      }),
    ).toEqual({
      code: 'CB_VA01',
      errors: {
        query: { messages: [UNSAFE_EN] },
        'record.title.value': { messages: [UNSAFE_EN] },
        'records[1].title.value': { messages: [UNSAFE_EN] },
        'updateKey.value': { messages: [UNSAFE_EN] },
        'fields[1]': { messages: [UNSAFE_EN] },
      },
    });
  });

  it('refuses a key that holds a NUL, keyed by the path that ends in it', () => {
    expect(refusal({ app: 1, record: { 'ti\u0000tle': { value: 'x' } } })?.errors).toEqual({
      'record.ti\u0000tle': { messages: [UNSAFE_EN] },
    });
  });

  it('finds a NUL in a subtable row', () => {
    const record = {
      table: {
        value: [
          { id: '1', value: { cell: { value: 'ok' } } },
          { value: { cell: { value: '\u0000' } } },
        ],
      },
    };
    expect(Object.keys(refusal({ app: 1, record })?.errors ?? {})).toEqual([
      'record.table.value[1].value.cell.value',
    ]);
  });

  it('refuses a body nested 100,000 deep as bad JSON without overflowing the stack', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = { value: deep };
    expect(refusal({ app: 1, record: deep })?.code).toBe('CB_IJ01');
  });

  it('walks a body nested 100 deep, keying a problem by its full path', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 98; i++) deep = { value: deep };
    const errors = refusal({ app: 1, record: deep })?.errors ?? {};
    const [path = ''] = Object.keys(errors);
    expect(path.startsWith('record.value.value.')).toBe(true);
    expect(path.split('.').length).toBe(99);
  });

  it('walks the holes of a sparse query-string array', () => {
    const params = parseQueryString('app=1&ids[0]=1&ids[5]=%00');
    expect(refusal(params)?.errors).toEqual({ 'ids[5]': { messages: [UNSAFE_EN] } });
  });

  it('refuses a NUL that arrives percent-encoded in the query string', () => {
    expect(refusal(parseQueryString('app=1&query=title%20%3D%20%22%00%22'))?.errors).toEqual({
      query: { messages: [UNSAFE_EN] },
    });
  });

  it('answers in Japanese too', () => {
    try {
      checkParams({ query: '\u0000' });
    } catch (error) {
      expect((error as KintoneError).errorsIn('ja')).toEqual({
        query: { messages: ['NUL文字と対になっていないサロゲートは使用できません。'] },
      });
      return;
    }
    expect.unreachable('checkParams accepted a NUL');
  });
});

describe('checkParams and keys special to objects', () => {
  it('drops __proto__ at any depth, leaving plain own data', () => {
    const params = JSON.parse(
      '{"__proto__":{"app":1},"record":{"title":{"value":"t","__proto__":{"x":1}},' +
        '"__proto__":{"value":"p"}}}',
    ) as Record<string, any>;
    expect(refusal(params)).toBeNull();

    expect(Object.hasOwn(params, '__proto__')).toBe(false);
    expect(Object.hasOwn(params.record, '__proto__')).toBe(false);
    expect(Object.hasOwn(params.record.title, '__proto__')).toBe(false);
    expect(params.app).toBeUndefined();
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(params.record)).toBe(Object.prototype);
    expect(params.record.title).toEqual({ value: 't' });
  });

  it('drops prototype inside constructor, but keeps both names as field codes', () => {
    const params = JSON.parse(
      '{"app":1,"constructor":{"prototype":{"polluted":1}},' +
        '"record":{"constructor":{"value":"c"},"prototype":{"value":"p"}}}',
    ) as Record<string, any>;
    expect(refusal(params)).toBeNull();

    expect(params.constructor).toEqual({});
    expect(params.record).toEqual({ constructor: { value: 'c' }, prototype: { value: 'p' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('relies on qs to drop prototype names from the query string', () => {
    const params = parseQueryString(
      'app=1&__proto__[a]=1&constructor[prototype][b]=1&x[__proto__][c]=1&toString=1',
    );
    expect(params).toEqual({ app: '1' });
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
  });
});
