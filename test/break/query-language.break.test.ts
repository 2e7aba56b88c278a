/**
 * Break tests: the `query` parameter of GET records.json. Injection attempts, huge and deeply
 * nested queries, limit and offset edges, and characters databases refuse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  asFullToken,
  countWhere,
  expectKintoneError,
  expectNoServerFault,
  fixtureSeed,
  jsonRequest,
  rawRequest,
} from './break-helpers.js';

describe.each(DIALECTS)('break: query language [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  /** GET with a JSON body, so that queries of any length fit (the URL limit is 8 kB). */
  const query = (text: string, app = 1) =>
    jsonRequest(server.url, 'GET', '/k/v1/records.json', asFullToken, { app, query: text });
  const timed = async (text: string) => {
    const started = Date.now();
    const response = await query(text);
    return { response, elapsed: Date.now() - started };
  };

  describe('injection attempts', () => {
    it.each([
      ['a quote break-out', 'title = "a" or "1"="1"'],
      ['an SQL comment', 'title = "a" -- comment'],
      ['a C comment', 'title = "a" /* x */'],
      ['a semicolon and a second statement', 'title = "a"; DELETE FROM records'],
      ['single quotes', "title = 'a' or '1'='1'"],
      ['a backslash before the closing quote', 'title = "a\\'],
      ['a JSON path in the field code', 'title.value = "a"'],
      ['a bracketed field code', 'records[0] = "a"'],
      ['a field code with a quote', 'ti"tle = "a"'],
      ['a UNION', 'title = "a" union select * from api_tokens'],
      ['an ideographic semicolon', 'title = "a"；'],
    ])('refuses %s with a query error', async (_name, text) => {
      const response = await query(text);
      expectKintoneError(response, ['CB_VA01', 'GAIA_IQ11', 'GAIA_IQ03']);
    });

    it.each([
      ['SQL in a string literal', `title = "' OR 1=1; DROP TABLE records; --"`],
      ['a LIKE wildcard', 'title like "%"'],
      ['an underscore wildcard', 'title like "_"'],
      ['an escaped quote', 'title = "\\" or \\"1\\"=\\"1"'],
      ['a JSON path in a value', 'title = "$.title"'],
      ['a backslash escape', 'title like "\\\\"'],
    ])('treats %s as plain text (matches nothing)', async (_name, text) => {
      const response = await query(text);
      expect(response.status, response.text).toBe(200);
      expect(response.json.records).toEqual([]);
    });

    it('still has every record after the injection attempts', async () => {
      expect(await countWhere(server, '')).toBe(5);
    });

    it('does not let one app read another app through a query', async () => {
      const response = await query('$id > 0 limit 500');
      expect(response.status).toBe(200);
      expect(response.json.records.every((r: any) => r.title.value.startsWith('Task'))).toBe(true);
    });
  });

  describe('unusual characters', () => {
    it('answers a NUL character in a string literal without a 500', async () => {
      for (const text of [
        'title = "a\u0000b"',
        'title like "\u0000"',
        'title in ("\u0000")',
        'body like "x\u0000"',
      ]) {
        const response = await query(text);
        expectNoServerFault(response);
      }
    });

    it('answers lone surrogates in a string literal without a 500', async () => {
      for (const text of ['title = "\ud800"', 'title like "\udc00"', 'state in ("\ud83d")']) {
        expectNoServerFault(await query(text));
      }
    });

    it.each([
      ['full-width field code', 'ｔｉｔｌｅ = "a"'],
      ['a zero-width space in the code', 'ti\u200btle = "a"'],
      ['a right-to-left override', '\u202etitle = "a"'],
    ])('refuses a %s as an unknown field', async (_name, text) => {
      expectKintoneError(await query(text), ['GAIA_IQ11', 'CB_VA01']);
    });
  });

  describe('size and nesting', () => {
    it('answers 100,000 parentheses with CB_VA01, not a stack overflow', async () => {
      const { response, elapsed } = await timed(
        `${'('.repeat(100_000)}title = "a"${')'.repeat(100_000)}`,
      );
      expectKintoneError(response, 'CB_VA01');
      expect(elapsed).toBeLessThan(5000);
    });

    it('answers 100,000 unclosed parentheses with CB_VA01', async () => {
      expectKintoneError(await query('('.repeat(100_000)), 'CB_VA01');
    });

    it('answers 1,500 alternately nested and/or groups with CB_VA01 or a result', async () => {
      const text =
        Array.from({ length: 1500 }, (_, i) => `title = "v${i}" ${i % 2 ? 'and' : 'or'} (`).join(
          '',
        ) +
        'title = "x"' +
        ')'.repeat(1500);
      expectNoServerFault(await query(text));
    });

    it.each([999, 1001, 1500, 40_000, 70_000])(
      'answers an or-chain of %i conditions without a 500',
      async (n) => {
        const text = Array.from({ length: n }, (_, i) => `title = "v${i}"`).join(' or ');
        const { response, elapsed } = await timed(text);
        expectNoServerFault(response);
        expect(elapsed).toBeLessThan(10_000);
      },
      30_000,
    );

    it('answers an and-chain over the date field of 1,200 conditions without a 500', async () => {
      const text = Array.from({ length: 1200 }, () => 'due > "2000-01-01"').join(' and ');
      expectNoServerFault(await query(text));
    });

    it.each([
      ['text', 'title'],
      ['record id', '$id'],
      ['number', 'amount'],
      ['drop-down', 'state'],
      ['check box', 'tags'],
    ])(
      'answers an in-list of 100,000 values on a %s field',
      async (_name, field) => {
        const values = Array.from({ length: 100_000 }, (_, i) =>
          field === '$id' || field === 'amount' ? `${i + 100}` : `"v${i}"`,
        );
        const { response, elapsed } = await timed(`${field} in (${values.join(',')})`);
        expect(response.status, response.text.slice(0, 200)).toBe(200);
        expect(elapsed).toBeLessThan(10_000);
      },
      30_000,
    );

    it('answers a 1 MB like pattern without a 500 (SQLite: "pattern too complex")', async () => {
      const response = await query(`body like "${'x'.repeat(1_000_000)}"`);
      expectNoServerFault(response);
    });

    it('answers a 60,000-character like pattern without a 500', async () => {
      expectNoServerFault(await query(`title like "${'%'.repeat(60_000)}"`));
    });

    it('answers 5,000 sort keys with CB_VA01', async () => {
      expectKintoneError(
        await query(`order by ${Array(5000).fill('title asc').join(',')}`),
        'CB_VA01',
      );
    });
  });

  describe('limit and offset', () => {
    it.each([
      ['limit 500', 200],
      ['limit 0', 200],
      ['offset 10000', 200],
      ['limit 500 offset 10000', 200],
      ['limit 00000000000000000500', 200],
    ])('accepts %s', async (text, status) => {
      expect((await query(text)).status).toBe(status);
    });

    it.each([
      ['limit 501', 'GAIA_QU01'],
      ['limit 99999999999999999999999999', 'GAIA_QU01'],
      ['offset 10001', 'GAIA_QU02'],
      ['offset 99999999999999999999999999', 'GAIA_QU02'],
      ['limit -1', 'CB_VA01'],
      ['limit abc', 'CB_VA01'],
      ['limit 1e2', 'CB_VA01'],
      ['limit 1.5', 'CB_VA01'],
      ['limit "10"', 'CB_VA01'],
      ['limit', 'CB_VA01'],
      ['offset -5', 'CB_VA01'],
      ['offset 1 limit 1', 'CB_VA01'],
      ['limit 1 limit 2', 'CB_VA01'],
    ])('refuses %s with %s', async (text, code) => {
      expectKintoneError(await query(text), code);
    });
  });

  describe('the query parameter itself', () => {
    it.each([
      ['an array', ['title = "a"']],
      ['an object', { q: 1 }],
      ['a number', 5],
      ['true', true],
    ])('refuses query as %s with CB_VA01', async (_name, value) => {
      const response = await jsonRequest(server.url, 'GET', '/k/v1/records.json', asFullToken, {
        app: 1,
        query: value,
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses query given twice in the query string', async () => {
      const response = await rawRequest(server.url, {
        path: '/k/v1/records.json?app=1&query=limit%201&query=limit%202',
        headers: asFullToken,
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it.each([
      ['"yes"', 'yes'],
      ['1', 1],
      ['an array', [true]],
    ])('refuses totalCount %s with CB_VA01', async (_name, totalCount) => {
      const response = await jsonRequest(server.url, 'GET', '/k/v1/records.json', asFullToken, {
        app: 1,
        totalCount,
      });
      expectKintoneError(response, 'CB_VA01');
    });
  });
});
