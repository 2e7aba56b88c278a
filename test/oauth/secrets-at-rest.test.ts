import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { Store } from '../../src/store/store.js';
import {
  authorizationParams,
  bearer,
  CLIENTS,
  decide,
  exchange,
  loginCookie,
  oauthSeed,
  refreshWith,
} from './oauth-support.js';

/** Runs every OAuth flow once and returns each secret value it saw. */
async function runFlows(baseUrl: string): Promise<string[]> {
  const seen: string[] = Object.values(CLIENTS).map((c) => c.clientSecret);
  const cookie = await loginCookie(baseUrl, USERS.alice);

  const codeOf = async (client: typeof CLIENTS.main | typeof CLIENTS.quirky) => {
    const answer = await decide(baseUrl, cookie, authorizationParams(client));
    return new URL(String(answer.headers.location)).searchParams.get('code')!;
  };

  const used = await codeOf(CLIENTS.main);
  const first = await exchange(baseUrl, CLIENTS.main, used);
  const second = await refreshWith(baseUrl, CLIENTS.main, first.json.refresh_token);
  await jsonRequest(baseUrl, 'GET', '/k/v1/records.json?app=1', bearer(second.json.access_token));
  // A code never exchanged, and one replayed.
  const pending = await codeOf(CLIENTS.quirky);
  await exchange(baseUrl, CLIENTS.main, used);
  seen.push(
    used,
    pending,
    first.json.access_token,
    first.json.refresh_token,
    second.json.access_token,
    second.json.refresh_token,
  );
  expect(seen.every((s) => typeof s === 'string' && s.length >= 16)).toBe(true);
  return seen;
}

/** Every row of every table of the store, as text. */
async function dumpStore(store: Store): Promise<string> {
  const db = store.database.db;
  const schema = await store.database.currentSchema();
  const tables =
    schema === undefined
      ? await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db)
      : await sql<{
          name: string;
        }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ${schema}`.execute(
          db,
        );
  let dump = '';
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
    dump += `${name}\n${JSON.stringify(rows.rows, (_k, v) => (Buffer.isBuffer(v) ? v.toString('latin1') : v))}\n`;
  }
  return dump;
}

describe.each(DIALECTS)('OAuth secrets at rest [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
  });
  afterAll(async () => server.close());

  it('R15, R25: no client secret, code, access or refresh token is stored in clear', async () => {
    const secrets = await runFlows(server.url);
    const dump = await dumpStore(server.server.store);
    expect(dump).toContain('oauth_tokens');
    expect(dump).toContain('oauth_codes');
    for (const secret of secrets) {
      expect(dump.includes(secret), `found ${secret.slice(0, 6)}… in the store`).toBe(false);
      expect(dump.includes(encodeURIComponent(secret))).toBe(false);
    }
  });
});

describe('OAuth secrets in the log', () => {
  let output = '';
  let stop = () => {};
  let baseUrl = '';

  beforeAll(async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-oauth-log-'));
    const seedFile = path.join(data, 'seed.json');
    writeFileSync(seedFile, JSON.stringify(oauthSeed()));
    const child = spawn(process.execPath, [
      new URL('../../bin/kintone-local.js', import.meta.url).pathname,
      'serve',
      '--port',
      '0',
      '--data',
      data,
      '--seed',
      seedFile,
      '--log-level',
      'trace',
    ]);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    stop = () => child.kill('SIGTERM');
    baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 20_000);
      const poll = setInterval(() => {
        const url = /listening on (http:\/\/localhost:\d+)/.exec(output)?.[1];
        if (url) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(url);
        }
      }, 50);
    });
  });
  afterAll(() => stop());

  it('R39: a trace-level log of every flow holds none of the secrets', async () => {
    const secrets = await runFlows(baseUrl);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(output).toContain('"level":');
    for (const secret of [...secrets, USERS.alice.password]) {
      expect(output.includes(secret), `found ${secret.slice(0, 6)}… in the log`).toBe(false);
    }
  });
});
