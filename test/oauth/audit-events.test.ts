import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  removeClient,
  rotateClientSecret,
  setClientUsers,
} from '../../src/oauth/client-registry.js';
import { OAuthAudit } from '../../src/oauth/oauth-audit.js';
import type { StoredAuthEvent } from '../../src/store/audit-log.js';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { jsonRequest, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  authorizationParams,
  basicAuth,
  bearer,
  CLIENTS,
  decide,
  exchange,
  issueTokens,
  loginCookie,
  oauthSeed,
  obtainCode,
  postForm,
  refreshWith,
} from './oauth-support.js';

describe.each(DIALECTS)('OAuth events in the audit log [%s]', (dialect) => {
  let server: TestServer;
  /** Every code, token and secret the tests handled: none may reach the log. */
  const secrets: string[] = Object.values(CLIENTS).map((c) => c.clientSecret);
  let seen = 0;

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
  });
  afterAll(async () => server?.close());

  const store = () => server.server.store;
  const idOf = async (login: string) => (await store().users.findByLoginName(login))!.id;
  const records = (token: string) =>
    jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', bearer(token));
  const admin = () => ({ audit: new OAuthAudit(server.server.audit, store().users) });
  const keep = <T extends { access_token: string; refresh_token: string }>(tokens: T): T => {
    secrets.push(tokens.access_token, tokens.refresh_token);
    return tokens;
  };

  /** The OAuth events written since the last call, oldest first. */
  async function newEvents(): Promise<string[][]> {
    await server.server.audit.flush();
    const all = await store().auditLog.list({ method: 'oauth', limit: 1000 });
    const fresh = all.filter((e) => e.id > seen).reverse();
    seen = Math.max(seen, ...all.map((e) => e.id));
    return fresh.map(describe);
  }
  const describe = (e: StoredAuthEvent) => [
    e.event,
    e.outcome,
    e.loginName ?? '-',
    e.reason ?? '-',
  ];

  it('records consent approved and denied', async () => {
    await newEvents();
    const cookie = await loginCookie(server.url, USERS.bob);
    const params = authorizationParams(CLIENTS.main);
    const denied = await decide(server.url, cookie, params, 'deny');
    expect(String(denied.headers.location)).toContain('error=access_denied');
    const code = await obtainCode(server.url, CLIENTS.main, {}, cookie);
    secrets.push(code);

    expect(await newEvents()).toEqual([
      ['oauth_consent', 'failure', 'bob', 'denied client_id=kl-main-client'],
      ['oauth_consent', 'success', 'bob', 'client_id=kl-main-client'],
    ]);
    const [approved] = await store().auditLog.list({ event: 'oauth_consent', limit: 1 });
    expect(approved).toMatchObject({ method: 'oauth', userId: await idOf('bob') });
    expect(approved!.client).toMatch(/127\.0\.0\.1|::1/);
  });

  it('records a code exchange, a code replay, a refresh and a refresh reuse', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    secrets.push(code);
    const first = keep((await exchange(server.url, CLIENTS.main, code)).json);
    expect((await exchange(server.url, CLIENTS.main, code)).json.error).toBe('invalid_grant');
    // The replay ended what the code's first use gave.
    expect((await records(first.access_token)).status).toBe(401);

    const tokens = keep(await issueTokens(server.url, 'k:app_record:read'));

    const next = await refreshWith(server.url, CLIENTS.main, tokens.refresh_token);
    keep(next.json);
    expect(next.status).toBe(200);
    const reused = await refreshWith(server.url, CLIENTS.main, tokens.refresh_token);
    expect(reused.json.error).toBe('invalid_grant');
    // The reuse ended the whole family, the token just issued with it.
    expect((await records(next.json.access_token)).status).toBe(401);

    expect(await newEvents()).toEqual([
      ['oauth_consent', 'success', 'alice', 'client_id=kl-main-client'],
      ['oauth_code_exchange', 'success', 'alice', 'client_id=kl-main-client'],
      ['oauth_code_exchange', 'failure', 'alice', 'code_replayed client_id=kl-main-client'],
      ['oauth_bearer', 'failure', '-', 'invalid_token'],
      ['oauth_consent', 'success', 'alice', 'client_id=kl-main-client'],
      ['oauth_code_exchange', 'success', 'alice', 'client_id=kl-main-client'],
      ['oauth_refresh', 'success', 'alice', 'client_id=kl-main-client'],
      ['oauth_refresh', 'failure', 'alice', 'refresh_reused client_id=kl-main-client'],
      ['oauth_bearer', 'failure', '-', 'invalid_token'],
    ]);
  });

  it('records client authentication failures, naming only clients that exist', async () => {
    const typedSecret = 'not-the-secret-typed-by-mistake';
    secrets.push(typedSecret);
    const wrong = await postForm(
      server.url,
      '/oauth2/token',
      { grant_type: 'refresh_token', refresh_token: 'x' },
      { authorization: basicAuth({ clientId: CLIENTS.main.clientId, clientSecret: typedSecret }) },
    );
    expect(wrong.status).toBe(401);
    const unknown = await postForm(server.url, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: typedSecret,
      client_secret: typedSecret,
    });
    expect(unknown.status).toBe(401);

    expect(await newEvents()).toEqual([
      ['oauth_client_auth', 'failure', '-', 'wrong_secret client_id=kl-main-client'],
      ['oauth_client_auth', 'failure', '-', 'unknown_client'],
    ]);
  });

  it('records refused Bearer tokens, and a disabled user is refused at once', async () => {
    const tokens = keep(await issueTokens(server.url, 'k:app_record:read', USERS.bob));
    expect((await records('A'.repeat(43))).status).toBe(401);
    await store().users.setEnabled(await idOf('bob'), false);
    try {
      expect((await records(tokens.access_token)).status).toBe(401);
      expect((await refreshWith(server.url, CLIENTS.main, tokens.refresh_token)).status).toBe(400);
    } finally {
      await store().users.setEnabled(await idOf('bob'), true);
    }

    expect((await newEvents()).slice(2)).toEqual([
      ['oauth_bearer', 'failure', '-', 'invalid_token'],
      ['oauth_bearer', 'failure', 'bob', 'disabled client_id=kl-main-client'],
    ]);
  });

  it('R24: records revocations by the user, by RFC 7009 and by the administrator', async () => {
    const byPage = keep(await issueTokens(server.url, 'k:app_record:read', USERS.alice));
    const cookie = await loginCookie(server.url);
    const page = await rawRequest(server.url, { path: '/k/account/oauth', headers: { cookie } });
    const requestToken = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(page.text)![1]!;
    const revoked = await postForm(
      server.url,
      '/k/account/oauth/revoke',
      { client_id: CLIENTS.main.clientId, __REQUEST_TOKEN__: requestToken },
      { cookie },
    );
    expect(revoked.status).toBe(303);
    expect((await records(byPage.access_token)).status).toBe(401);

    const byClient = keep(await issueTokens(server.url, 'k:app_record:read', USERS.alice));
    const rfc7009 = await postForm(
      server.url,
      '/oauth2/revoke',
      { token: byClient.refresh_token },
      { authorization: basicAuth(CLIENTS.main) },
    );
    expect(rfc7009.status).toBe(200);

    keep(await issueTokens(server.url, 'k:app_record:read', USERS.bob, CLIENTS.other));
    keep(await issueTokens(server.url, 'k:app_record:read', USERS.alice, CLIENTS.other));
    await setClientUsers(store(), CLIENTS.other.clientId, [await idOf('alice')], admin());
    const rotated = await rotateClientSecret(store(), CLIENTS.other.clientId, admin());
    secrets.push(rotated!);
    keep(await issueTokens(server.url, 'k:app_record:read', USERS.alice, CLIENTS.quirky));
    expect(await removeClient(store(), CLIENTS.quirky.clientId, admin())).toBe(true);

    const revocations = (await newEvents()).filter(([event]) => event === 'oauth_revoke');
    expect(revocations).toEqual([
      ['oauth_revoke', 'success', 'alice', 'account_page client_id=kl-main-client'],
      ['oauth_revoke', 'success', 'alice', 'rfc7009 client_id=kl-main-client'],
      ['oauth_revoke', 'success', 'bob', 'users_changed client_id=kl-other-client'],
      ['oauth_revoke', 'success', 'alice', 'secret_rotated client_id=kl-other-client'],
      ['oauth_revoke', 'success', 'alice', 'client_removed client_id=kl-quirky.client~1'],
    ]);
  });

  it('R39: keeps every code, token and secret out of the audit log', async () => {
    await server.server.audit.flush();
    const text = JSON.stringify(await store().auditLog.list({ limit: 1000 }));
    expect(secrets.length).toBeGreaterThan(20);
    for (const secret of [...secrets, USERS.alice.password, USERS.bob.password]) {
      expect(text).not.toContain(secret);
    }
  });
});
