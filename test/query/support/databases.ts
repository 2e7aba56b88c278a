import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { createTestSchema, POSTGRES_URL } from '../../support/dialects.js';

import type { CompiledRecordQuery } from '../../../src/kintone/query/index.js';
import {
  postgresRecordSql,
  sqliteRecordSql,
  type RecordSqlDialect,
} from '../../../src/store/dialects/record-sql.js';

export type DialectName = 'sqlite' | 'postgres';

/** Every suite runs on both databases; `DIALECTS=sqlite` trims the matrix for a quick run. */
export const DIALECTS: DialectName[] =
  process.env.DIALECTS === 'sqlite' ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestDatabase {
  name: DialectName;
  // The records table is created by hand here, so the database has no typed schema.
  db: Kysely<any>;
  recordSql: RecordSqlDialect;
  close(): Promise<void>;
}

/** An empty `records` table on a fresh database: SQLite in memory, or a private PG schema. */
export async function openTestDatabase(name: DialectName): Promise<TestDatabase> {
  const database = name === 'sqlite' ? openSqlite() : await openPostgres();
  await createRecordsTable(database);
  return database;
}

function openSqlite(): TestDatabase {
  const db = new Kysely({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  return { name: 'sqlite', db, recordSql: sqliteRecordSql, close: () => db.destroy() };
}

/** A schema of its own keeps test files that run in parallel from seeing each other's rows. */
async function openPostgres(): Promise<TestDatabase> {
  const schema = await createTestSchema('query_test');

  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });

  // The schema is dropped with the run's others when the run ends (test/support/announce.ts).
  const close = () => db.destroy();
  return { name: 'postgres', db, recordSql: postgresRecordSql, close };
}

/** The records table as the migrations create it. */
async function createRecordsTable({ name, db }: TestDatabase): Promise<void> {
  const json = name === 'sqlite' ? sql`text` : sql`jsonb`;
  await sql`
    create table records (
      app_id integer not null,
      id integer not null,
      revision integer not null,
      field_values ${json} not null,
      creator_code text not null,
      creator_name text not null,
      created_at text not null,
      modifier_code text not null,
      modifier_name text not null,
      updated_at text not null,
      primary key (app_id, id)
    )
  `.execute(db);
}

export interface StoredRecord {
  id: number;
  revision?: number;
  values: Record<string, string | string[]>;
  creator?: string;
  modifier?: string;
  createdAt?: string;
  updatedAt?: string;
}

const DEFAULT_TIMESTAMP = '2024-03-01T00:00:00Z';

export async function insertRecords(
  { db }: TestDatabase,
  appId: number,
  records: readonly StoredRecord[],
): Promise<void> {
  for (const record of records) {
    const creator = record.creator ?? 'alice';
    const modifier = record.modifier ?? creator;
    await db
      .insertInto('records')
      .values({
        app_id: appId,
        id: record.id,
        revision: record.revision ?? 1,
        field_values: JSON.stringify(record.values),
        creator_code: creator,
        creator_name: `${creator} name`,
        created_at: record.createdAt ?? DEFAULT_TIMESTAMP,
        modifier_code: modifier,
        modifier_name: `${modifier} name`,
        updated_at: record.updatedAt ?? record.createdAt ?? DEFAULT_TIMESTAMP,
      })
      .execute();
  }
}

/** Runs a compiled query the way the record store does, returning the ids in result order. */
export async function selectIds(
  { db }: TestDatabase,
  appId: number,
  compiled: CompiledRecordQuery,
): Promise<number[]> {
  const query = selectIdsSql(appId, compiled);
  const { rows } = await query.execute(db);
  return rows.map((row) => Number(row.id));
}

export function selectIdsSql(
  appId: number,
  compiled: CompiledRecordQuery,
): RawBuilder<{ id: number }> {
  const where = compiled.where ?? sql`1 = 1`;
  const keys =
    compiled.orderBy.length > 0
      ? compiled.orderBy
      : [{ expression: sql.ref('id'), direction: 'desc' as const }];
  const orderBy = sql.join(keys.map((key) => sql`${key.expression} ${sql.raw(key.direction)}`));

  return sql<{ id: number }>`
    select id from records
    where app_id = ${appId} and (${where})
    order by ${orderBy}
    limit ${compiled.limit ?? 100} offset ${compiled.offset}
  `;
}
