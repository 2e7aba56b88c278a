import { sql } from 'kysely';
import { beforeAll, expect, test } from 'vitest';

import type { FieldProperties, FieldType } from '../../src/kintone/fields/types.js';
import type { StoredRecord } from './support/databases.js';
import { APP_ID, describeOnEachDatabase, kintoneErrorOf } from './support/harness.js';

/** A string literal of the query language. */
function quoted(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&')}"`;
}

function field(code: string, type: FieldType) {
  return { code, type, label: code };
}

/** Codes with quotes, `$`, backslashes and JSON-path punctuation, all valid object keys. */
const ODD_CODES = ["it's", '$weird', 'a\\b', 'x.y', '[0]', 'a"b', 'with space', "'); --"];

const FIELDS: FieldProperties = {
  text: field('text', 'SINGLE_LINE_TEXT'),
  notes: field('notes', 'MULTI_LINE_TEXT'),
  amount: field('amount', 'NUMBER'),
  due: field('due', 'DATE'),
  tags: field('tags', 'CHECK_BOX'),
  ...Object.fromEntries(ODD_CODES.map((code) => [code, field(code, 'SINGLE_LINE_TEXT')])),
};

const DROP_SINGLE = "'; DROP TABLE records; --";
const DROP_DOUBLE = '"; DROP TABLE records; --';
const CONTROL = 'a\u0001b\u001bc\u007fd\u0085e';

const RECORDS: StoredRecord[] = [
  { id: 1, values: { text: DROP_SINGLE, tags: ["'", '"'], amount: '1' } },
  { id: 2, values: { text: DROP_DOUBLE, tags: ['\\'], amount: '2' } },
  // Malformed stored numbers read as empty on both databases, never as 0 or an error.
  { id: 3, values: { text: 'back\\slash\\\\', notes: 'C:\\path\\', amount: 'abc' } },
  { id: 4, values: { text: '😀 ünïcödé 日本語 🎉', notes: '👍🏽 zwj 👨‍👩‍👧', amount: '1); --' } },
  { id: 5, values: { text: CONTROL, notes: 'tab\there\nline\rreturn' } },
  { id: 6, values: { text: "Robert'); DROP TABLE records;--", tags: ['%', '_'] } },
  { id: 7, values: { text: "' OR '1'='1" } },
  { id: 8, values: { text: '100%_off' } },
  {
    id: 9,
    values: Object.fromEntries(ODD_CODES.map((code) => [code, `value of ${code}`])),
  },
  { id: 10, values: { text: `v${4999}`, due: '2024-01-01' } },
];

const TOTAL_ROWS = RECORDS.length * 2;

