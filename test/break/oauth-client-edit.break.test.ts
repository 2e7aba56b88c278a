/**
 * Break tests: editing an OAuth client on the admin page. Every hostile redirect URI, name or
 * client id is refused with the page and leaves the client as it was; only an administrator
 * with the request token edits; the authorization endpoint follows the new URI only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  authorizationParams,
  authorizationPath,
  CLIENTS,
  loginCookie,
  oauthSeed,
  postForm,
} from '../oauth/oauth-support.js';

const CLIENT = 'kl-main-client';

describe.each(DIALECTS)('break: editing an OAuth client [%s]', (dialect) => {
  let server: TestServer;
  let admin: string;
  let requestToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
    admin = await loginCookie(server.url, USERS.alice);
    const page = await rawRequest(server.url, {
      path: '/k/admin/oauth',
      headers: { cookie: admin },
    });
    requestToken = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(page.text)![1]!;
  });
  afterAll(() => server.close());

  const edit = (form: Record<string, string>, token = requestToken, cookie = admin) =>
    postForm(server.url, '/k/admin/oauth/edit', { __REQUEST_TOKEN__: token, ...form }, { cookie });
  const stored = () => server.server.store.oauthClients.find(CLIENT);

  it.each([
    ['a javascript: URI', 'javascript:alert(1)'],
    ['a fragment', 'https://evil.example/cb#frag'],
    ['user information', 'https://user:pass@evil.example/cb'],
    ['a space', 'https://evil.example/c b'],
    ['a newline', 'https://evil.example/cb\r\nSet-Cookie: x=1'],
    ['a NUL byte', 'https://evil.example/\u0000cb'],
    ['plain text', 'not a url'],
    ['a data: URI', 'data:text/html,<script>alert(1)</script>'],
    ['nothing', ''],
  ])('refuses a redirect URI with %s and keeps the client', async (_name, redirectUri) => {
    const before = await stored();
    const response = await edit({ client_id: CLIENT, name: 'Renamed', redirect_uri: redirectUri });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).not.toContain('<script>alert(1)');
    expect(response.text).not.toContain(CLIENTS.main.clientSecret);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['an empty name', ''],
    ['a name of 10,000 characters', 'n'.repeat(10_000)],
    ['a name with a control character', 'a\u0007b'],
  ])('refuses %s and keeps the client', async (_name, name) => {
    const before = await stored();
    const response = await edit({ client_id: CLIENT, name, redirect_uri: 'https://ok.example/cb' });
    expect(response.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  it.each([
    ['an unknown id', 'kl-nobody'],
    ['a NUL byte', 'kl-\u0000'],
    ['nothing', ''],
    ['an id of 5,000 characters', 'k'.repeat(5000)],
  ])('answers KL_UR01 for a client id of %s', async (_name, clientId) => {
    const response = await edit({
      client_id: clientId,
      name: 'Ghost',
      redirect_uri: 'https://ghost.example/cb',
    });
    expect(response.status).toBe(404);
    expect(response.json.code).toBe('KL_UR01');
  });

  it('refuses an edit without the request token, with a wrong one, or by a non-administrator', async () => {
    const before = await stored();
    const form = { client_id: CLIENT, name: 'Taken', redirect_uri: 'https://taken.example/cb' };
    const missing = await postForm(server.url, '/k/admin/oauth/edit', form, { cookie: admin });
    expect(missing.status).toBe(400);
    expect((await edit(form, 'x'.repeat(43))).status).toBe(400);

    const bob = await loginCookie(server.url, USERS.bob);
    const page = await rawRequest(server.url, {
      path: '/k/account/oauth',
      headers: { cookie: bob },
    });
    const bobToken = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(page.text)![1]!;
    expect((await edit(form, bobToken, bob)).status).toBe(403);
    expect((await edit(form, bobToken, '')).status).not.toBe(200);
    expect(await stored()).toEqual(before);
  });

  it('takes a double submit as one edit, then authorizes the new URI only', async () => {
    const form = { client_id: CLIENT, name: 'Moved', redirect_uri: 'https://moved.example/cb' };
    const [first, second] = await Promise.all([edit(form), edit(form)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await stored()).toMatchObject({ name: 'Moved', redirectUri: form.redirect_uri });

    const authorize = (redirectUri: string) =>
      rawRequest(server.url, {
        path: authorizationPath(authorizationParams({ ...CLIENTS.main, redirectUri })),
        headers: { cookie: admin },
      });
    const old = await authorize(CLIENTS.main.redirectUri);
    expect(old.status).toBe(400);
    expect(old.headers.location).toBeUndefined();
    const moved = await authorize(form.redirect_uri);
    expect(moved.status).toBe(200);
  });
});
