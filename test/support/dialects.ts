import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { StoreLocation } from '../../src/store/store.js';

export type DialectName = 'sqlite' | 'postgres';

export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The databases every store and HTTP test runs against. `DIALECTS=sqlite` trims the matrix for
 * a quick local run; CI runs both.
 */
export const DIALECTS: DialectName[] = (process.env.DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is DialectName => d === 'sqlite' || d === 'postgres');

/** A fresh, empty store location and a function that removes it afterwards. */
export async function freshLocation(
  dialect: DialectName,
): Promise<{ location: StoreLocation; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'kintone-local-test-'));
    return {
      location: { kind: 'sqlite', file: path.join(dir, 'store.db') },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }

  // Each test server gets its own schema, so test files can run in parallel on one database.
  const schema = await createTestSchema('kl_test');
  return {
    location: { kind: 'postgres', url: POSTGRES_URL, schema },
    // Dropped once the whole run is over (test/support/announce.ts): dropping a schema while
    // other files start their stores changes the catalog under the migrator's introspection.
    cleanup: async () => undefined,
  };
}

/** Marks every schema of one test run, so the run's teardown can drop exactly its own. */
export const TEST_RUN = process.env.KL_TEST_RUN ?? 'adhoc';

/** A new, empty schema named `<prefix>_<run>_<random>`. */
export async function createTestSchema(prefix: string): Promise<string> {
  const schema = `${prefix}_${TEST_RUN}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  return schema;
}

/** Drops the schemas a test run created. */
export async function dropTestSchemas(run: string): Promise<number> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE '%\\_' || $1 || '\\_%'`,
      [run],
    );
    for (const { name } of rows) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
    return rows.length;
  } finally {
    await client.end();
  }
}
