import { sql } from 'kysely';
import { expect, test } from 'vitest';

import { selectIdsSql } from './support/databases.js';
import { ALL_IDS } from './support/fixture.js';
import { APP_ID, describeOnEachDatabase } from './support/harness.js';

describeOnEachDatabase('order by, limit and offset', ({ compile, ids }) => {
  test('without order by the caller sorts by id descending, 100 to a page', async () => {
    expect(compile('')).toEqual({ where: null, orderBy: [], limit: null, offset: 0 });
    expect(await ids('')).toEqual([...ALL_IDS].reverse());
  });

  test('options without a condition compile to no WHERE', () => {
    const compiled = compile('order by $id asc limit 500');
    expect(compiled.where).toBeNull();
    expect(compiled.limit).toBe(500);
  });

  test('numbers sort as numbers, empty values first; ties fall back to id descending', async () => {
    expect(await ids('order by amount asc')).toEqual([
      4, 3, 2, 9, 5, 6, 12, 11, 10, 15, 16, 17, 1, 18, 19, 14, 13, 20, 7, 8,
    ]);
    expect(await ids('order by amount desc')).toEqual([
      8, 7, 20, 13, 14, 19, 18, 1, 17, 16, 15, 10, 12, 11, 6, 5, 9, 2, 4, 3,
    ]);
  });

  test('text sorts by code point on both databases', async () => {
    expect(await ids('order by title asc')).toEqual([
      4, 5, 18, 1, 3, 14, 12, 13, 2, 9, 10, 17, 8, 16, 15, 6, 19, 20, 11, 7,
    ]);
  });

  test('a key without a direction sorts descending', async () => {
    expect(await ids('order by amount limit 3')).toEqual([8, 7, 20]);
  });

  test('several keys', async () => {
    expect(await ids('order by 作成者 asc, amount desc limit 7')).toEqual([
      7, 13, 19, 1, 16, 10, 3,
    ]);
    expect(await ids('order by 作成者 desc, $id asc limit 6')).toEqual([4, 5, 9, 12, 15, 18]);
    expect(await ids('order by ステータス desc, $id asc limit 5')).toEqual([1, 3, 5, 2, 13]);
  });

  test('dates and date-times sort in time order', async () => {
    expect(await ids('order by due asc limit 5')).toEqual([4, 3, 13, 20, 11]);
    expect(await ids('order by meeting desc limit 3')).toEqual([19, 18, 9]);
    expect(await ids('order by 作成日時 asc, $id asc limit 3')).toEqual([7, 8, 6]);
  });

  test('a condition with every option', async () => {
    expect(await ids('amount > 0 order by amount asc limit 3 offset 2')).toEqual([11, 10, 15]);
    expect(await ids('order by $id asc limit 5 offset 5')).toEqual([6, 7, 8, 9, 10]);
    expect(await ids('order by $id asc limit 0')).toEqual([]);
    expect(await ids('order by $id asc offset 18')).toEqual([19, 20]);
  });
});

describeOnEachDatabase('the seek pattern', ({ compile, database, ids }) => {
  const SEEK = '$id > 5 order by $id asc limit 3';

  test('returns the next page', async () => {
    expect(await ids(SEEK)).toEqual([6, 7, 8]);
  });

  test('compiles to a plain range on the id column', () => {
    const compiled = compile(SEEK);
    const { sql: text, parameters } = selectIdsSql(APP_ID, compiled).compile(database().db);

    expect(text).toMatch(/where app_id = (\?|\$1) and \(\("id" > (\?|\$2)\)\)/);
    expect(text).toMatch(/order by "id" asc\s/);
    expect(parameters).toEqual([APP_ID, 5, 3, 0]);
  });

  test('the primary key serves it', async () => {
    const { db, name } = database();
    const seek = selectIdsSql(APP_ID, compile(SEEK));

    if (name === 'sqlite') {
      const { rows } = await sql<{ detail: string }>`explain query plan ${seek}`.execute(db);
      expect(rows.map((row) => row.detail).join('\n')).toContain('(app_id=? AND id>?)');
      return;
    }

    const plan = await db.transaction().execute(async (transaction) => {
      await sql`set local enable_seqscan = off`.execute(transaction);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${seek}`.execute(transaction);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('records_pkey');
    expect(plan).toMatch(/Index Cond: \(\(app_id = 7\) AND \(id > 5\)\)/);
  });

  test('a compiled condition is self-contained next to other conditions', async () => {
    const { where } = compile('$id < 2 or $id > 19');
    const { rows } = await sql<{ id: number }>`
      select id from records where app_id = ${APP_ID} and ${where} order by id
    `.execute(database().db);
    expect(rows.map((row) => Number(row.id))).toEqual([1, 20]);
  });
});
