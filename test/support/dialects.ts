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
  const schema = `kl_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();

  return {
    location: { kind: 'postgres', url: POSTGRES_URL, schema },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
