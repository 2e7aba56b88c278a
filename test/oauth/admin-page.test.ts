import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { loginCookie, oauthSeed, postForm } from './oauth-support.js';

describe.each(DIALECTS)('the OAuth clients admin page [%s]', (dialect) => {
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
  afterAll(async () => server.close());

  const authenticates = async (id: string, secret: string) => {
    const response = await postForm(server.url, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: 'x'.repeat(43),
      client_id: id,
      client_secret: secret,
    });
    return response.json.error === 'invalid_grant';
  };
  const post = (action: string, form: Record<string, string>, cookie = admin) =>
    postForm(
      server.url,
      `/k/admin/oauth/${action}`,
      { __REQUEST_TOKEN__: requestToken, ...form },
      { cookie },
    );

  it('lists the clients to administrators only', async () => {
    const page = await rawRequest(server.url, {
      path: '/k/admin/oauth',
      headers: { cookie: admin },
    });
    expect(page.status).toBe(200);
    expect(page.text).toContain('kl-main-client');
    expect(page.text).not.toContain('main-secret');

    const bob = await loginCookie(server.url, USERS.bob);
    const refused = await rawRequest(server.url, {
      path: '/k/admin/oauth',
      headers: { cookie: bob },
    });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('CB_NO02');
  });

  it('adds a client and shows its secret once, rotates it, and removes the client', async () => {
    const added = await post('add', {
      name: 'Web Added',
      redirect_uri: 'https://web.example/cb',
      users: 'alice, bob',
      require_pkce: 'on',
    });
    expect(added.status).toBe(200);
    expect(added.headers['cache-control']).toBe('no-store');
    const id = /class="kl-client-id">([^<]+)</.exec(added.text)![1]!;
    expect(added.text).toContain(`Client ${id} added. Copy its secret now: it is not shown again.`);
    const secret = /class="kl-client-secret">([^<]+)</.exec(added.text)![1]!;
    expect(await authenticates(id, secret)).toBe(true);
    const listed = (await server.server.store.oauthClients.list()).find((c) => c.id === id);
    expect(listed).toMatchObject({
      name: 'Web Added',
      allowedUsers: ['alice', 'bob'],
      requirePkce: true,
    });

    const rotated = await post('rotate', { client_id: id });
    const newSecret = /class="kl-client-secret">([^<]+)</.exec(rotated.text)![1]!;
    expect(await authenticates(id, secret)).toBe(false);
    expect(await authenticates(id, newSecret)).toBe(true);

    const removed = await post('remove', { client_id: id });
    expect(removed.status).toBe(303);
    expect(await authenticates(id, newSecret)).toBe(false);
  });

  it('refuses a bad redirect URI and an unknown user with a message', async () => {
    const bad = await post('add', { name: 'x', redirect_uri: 'http://web.example/cb' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('The redirect URI must use https');
    const ghost = await post('add', {
      name: 'x',
      redirect_uri: 'https://x.example/cb',
      users: 'ghost',
    });
    expect(ghost.text).toContain('No user with the login name &quot;ghost&quot;.');
  });

  it('needs the request token and an administrator for every change', async () => {
    const forged = await postForm(
      server.url,
      '/k/admin/oauth/remove',
      { client_id: 'kl-main-client' },
      { cookie: admin },
    );
    expect(forged.status).toBe(400);
    const bob = await loginCookie(server.url, USERS.bob);
    const page = await rawRequest(server.url, {
      path: '/k/account/oauth',
      headers: { cookie: bob },
    });
    const bobToken = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(page.text)![1]!;
    const byBob = await postForm(
      server.url,
      '/k/admin/oauth/remove',
      { client_id: 'kl-main-client', __REQUEST_TOKEN__: bobToken },
      { cookie: bob },
    );
    expect(byBob.status).toBe(403);
    expect(await server.server.store.oauthClients.find('kl-main-client')).toBeDefined();
  });
});
