import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The items of the security checklist about API tokens, passwords and sessions; the OAuth
 * items are in test/oauth/. Each test names its item.
 */
const LONG_PASSWORD = 'p'.repeat(89) + 'Q' + 'z'.repeat(10);

describe.each(DIALECTS)('security checklist: tokens, passwords, sessions [%s]', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    const seed = fixtureSeed();
    seed.users.push({
      loginName: 'long',
      password: LONG_PASSWORD,
      name: 'Long',
      admin: false,
      enabled: true,
    });
    server = await startTestServer(dialect, seed);
  });
  afterAll(async () => server.close());

  const records = (headers: Record<string, string>) =>
    jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      'accept-language': 'en',
      ...headers,
    });

  it('R30: API tokens are stored as SHA-256 digests and compared by digest', async () => {
    const db = server.server.store.database.db;
    const rows = await sql<{ digest: string }>`SELECT digest FROM api_tokens`.execute(db);
    const stored = JSON.stringify(rows.rows);
    expect(stored).not.toContain(TOKENS.app1Full);
    expect(rows.rows.every((r) => /^[0-9a-f]{64}$/.test(r.digest))).toBe(true);
    expect((await records({ 'x-cybozu-api-token': TOKENS.app1Full })).status).toBe(200);
    const changed = TOKENS.app1Full.slice(0, 39) + 'X';
    expect((await records({ 'x-cybozu-api-token': changed })).json.code).toBe('GAIA_IA02');
  });

  it('R31: passwords are Argon2id m=19456, t=2, p=1 PHC strings', async () => {
    const user = await server.server.store.users.findByLoginName('alice');
    expect(user!.passwordHash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
  });

  it('R32: an unknown user and a wrong password get the same answer', async () => {
    const unknown = await records({ 'x-cybozu-authorization': passwordHeader('nobody', 'x') });
    const wrong = await records({ 'x-cybozu-authorization': passwordHeader('alice', 'x') });
    expect(unknown.status).toBe(wrong.status);
    expect({ ...unknown.json, id: '' }).toEqual({ ...wrong.json, id: '' });
    expect(unknown.json.code).toBe('CB_WA01');
  });

  it('R33: ten failures lock the login name for that address, even for the right password', async () => {
    const attempt = (password: string) =>
      records({ 'x-cybozu-authorization': passwordHeader(USERS.bob.loginName, password) });
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    expect((await attempt(USERS.bob.password)).json.code).toBe('CB_WA01');
  });

  it('R34: a 100-character password is verified whole', async () => {
    expect(
      (await records({ 'x-cybozu-authorization': passwordHeader('long', LONG_PASSWORD) })).status,
    ).toBe(200);
    const ninetieth = LONG_PASSWORD.slice(0, 89) + 'R' + LONG_PASSWORD.slice(90);
    expect(
      (await records({ 'x-cybozu-authorization': passwordHeader('long', ninetieth) })).status,
    ).toBe(401);
  });

  it('R35, R36: login issues a new HttpOnly, SameSite=Lax, Path=/ cookie and ends the old session', async () => {
    const login = (cookie?: string) =>
      rawRequest(server.url, {
        method: 'POST',
        path: '/login',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          ...(cookie ? { cookie } : {}),
        },
        body: new URLSearchParams({ username: 'alice', password: USERS.alice.password }).toString(),
      });
    const first = (await login()).headers['set-cookie']![0]!;
    expect(first).toMatch(
      /^kintone-session=[A-Za-z0-9]{24}\.[A-Za-z0-9]{32}; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const firstCookie = first.split(';')[0]!;
    const second = (await login(firstCookie)).headers['set-cookie']![0]!.split(';')[0]!;
    expect(second).not.toBe(firstCookie);

    const session = (cookie: string) => records({ cookie, 'x-requested-with': 'XMLHttpRequest' });
    expect((await session(firstCookie)).status).toBe(401);
    expect((await session(second)).status).toBe(200);
  });
});
