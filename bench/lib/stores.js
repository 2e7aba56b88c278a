import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A throw-away SQLite store in a temporary folder; the folder also holds the bare body. */
export function sqliteStore() {
  const dir = mkdtempSync(path.join(tmpdir(), 'kintone-local-bench-'));
  return {
    dir,
    location: { kind: 'sqlite', file: path.join(dir, 'store.db') },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A throw-away schema in the given database, as the tests make them, so a run never touches
 * real data. Resolves to null with the reason when the database cannot be reached.
 */
export async function postgresStore(url) {
  const schema = `kl_bench_${randomBytes(6).toString('hex')}`;
  try {
    await run(url, `CREATE SCHEMA ${schema}`);
  } catch (error) {
    return { store: null, reason: error instanceof Error ? error.message : String(error) };
  }
  return {
    store: {
      location: { kind: 'postgres', url, schema },
      drop: () => run(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`),
    },
    reason: null,
  };
}

async function run(url, statement) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