describeOnEachDatabase(
  'SQL injection',
  ({ compile, database, matching }) => {
    beforeAll(async () => {
      await sql`create table sentinel (value text)`.execute(database().db);
      await sql`insert into sentinel (value) values (${'still here'})`.execute(database().db);
    });

    async function expectTablesIntact(): Promise<void> {
      const { db } = database();
      const count = sql<{ count: number }>`select count(*) as count from records`;
      const records = await count.execute(db);
      const sentinel = await sql<{ value: string }>`select value from sentinel`.execute(db);
      expect(Number(records.rows[0]?.count)).toBe(TOTAL_ROWS);
      expect(sentinel.rows).toEqual([{ value: 'still here' }]);
    }

    test.each([
      [`text = "${DROP_SINGLE}"`, [1]],
      [`text = "\\"; DROP TABLE records; --"`, [2]],
      [`text = "Robert'); DROP TABLE records;--"`, [6]],
      [`text = "' OR '1'='1"`, [7]],
      [`text != "' OR '1'='1"`, [1, 2, 3, 4, 5, 6, 8, 9, 10]],
      [`text in ("${DROP_SINGLE}", "\\"; DROP TABLE records; --")`, [1, 2]],
      [`text like "'"`, [1, 6, 7]],
      [`text like "\\""`, [2]],
      [`text like "--"`, [1, 2, 6]],
      [`text like ";"`, [1, 2, 6]],
      [`text not like "DROP TABLE"`, [3, 4, 5, 7, 8, 9, 10]],
    ])('quotes stay data: %s', async (condition, expected) => {
      expect(await matching(condition)).toEqual(expected);
      await expectTablesIntact();
    });

    test.each([
      ['text = "back\\\\slash\\\\\\\\"', [3]],
      ['text like "\\\\\\\\"', [3]],
      ['notes like "C:\\\\path"', [3]],
      ['text like "%_"', [8]],
      ['text like "%"', [8]],
      ['text like "_"', [8]],
      ['tags in ("\\\\")', [2]],
      ['tags in ("\'", "%")', [1, 6]],
      ['tags in ("_")', [6]],
      ['text in ("NULL", "null", "{}", "{\\"\\"}")', []],
      ['tags in ("NULL", "{}", "[]")', []],
    ])('backslashes and LIKE wildcards stay data: %s', async (condition, expected) => {
      expect(await matching(condition)).toEqual(expected);
    });

    test.each([
      ['text = "😀 ünïcödé 日本語 🎉"', [4]],
      ['text like "ünïcödé"', [4]],
      ['text like "🎉"', [4]],
      ['notes like "👨‍👩‍👧"', [4]],
      ['notes like "👍🏽"', [4]],
      [`text = "${CONTROL}"`, [5]],
      ['text like "\u001b"', [5]],
      ['notes like "zzz" or notes like "tab\\there\\nline\\rreturn"', [5]],
    ])('unicode, emoji and control characters: %s', async (condition, expected) => {
      expect(await matching(condition)).toEqual(expected);
    });

    test('a 5,000-element list is one parameter, not 5,000', async () => {
      const texts = Array.from({ length: 5000 }, (_, index) => `"v${index}"`);
      const ids = Array.from({ length: 5000 }, (_, index) => index + 1);
      const amounts = Array.from({ length: 5000 }, (_, index) => `"${index / 2}"`);

      expect(await matching(`text in (${texts.join(', ')})`)).toEqual([10]);
      expect(await matching(`text not in (${texts.join(', ')}, "${DROP_SINGLE}")`)).toEqual([
        2, 3, 4, 5, 6, 7, 8, 9,
      ]);
      expect(await matching(`$id in (${ids.join(', ')})`)).toEqual(RECORDS.map((r) => r.id));
      expect(await matching(`amount in (${amounts.join(', ')})`)).toEqual([1, 2]);
      expect(await matching(`tags in (${texts.join(', ')}, "\\\\")`)).toEqual([2]);

      const { where } = compile(`text in (${texts.join(', ')})`);
      const compiled = sql`select 1 where ${where}`.compile(database().db);
      expect(compiled.parameters.length).toBeLessThan(5);
      await expectTablesIntact();
    });

    test.each(ODD_CODES.filter((code) => !/[\s"]/.test(code)))(
      'the field code %s is a parameter, never SQL',
      async (code) => {
        expect(await matching(`${code} = ${quoted(`value of ${code}`)}`)).toEqual([9]);
        expect(await matching(`${code} in ("")`)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]);
        expect(await matching(`${code} like "VALUE"`)).toEqual([9]);
      },
    );

    test.each(ODD_CODES)('the record SQL reads the field %s exactly', async (code) => {
      const { db, recordSql } = database();
      const { rows } = await sql<{ id: number; value: string | null }>`
        select id, ${recordSql.fieldText(code)} as value
        from records where app_id = ${APP_ID} and ${recordSql.fieldText(code)} is not null
      `.execute(db);
      expect(rows.map((row) => [Number(row.id), row.value])).toEqual([[9, `value of ${code}`]]);
    });

    test('a needle of a million characters is searched, not compiled into a pattern', async () => {
      expect(await matching(`text like "${'%'.repeat(1_000_000)}"`)).toEqual([]);
      expect(await matching(`text not like "${'x'.repeat(100_000)}"`)).toHaveLength(10);
    });

    test('values that look like SQL are bound parameters, never SQL text', () => {
      const payload = `text = "${DROP_SINGLE}" or amount = "1); DROP TABLE records; --"`;
      const { where } = compile(`${payload} order by text asc`);
      const compiled = sql`select 1 where ${where}`.compile(database().db);

      expect(compiled.sql).not.toMatch(/drop table/i);
      expect(compiled.parameters).toContain(DROP_SINGLE);
    });

    test.each([
      ['text = "x"; DROP TABLE records', 'CB_VA01'],
      ['text = "x" -- comment', 'CB_VA01'],
      ["text = 'x'", 'CB_VA01'],
      ['text = "x" /* c */', 'CB_VA01'],
      ['due = FROM_TODAY(1, DAYS); DROP TABLE records', 'CB_VA01'],
      ["due = \"2024-01-01' OR '1'='1\"", 'CB_VA01'],
      ['order by text; DROP TABLE records', 'CB_VA01'],
      ['order by text;', 'GAIA_IQ11'],
      ['text; = "x"', 'GAIA_IQ11'],
    ])('SQL outside a string is refused: %s', async (query, code) => {
      expect(kintoneErrorOf(() => compile(query)).code).toBe(code);
      await expectTablesIntact();
    });

    test.each([
      ['amount = "1); DROP TABLE records; --"', []],
      ['amount = 0', []],
      ['amount = 1', [1]],
      ['amount = ""', [3, 4, 5, 6, 7, 8, 9, 10]],
      ['$id = "1 OR 1=1"', []],
      ['$id in ("1 OR 1=1", 2)', [2]],
      ['amount not in ("0 OR 1=1")', RECORDS.map((record) => record.id)],
    ])('non-numeric text never reaches a numeric comparison: %s', async (condition, expected) => {
      expect(await matching(condition)).toEqual(expected);
      await expectTablesIntact();
    });
  },
  { fields: FIELDS, records: RECORDS },
);
