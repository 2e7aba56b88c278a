import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredAuthEvent } from '../../src/store/audit-log.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('audit log of authentication events [%s]', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(async () => {
    await server?.close();
  });

  const login = (username: string, password: string) =>
    rawRequest(server.url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }).toString(),
    });
  const read = (headers: Record<string, string>) =>
    jsonRequest(server.url, 'GET', '/k/v1/record.json?app=1&id=1', headers);

  /** Events are written just after the answer; flushing waits for that write. */
  async function events(): Promise<StoredAuthEvent[]> {
    await server.server.audit.flush();
    return server.server.store.auditLog.list({ limit: 100 });
  }

  it('records logins, failures and refused tokens, newest first, without any secret', async () => {
    expect((await login('alice', USERS.alice.password)).status).toBe(303);
    expect((await login('alice', 'wrong-guess-1')).status).toBe(401);
    expect((await login('not-a-user-pw-typed-here', 'x')).status).toBe(401);
    expect(
      (await read({ 'x-cybozu-authorization': passwordHeader('bob', 'wrong-guess-2') })).status,
    ).toBe(401);
    expect(
      (await read({ 'x-cybozu-authorization': passwordHeader('carol', USERS.carol.password) }))
        .status,
    ).toBe(401);
    expect((await read({ 'x-cybozu-api-token': 'z'.repeat(40) })).status).toBe(400);
    // A success by header is the hot path and is not recorded.
    expect(
      (await read({ 'x-cybozu-authorization': passwordHeader('bob', USERS.bob.password) })).status,
    ).toBe(200);

    const recorded = (await events()).map((e) => [
      e.event,
      e.outcome,
      e.method,
      e.loginName,
      e.reason,
    ]);
    expect(recorded).toEqual([
      ['api_token', 'failure', 'api_token', null, 'GAIA_IA02'],
      ['password_auth', 'failure', 'password', 'carol', 'disabled'],
      ['password_auth', 'failure', 'password', 'bob', 'wrong_password'],
      ['login', 'failure', 'login_form', null, 'unknown_user'],
      ['login', 'failure', 'login_form', 'alice', 'wrong_password'],
      ['login', 'success', 'login_form', 'alice', null],
    ]);

    const text = JSON.stringify(await events());
    for (const secret of [
      USERS.alice.password,
      USERS.bob.password,
      USERS.carol.password,
      'wrong-guess-1',
      'wrong-guess-2',
      'not-a-user-pw-typed-here',
      'z'.repeat(40),
      TOKENS.app1Full,
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('filters by user, method and outcome', async () => {
    const store = server.server.store.auditLog;
    const alice = await store.list({ loginName: 'alice', limit: 10 });
    expect(alice.map((e) => e.outcome)).toEqual(['failure', 'success']);
    const failures = await store.list({ method: 'login_form', outcome: 'failure', limit: 1 });
    expect(failures.map((e) => e.reason)).toEqual(['unknown_user']);
  });
});
