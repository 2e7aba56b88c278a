import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest, type RawResponse } from '../support/http.js';
import {
  cli,
  freshPostgresUrl,
  pollUntil,
  seedFile,
  startInstance,
  startProxy,
  type Instance,
} from '../support/instances.js';
import {
  basicAuth,
  bearer,
  CLIENTS,
  issueTokens,
  loginCookie,
  oauthSeed,
  postForm,
} from '../oauth/oauth-support.js';

/**
 * Two `kintone-local serve` processes on one PostgreSQL schema, behind a round-robin proxy:
 * what one instance is told, the other honours within a second.
 */
describe.skipIf(!DIALECTS.includes('postgres'))('two instances on one PostgreSQL store', () => {
  let databaseUrl: string;
  let first: Instance;
  let second: Instance;
  let proxy: { url: string; close(): Promise<void> };
  const store = () => ['--database-url', databaseUrl];

  beforeAll(async () => {
    databaseUrl = await freshPostgresUrl();
    // The first instance seeds the empty store; the second finds it already filled.
    first = await startInstance(store(), ['--seed', seedFile(oauthSeed())]);
    second = await startInstance(store());
    proxy = await startProxy([first.url, second.url]);
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  const tokenRead = (instance: Instance, token: string) =>
    jsonRequest(instance.url, 'GET', '/k/v1/record.json?app=1&id=1', {
      'x-cybozu-api-token': token,
    });
  const passwordRead = (instance: Instance, user: { loginName: string; password: string }) =>
    jsonRequest(instance.url, 'GET', '/k/v1/record.json?app=1&id=1', {
      'x-cybozu-authorization': passwordHeader(user.loginName, user.password),
    });
  const sessionRead = (url: string, cookie: string) =>
    jsonRequest(url, 'GET', '/k/v1/record.json?app=1&id=1', {
      cookie,
      'x-requested-with': 'XMLHttpRequest',
    });

  async function login(url: string, user: { loginName: string; password: string }) {
    const response = await rawRequest(url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: user.loginName, password: user.password }).toString(),
    });
    const line = (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('kintone-'));
    return line!.split(';')[0]!;
  }

  const bearerRead = (instance: Instance, token: string) =>
    jsonRequest(instance.url, 'GET', '/k/v1/record.json?app=1&id=1', bearer(token));

  /** Alice's tokens for a client, obtained through the first instance. */
  const oauthTokens = (client: (typeof CLIENTS)[keyof typeof CLIENTS] = CLIENTS.main) =>
    issueTokens(first.url, 'k:app_record:read', USERS.alice, client);

  async function revokeOnAccountPage(url: string, clientId: string) {
    const cookie = await loginCookie(url);
    const page = await rawRequest(url, { path: '/k/account/oauth', headers: { cookie } });
    const token = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(page.text)![1]!;
    const response = await postForm(
      url,
      '/k/account/oauth/revoke',
      { client_id: clientId, __REQUEST_TOKEN__: token },
      { cookie },
    );
    expect(response.status).toBe(303);
  }

  async function logout(url: string, cookie: string) {
    const page = await rawRequest(url, { path: '/k/', headers: { cookie } });
    const token = /"requestToken":"([^"]+)"/.exec(page.text)![1]!;
    const response = await rawRequest(url, {
      method: 'POST',
      path: '/logout',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ __REQUEST_TOKEN__: token }).toString(),
    });
    expect(response.status).toBe(303);
  }

  it('accepts a session made on one instance on every instance behind the balancer', async () => {
    const cookie = await login(proxy.url, USERS.alice);

    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await sessionRead(proxy.url, cookie));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers[0]!.json.record.$id.value).toBe('1');

    // The same cookie straight at each instance, so both are known to have been asked.
    expect((await sessionRead(first.url, cookie)).status).toBe(200);
    expect((await sessionRead(second.url, cookie)).status).toBe(200);
  });

  /**
   * Each case: something that works on the second instance (and so sits in its caches), is
   * revoked through the first instance or the command line, and must be refused by the second
   * within one second. New kinds of credential (an OAuth grant) add one entry here.
   */
  interface Revocation {
    name: string;
    prepare(): Promise<() => Promise<RawResponse>>;
    revoke(): Promise<void>;
    refusal: { status: number; code: string };
  }

  const revocations: Revocation[] = [
    {
      name: 'an API token deleted from the command line',
      async prepare() {
        return () => tokenRead(second, TOKENS.app1Second);
      },
      async revoke() {
        const listed = await cli(['token', 'list', '--app', '1', ...store()]);
        const id = /^(\d+) .*second view token$/m.exec(listed)![1]!;
        await cli(['token', 'delete', '--id', id, ...store()]);
      },
      refusal: { status: 400, code: 'GAIA_IA02' },
    },
    {
      name: 'a user disabled from the command line, despite the verified-password cache',
      async prepare() {
        return () => passwordRead(second, USERS.bob);
      },
      async revoke() {
        await cli(['user', 'disable', '--login', USERS.bob.loginName, ...store()]);
      },
      refusal: { status: 401, code: 'CB_WA01' },
    },
    {
      name: 'a password changed from the command line, despite the verified-password cache',
      async prepare() {
        return () => passwordRead(second, USERS.yuki);
      },
      async revoke() {
        await cli([
          'user',
          'password',
          '--login',
          USERS.yuki.loginName,
          '--password',
          'new-p4ss',
          ...store(),
        ]);
      },
      refusal: { status: 401, code: 'CB_WA01' },
    },
    {
      name: 'a session logged out through the other instance',
      async prepare() {
        const cookie = await login(first.url, USERS.alice);
        this.revoke = () => logout(first.url, cookie);
        return () => sessionRead(second.url, cookie);
      },
      async revoke() {},
      refusal: { status: 401, code: 'CB_AU01' },
    },
    {
      name: 'an OAuth token revoked by its client (RFC 7009) through the other instance',
      async prepare() {
        const tokens = await oauthTokens();
        this.revoke = async () => {
          const answer = await postForm(
            first.url,
            '/oauth2/revoke',
            { token: tokens.access_token },
            { authorization: basicAuth(CLIENTS.main) },
          );
          expect(answer.status).toBe(200);
        };
        return () => bearerRead(second, tokens.access_token);
      },
      async revoke() {},
      refusal: { status: 401, code: 'CB_AU01' },
    },
    {
      name: "an OAuth client revoked on the user's account page of the other instance",
      async prepare() {
        const tokens = await oauthTokens(CLIENTS.quirky);
        return () => bearerRead(second, tokens.access_token);
      },
      async revoke() {
        await revokeOnAccountPage(first.url, CLIENTS.quirky.clientId);
      },
      refusal: { status: 401, code: 'CB_AU01' },
    },
    {
      name: 'an OAuth client removed from the command line',
      async prepare() {
        const tokens = await oauthTokens(CLIENTS.other);
        return () => bearerRead(second, tokens.access_token);
      },
      async revoke() {
        await cli(['oauth-client', 'remove', '--client-id', CLIENTS.other.clientId, ...store()]);
      },
      refusal: { status: 401, code: 'CB_AU01' },
    },
    {
      name: 'the OAuth tokens of a user whose password is changed from the command line',
      async prepare() {
        const tokens = await oauthTokens();
        return () => bearerRead(second, tokens.access_token);
      },
      async revoke() {
        const said = await cli([
          'user',
          'password',
          '--login',
          USERS.alice.loginName,
          '--password',
          'alice-n3w',
          ...store(),
        ]);
        expect(said).toBe(
          'Changed the password of alice; ended the OAuth access of 1 client(s).\n',
        );
      },
      refusal: { status: 401, code: 'CB_AU01' },
    },
  ];

  it.each(revocations)('refuses $name within one second', async (revocation) => {
    const ask = await revocation.prepare.call(revocation);
    // Twice, so the second instance surely answers from its memory the next time.
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);

    await revocation.revoke.call(revocation);

    const answer = await pollUntil(ask, (a) => a.status !== 200);
    expect(answer.status).toBe(revocation.refusal.status);
    expect(answer.json.code).toBe(revocation.refusal.code);
  });

  it('lets the new password in on the other instance at once', async () => {
    const answer = await passwordRead(second, { ...USERS.yuki, password: 'new-p4ss' });
    expect(answer.status).toBe(200);
  });

  it('lets exactly one of many same-revision updates from both instances win', async () => {
    const headers = { 'x-cybozu-api-token': TOKENS.app1Full };
    const current = await jsonRequest(first.url, 'GET', '/k/v1/record.json?app=1&id=2', headers);
    const revision = current.json.record.$revision.value as string;

    const attempts = Array.from({ length: 12 }, (_, i) =>
      jsonRequest(i % 2 === 0 ? first.url : second.url, 'PUT', '/k/v1/record.json', headers, {
        app: 1,
        id: 2,
        revision,
        record: { body: { value: `writer ${i}` } },
      }),
    );
    const answers = await Promise.all(attempts);

    const winners = answers.filter((a) => a.status === 200);
    const losers = answers.filter((a) => a.status !== 200);
    expect(winners).toHaveLength(1);
    expect(winners[0]!.json.revision).toBe(String(Number(revision) + 1));
    expect(losers.map((a) => [a.status, a.json.code])).toEqual(
      losers.map(() => [409, 'GAIA_CO02']),
    );

    const after = await jsonRequest(second.url, 'GET', '/k/v1/record.json?app=1&id=2', headers);
    expect(after.json.record.$revision.value).toBe(winners[0]!.json.revision);
    const winner = answers.indexOf(winners[0]!);
    expect(after.json.record.body.value).toBe(`writer ${winner}`);
  });

  it('records what happened in the audit log, readable from the command line', async () => {
    const lines = (await cli(['audit', '--json', '--limit', '200', ...store()]))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const seen = lines.map((e) => `${e.event} ${e.outcome} ${e.method} ${e.loginName ?? '-'}`);

    expect(seen).toContain('user_disabled success cli bob');
    expect(seen).toContain('password_change success cli ゆき');
    expect(seen).toContain('logout success session alice');
    expect(seen).toContain('login success login_form alice');
    expect(seen).toContain('password_auth failure password bob');
    expect(seen).toContain('api_token failure api_token -');
    const oauth = lines
      .filter((e) => e.method === 'oauth' && e.event === 'oauth_revoke')
      .map((e) => `${e.loginName} ${e.reason}`);
    expect(oauth).toEqual([
      'alice password_change client_id=kl-main-client',
      'alice client_removed client_id=kl-other-client',
      'alice account_page client_id=kl-quirky.client~1',
      'alice rfc7009 client_id=kl-main-client',
    ]);
  });
});
