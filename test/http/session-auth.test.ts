import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest, type RawResponse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const HOUR = 60 * 60 * 1000;

function sessionCookieOf(response: RawResponse): string | undefined {
  const line = (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('kintone-session='));
  return line?.split(';')[0];
}

describe.each(DIALECTS)('session authentication [%s]', (dialect) => {
  let server: TestServer;
  let clock = Date.parse('2025-04-01T09:00:00Z');

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed(), {}, { now: () => new Date(clock) });
  });
  afterAll(async () => {
    await server?.close();
  });

  const origin = () => server.url;

  function login(
    user: { loginName: string; password: string },
    extra: Record<string, string> = {},
  ) {
    const form = new URLSearchParams({
      username: user.loginName,
      password: user.password,
      ...extra,
    });
    return rawRequest(server.url, {
      method: 'POST',
      path: '/login',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: origin(),
        ...(extra.cookie ? { cookie: extra.cookie } : {}),
      },
      body: form.toString(),
    });
  }

  async function session(user = USERS.alice): Promise<{ cookie: string; token: string }> {
    const cookie = sessionCookieOf(await login(user))!;
    const page = await rawRequest(server.url, { path: '/k/', headers: { cookie } });
    const token = /"requestToken":"([^"]+)"/.exec(page.text)![1]!;
    return { cookie, token };
  }

  function call(
    method: string,
    path: string,
    cookie: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return jsonRequest(
      server.url,
      method,
      path,
      {
        cookie,
        'x-requested-with': 'XMLHttpRequest',
        origin: origin(),
        ...headers,
      },
      body,
    );
  }

  const newRecord = { app: 1, record: { title: { value: 'by session' } } };

  it('sets an HttpOnly, SameSite=Lax, Path=/ cookie and redirects to a same-origin path', async () => {
    const response = await login(USERS.alice, { redirect: '/k/1/show#record=1' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/k/1/show#record=1');
    const line = response.headers['set-cookie']!.find((c) => c.startsWith('kintone-session='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).not.toMatch(/Domain=/);
    expect(line).toMatch(/^kintone-session=[A-Za-z0-9]{24}\.[A-Za-z0-9]{32};/);
  });

  it('never redirects off the origin after login', async () => {
    const targets = [
      '//evil.example/',
      'https://evil.example/',
      '/\\evil.example',
      // Paths that only become `//host` once normalised.
      '/.//evil.example',
      '/..//evil.example/x',
      '/%2e//evil.example',
      '/k/..//evil.example',
    ];
    for (const target of targets) {
      const response = await login(USERS.alice, { redirect: target });
      expect(response.headers.location).toBe('/k/');
    }
  });

  it('refuses a wrong password or unknown user with the same page and no cookie', async () => {
    const wrong = await login({ loginName: 'alice', password: 'nope' });
    const unknown = await login({ loginName: 'nobody', password: 'nope' });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.headers['set-cookie']).toBeUndefined();
      expect(response.text).toContain('The login name or password is incorrect.');
    }
    expect(unknown.text.replace('nobody', 'alice')).toBe(wrong.text);
  });

  it('issues a new session at every login and ends the one the browser held', async () => {
    const first = sessionCookieOf(await login(USERS.alice))!;
    const second = sessionCookieOf(await login(USERS.alice, { cookie: first }))!;
    expect(second).not.toBe(first);
    expect((await call('GET', '/k/v1/app.json?id=1', first)).json.code).toBe('CB_AU01');
    expect((await call('GET', '/k/v1/app.json?id=1', second)).status).toBe(200);
  });

  it('needs X-Requested-With: the cookie alone is not a login', async () => {
    const { cookie } = await session();
    const response = await jsonRequest(server.url, 'GET', '/k/v1/app.json?id=1', { cookie });
    expect(response.status).toBe(401);
    expect(response.json.code).toBe('CB_AU01');
  });

  it('accepts the request token in the JSON body, the query string, and for DELETE', async () => {
    const { cookie, token } = await session();
    const inBody = await call('POST', '/k/v1/record.json', cookie, {
      ...newRecord,
      __REQUEST_TOKEN__: token,
    });
    expect(inBody.status).toBe(200);
    const inQuery = await call(
      'POST',
      `/k/v1/record.json?__REQUEST_TOKEN__=${token}`,
      cookie,
      newRecord,
    );
    expect(inQuery.status).toBe(200);
    const deleted = await call(
      'DELETE',
      `/k/v1/records.json?app=1&ids[0]=${inQuery.json.id}&__REQUEST_TOKEN__=${token}`,
      cookie,
    );
    expect(deleted.status).toBe(200);
    const read = await call('GET', `/k/v1/record.json?app=1&id=${inBody.json.id}`, cookie);
    expect(read.json.record.title.value).toBe('by session');
  });

  it('refuses unsafe calls without the token, with a wrong one, or from another origin', async () => {
    const { cookie, token } = await session();
    const refusals = [
      await call('POST', '/k/v1/record.json', cookie, newRecord),
      await call('PUT', '/k/v1/record.json', cookie, {
        app: 1,
        id: 1,
        record: {},
        __REQUEST_TOKEN__: 'x',
      }),
      await call('DELETE', '/k/v1/records.json?app=1&ids[0]=1', cookie),
      await call(
        'POST',
        '/k/v1/record.json',
        cookie,
        { ...newRecord, __REQUEST_TOKEN__: token },
        {
          origin: 'http://localhost:1',
        },
      ),
      await call(
        'POST',
        '/k/v1/record.json',
        cookie,
        { ...newRecord, __REQUEST_TOKEN__: token },
        {
          'sec-fetch-site': 'cross-site',
        },
      ),
      // The HTTP method counts: a POST tunnelling a GET needs the token, as the client sends it.
      await call(
        'POST',
        '/k/v1/records.json',
        cookie,
        { app: 1 },
        { 'x-http-method-override': 'GET' },
      ),
    ];
    for (const response of refusals) {
      expect(response.status).toBe(400);
      expect(response.json.code).toBe('CB_IL02');
    }
    const tunnelled = await call(
      'POST',
      '/k/v1/records.json',
      cookie,
      { app: 1, __REQUEST_TOKEN__: token },
      {
        'x-http-method-override': 'GET',
      },
    );
    expect(tunnelled.status).toBe(200);
  });

  it('lets a password header win over a cookie, without a request token', async () => {
    const { cookie } = await session(USERS.bob);
    const response = await call('POST', '/k/v1/record.json', cookie, newRecord, {
      'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
    });
    expect(response.status).toBe(200);

    const wrong = await call('GET', '/k/v1/app.json?id=1', cookie, undefined, {
      'x-cybozu-authorization': passwordHeader('alice', 'wrong'),
    });
    expect(wrong.json.code).toBe('CB_WA01');
  });

  it('ends idle sessions after 8 hours, slides with use, and ends every session after 7 days', async () => {
    const idle = await session();
    const active = await session();
    for (let day = 0; day < 6; day++) {
      for (let step = 0; step < 4; step++) {
        clock += 6 * HOUR;
        expect((await call('GET', '/k/v1/app.json?id=1', active.cookie)).status).toBe(200);
      }
    }
    expect((await call('GET', '/k/v1/app.json?id=1', idle.cookie)).json.code).toBe('CB_AU01');

    clock += 6 * HOUR * 4;
    expect((await call('GET', '/k/v1/app.json?id=1', active.cookie)).json.code).toBe('CB_AU01');
  });

  it("stops a disabled user's session on the next request", async () => {
    const { cookie } = await session(USERS.bob);
    expect((await call('GET', '/k/v1/app.json?id=1', cookie)).status).toBe(200);
    const bob = (await server.server.store.users.findByLoginName('bob'))!;
    await server.server.store.users.setEnabled(bob.id, false);
    expect((await call('GET', '/k/v1/app.json?id=1', cookie)).json.code).toBe('CB_AU01');
    await server.server.store.users.setEnabled(bob.id, true);
  });

  it('redirects pages to the login form and sends the security headers', async () => {
    const anonymous = await rawRequest(server.url, { path: '/k/1/' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?redirect=%2Fk%2F1%2F');

    const form = await rawRequest(server.url, { path: '/login' });
    expect(form.headers['x-frame-options']).toBe('DENY');
    expect(form.headers['x-content-type-options']).toBe('nosniff');
    expect(form.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });
});
