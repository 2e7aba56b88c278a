import { describe, expect, test } from 'vitest';

import { KintoneError } from '../../src/errors/kintone-error.js';
import { parseRecordQuery, type QueryAst } from '../../src/kintone/query/index.js';

/** The error a query fails with; fails the test when it parses. */
function failureOf(query: string): KintoneError {
  try {
    parseRecordQuery(query);
  } catch (error) {
    if (error instanceof KintoneError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(query)} to be rejected`);
}

function queryMessage(query: string, language: 'en' | 'ja' = 'en'): string | undefined {
  const error = failureOf(query);
  expect(error.code).toBe('CB_VA01');
  return error.errorsIn(language)?.query?.messages[0];
}

function conditionOf(query: string): QueryAst['condition'] {
  return parseRecordQuery(query).condition;
}

const NO_OPTIONS = { orderBy: [], limit: null, offset: null };

describe('parseRecordQuery: conditions', () => {
  test('an empty or blank query has no condition and no options', () => {
    expect(parseRecordQuery('')).toEqual({ condition: null, ...NO_OPTIONS });
    expect(parseRecordQuery(' \t\r\n\u3000 ')).toEqual({ condition: null, ...NO_OPTIONS });
  });

  test.each(['=', '!=', '>', '<', '>=', '<='] as const)('comparison %s', (operator) => {
    expect(parseRecordQuery(`amount ${operator} "10"`)).toEqual({
      condition: {
        kind: 'compare',
        field: 'amount',
        operator,
        value: { kind: 'string', value: '10' },
      },
      ...NO_OPTIONS,
    });
  });

  test('operators need no surrounding spaces', () => {
    expect(conditionOf('a="x"and b!=1')).toEqual({
      kind: 'and',
      operands: [
        { kind: 'compare', field: 'a', operator: '=', value: { kind: 'string', value: 'x' } },
        { kind: 'compare', field: 'b', operator: '!=', value: { kind: 'number', text: '1' } },
      ],
    });
  });

  test('unquoted numbers keep their source text', () => {
    expect(conditionOf('amount >= -1.50')).toMatchObject({ value: { text: '-1.50' } });
    expect(conditionOf('amount = 5e3')).toMatchObject({ value: { kind: 'number', text: '5e3' } });
    expect(conditionOf('$id > 123')).toMatchObject({ field: '$id', value: { text: '123' } });
  });

  test('string escapes: \\" \\\\ \\t \\n \\r, and any other escaped character as itself', () => {
    const query = String.raw`title = "a\"b\\c\td\ne\rf\x"`;
    expect(conditionOf(query)).toMatchObject({ value: { value: 'a"b\\c\td\ne\rfx' } });
  });

  test('in and not in take a list of values, functions included', () => {
    expect(conditionOf('作成者 in ("bob", LOGINUSER())')).toEqual({
      kind: 'in',
      field: '作成者',
      negated: false,
      values: [
        { kind: 'string', value: 'bob' },
        { kind: 'function', name: 'LOGINUSER', args: [] },
      ],
    });
    expect(conditionOf('$id not in (1, "2")')).toEqual({
      kind: 'in',
      field: '$id',
      negated: true,
      values: [
        { kind: 'number', text: '1' },
        { kind: 'string', value: '2' },
      ],
    });
  });

  test('like, not like, is empty and is not empty', () => {
    expect(conditionOf('title like "app"')).toEqual({
      kind: 'like',
      field: 'title',
      negated: false,
      value: { kind: 'string', value: 'app' },
    });
    expect(conditionOf('title not like "app"')).toMatchObject({ kind: 'like', negated: true });
    expect(conditionOf('notes is empty')).toEqual({
      kind: 'empty',
      field: 'notes',
      negated: false,
    });
    expect(conditionOf('notes is not empty')).toEqual({
      kind: 'empty',
      field: 'notes',
      negated: true,
    });
  });

  test('keywords are case-insensitive; field codes keep their case', () => {
    const condition = conditionOf('Title IN ("x") AND notes Is Not EMPTY Or Title NOT LIKE "y"');
    expect(condition).toEqual({
      kind: 'or',
      operands: [
        {
          kind: 'and',
          operands: [
            {
              kind: 'in',
              field: 'Title',
              negated: false,
              values: [{ kind: 'string', value: 'x' }],
            },
            { kind: 'empty', field: 'notes', negated: true },
          ],
        },
        { kind: 'like', field: 'Title', negated: true, value: { kind: 'string', value: 'y' } },
      ],
    });
  });

  test('and binds tighter than or', () => {
    expect(conditionOf('a = 1 or b = 2 and c = 3')).toEqual({
      kind: 'or',
      operands: [
        { kind: 'compare', field: 'a', operator: '=', value: { kind: 'number', text: '1' } },
        {
          kind: 'and',
          operands: [
            { kind: 'compare', field: 'b', operator: '=', value: { kind: 'number', text: '2' } },
            { kind: 'compare', field: 'c', operator: '=', value: { kind: 'number', text: '3' } },
          ],
        },
      ],
    });
  });

  test('parentheses group, and a chain of one operator is one node', () => {
    const condition = conditionOf('(a = 1 or b = 2) and c = 3 and (d = 4)');
    expect(condition).toMatchObject({
      kind: 'and',
      operands: [
        { kind: 'or', operands: [{ field: 'a' }, { field: 'b' }] },
        { field: 'c' },
        { field: 'd' },
      ],
    });
  });

  test('functions: names and word arguments are upper-cased', () => {
    expect(conditionOf('due = from_today(-3, days)')).toMatchObject({
      value: {
        kind: 'function',
        name: 'FROM_TODAY',
        args: [
          { kind: 'number', text: '-3' },
          { kind: 'word', text: 'DAYS' },
        ],
      },
    });
    expect(conditionOf('due = THIS_MONTH(LAST)')).toMatchObject({
      value: { name: 'THIS_MONTH', args: [{ kind: 'word', text: 'LAST' }] },
    });
    expect(conditionOf('作成日時 < TODAY ( )')).toMatchObject({
      value: { kind: 'function', name: 'TODAY', args: [] },
    });
  });

  test('Japanese field codes and Kintone whitespace between tokens', () => {
    expect(conditionOf('ステータス\u3000=\n"完了"\r\nand\t$id > 1')).toMatchObject({
      kind: 'and',
      operands: [{ field: 'ステータス', value: { value: '完了' } }, { field: '$id' }],
    });
  });
});

describe('parseRecordQuery: options', () => {
  test('order by several keys; a key without a direction sorts descending', () => {
    expect(parseRecordQuery('order by amount asc, 作成日時 DESC, title')).toEqual({
      condition: null,
      orderBy: [
        { field: 'amount', direction: 'asc' },
        { field: '作成日時', direction: 'desc' },
        { field: 'title', direction: 'desc' },
      ],
      limit: null,
      offset: null,
    });
  });

  test('a condition followed by every option', () => {
    expect(parseRecordQuery('$id > 123 order by $id asc limit 500 offset 0')).toEqual({
      condition: {
        kind: 'compare',
        field: '$id',
        operator: '>',
        value: { kind: 'number', text: '123' },
      },
      orderBy: [{ field: '$id', direction: 'asc' }],
      limit: 500,
      offset: 0,
    });
  });

  test('options alone, in any subset', () => {
    expect(parseRecordQuery('limit 10')).toEqual({ ...NO_OPTIONS, condition: null, limit: 10 });
    expect(parseRecordQuery('offset 20')).toEqual({ ...NO_OPTIONS, condition: null, offset: 20 });
    expect(parseRecordQuery('LIMIT 1 OFFSET 2')).toMatchObject({ limit: 1, offset: 2 });
  });

  test('fields named like option keywords still parse as conditions', () => {
    expect(conditionOf('limit = "x"')).toMatchObject({ kind: 'compare', field: 'limit' });
    expect(conditionOf('order in ("a")')).toMatchObject({ kind: 'in', field: 'order' });
  });

  test('limit and offset beyond the caps still parse; the compiler enforces them', () => {
    expect(parseRecordQuery('limit 501 offset 10001')).toMatchObject({ limit: 501, offset: 10001 });
  });
});

describe('parseRecordQuery: syntax errors are CB_VA01 under errors.query', () => {
  test('a missing value names the position and the end of the query', () => {
    expect(queryMessage('title = ')).toBe(
      'Query syntax error at character 9: expected a value ("text", a number or a function), ' +
        'found the end of the query.',
    );
  });

  test('the Japanese message says the same', () => {
    expect(queryMessage('title "x"', 'ja')).toBe(
      'クエリ記法が間違っています。7文字目の「"x"」の位置には' +
        '演算子（=, !=, >, <, >=, <=, in, not in, like, not like, is）が必要です。',
    );
  });

  test('positions count characters, an emoji as one', () => {
    expect(queryMessage('title = "😀" x')).toBe(
      'Query syntax error at character 13: expected "and", "or", "order by", "limit", "offset" ' +
        'or the end of the query, found "x".',
    );
  });

  test.each([
    ['title = "x" title = "y"', 'character 13: expected "and", "or", "order by"'],
    ['title ! "x"', 'character 7: "!" must be followed by "=".'],
    ['title in ()', 'character 11: expected a value'],
    ['title in ("a" "b")', 'character 15: expected "," or ")", found ""b""'],
    ['title in "a"', 'character 10: expected "(", found ""a""'],
    ['(title = "a"', 'character 13: expected ")", found the end of the query'],
    ['title not = "a"', 'character 11: expected "in" or "like", found "="'],
    ['notes is null', 'character 10: expected "empty", found "null"'],
    ['title = "a" and', 'character 16: expected a field code, found the end of the query'],
    ['= "a"', 'character 1: expected a field code, found "="'],
    ['title = abc', 'character 9: expected a value'],
    ['due = FROM_TODAY("1", DAYS)', 'character 18: expected a function argument'],
    ['due = TODAY(', 'character 13: expected a function argument or ")", found the end'],
    ['due = FROM_TODAY(1,)', 'character 20: expected a function argument, found ")"'],
    ['due = FROM_TODAY(1 DAYS)', 'character 20: expected "," or ")", found "DAYS"'],
    ['order by', 'character 9: expected a field code, found the end of the query'],
    ['title = "a" order $id', 'character 19: expected "by", found "$id"'],
    ['order by $id asc $revision', 'character 18: expected "asc", "desc", ",", "limit"'],
    ['limit -1', 'character 7: expected a whole number of 0 or more, found "-1"'],
    ['title = "a" limit 1.5', 'character 19: expected a whole number of 0 or more'],
    ['limit 10 order by $id asc', 'character 10: expected "offset" or the end of the query'],
    ['offset 5 limit 10', 'character 10: expected the end of the query, found "limit"'],
  ])('%s', (query, message) => {
    expect(queryMessage(query)).toContain(message);
  });

  test('an unclosed string says where it started', () => {
    expect(queryMessage('title = "abc')).toBe(
      'Query syntax error: the string starting at character 9 has no closing quote.',
    );
    expect(queryMessage('title = "abc\\"')).toContain('starting at character 9');
  });

  test('a raw tab or line break inside a string is rejected, as Kintone does', () => {
    expect(queryMessage('title = "a\tb"')).toBe(
      'Query syntax error at character 11: write a tab or line break inside a string as ' +
        '\\t, \\n or \\r.',
    );
    expect(queryMessage('title = "a\nb"')).toContain('character 11');
  });

  test('a long token is shortened in the message', () => {
    const message = queryMessage(`title "${'x'.repeat(100)}"`);
    expect(message).toContain(`found ""${'x'.repeat(39)}…"`);
  });
});
