/**
 * Break tests: starting a PostgreSQL store in a database that other schemas share. Each test
 * makes its own throw-away database, so a stray table planted here can never disturb other
 * test files running at the same time.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startServer, type RunningServer } from '../../src/start.js';
import { DIALECTS, POSTGRES_URL } from '../support/dialects.js';
import { fixtureSeed, rawRequest, TOKENS } from './break-helpers.js';

const runs = DIALECTS.includes('postgres');

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlFor(database: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

describe.runIf(runs)('break: PostgreSQL store start-up next to other schemas', () => {
  const databases: string[] = [];
  const servers: RunningServer[] = [];

  /**
   * A store that fails to start keeps its connection pool open, so its database cannot be
   * dropped now without killing those connections (which the pool reports as an unhandled
   * error). Such databases are dropped by the next run, once this process has exited.
   */
  const dropIfUnused = (database: string) =>
    admin(POSTGRES_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${database}`)).catch(
      () => undefined,
    );

  beforeAll(async () => {
    const stale = await admin(POSTGRES_URL, (c) =>
      c.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'kl_break_tmp_%'",
      ),
    );
    for (const row of stale.rows) await dropIfUnused(row.datname);
  });

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close().catch(() => undefined);
    for (const database of databases.splice(0)) await dropIfUnused(database);
  });

  async function databaseWithStrayTables(tables: string[]): Promise<string> {
    const database = `kl_break_tmp_${randomBytes(5).toString('hex')}`;
    await admin(POSTGRES_URL, (c) => c.query(`CREATE DATABASE ${database}`));
    databases.push(database);
    // What a crashed test run or another kintone-local instance leaves behind in its schema.
    await admin(urlFor(database), async (c) => {
      await c.query('CREATE SCHEMA other_instance');
      await c.query('CREATE SCHEMA mine');
      if (tables.includes('lock')) {
        await c.query(
          'CREATE TABLE other_instance.kintone_local_migrations_lock (id text primary key, is_locked integer)',
        );
      }
      if (tables.includes('migrations')) {
        await c.query(
          'CREATE TABLE other_instance.kintone_local_migrations (name text primary key, timestamp text)',
        );
      }
    });
    return database;
  }

  async function start(location: { kind: 'postgres'; url: string; schema?: string }) {
    const server = await startServer({
      config: loadConfig({ port: 0, logLevel: 'silent' }, {}),
      seed: fixtureSeed(),
      location,
    });
    servers.push(server);
    const response = await rawRequest(server.url, {
      path: '/k/v1/records.json?app=1',
      headers: { 'x-cybozu-api-token': TOKENS.app1View },
    });
    expect(response.status).toBe(200);
  }

  it('starts in its own schema when another schema holds only a migration lock table', async () => {
    const database = await databaseWithStrayTables(['lock']);
    await start({ kind: 'postgres', url: urlFor(database), schema: 'mine' });
  });

  it('starts in the default schema (databaseUrl only) when another schema holds a lock table', async () => {
    const database = await databaseWithStrayTables(['lock']);
    await start({ kind: 'postgres', url: urlFor(database) });
  });

  it('starts in the default schema (databaseUrl only) when another schema holds the migrations table', async () => {
    const database = await databaseWithStrayTables(['migrations', 'lock']);
    await start({ kind: 'postgres', url: urlFor(database) });
  });
});
