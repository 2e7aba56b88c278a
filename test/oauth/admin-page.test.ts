import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { jsonRequest, rawRequest } from '../support/http.js';
import { sha256Hex } from '../../src/crypto/digest.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  authorizationParams,
  authorizationPath,
  bearer,
  exchange,
  issueTokens,
  loginCookie,
  oauthSeed,
  obtainCode,
  postForm,
  refreshWith,
} from './oauth-support.js';

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
    expect(page.text).toContain('<a href="/k/admin/oauth" aria-current="page">OAuth clients</a>');
    // Not no-referrer: Chromium would post the page's forms with `Origin: null`.
    expect(page.headers['referrer-policy']).toBe('same-origin');

    const bob = await loginCookie(server.url, USERS.bob);
    const refused = await rawRequest(server.url, {
      path: '/k/admin/oauth',
      headers: { cookie: bob },
    });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('text/html');
    expect(refused.text).toContain('No privilege to proceed.');
    expect(refused.text).not.toContain('kl-main-client');
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
    expect(bad.text).toContain('value="http://web.example/cb"');
    const ghost = await post('add', {
      name: 'x',
      redirect_uri: 'https://x.example/cb',
      users: 'ghost',
    });
    expect(ghost.text).toContain('No user with the login name &quot;ghost&quot;.');
  });

  it('edits the name and redirect URI: codes for the old URI die, tokens live on', async () => {
    const added = await post('add', {
      name: 'Before',
      redirect_uri: 'https://before.example/cb',
      users: 'alice',
    });
    const client = {
      clientId: /class="kl-client-id">([^<]+)</.exec(added.text)![1]!,
      clientSecret: /class="kl-client-secret">([^<]+)</.exec(added.text)![1]!,
      redirectUri: 'https://before.example/cb',
    };
    const tokens = await issueTokens(server.url, 'k:app_settings:read', USERS.alice, client);
    const pending = await obtainCode(server.url, client, { scope: 'k:app_settings:read' });

    const edited = await post('edit', {
      client_id: client.clientId,
      name: '  After <b> ',
      redirect_uri: 'https://after.example/cb',
    });
    expect(edited.status).toBe(200);
    expect(edited.text).toContain(`Client ${client.clientId} saved.`);
    expect(edited.text).toContain('value="After &lt;b&gt;"');
    expect(edited.text).not.toContain(client.clientSecret);
    expect(await server.server.store.oauthClients.find(client.clientId)).toMatchObject({
      name: 'After <b>',
      redirectUri: 'https://after.example/cb',
    });

    const moved = { ...client, redirectUri: 'https://after.example/cb' };
    for (const attempt of [client, moved]) {
      const refused = await exchange(server.url, attempt, pending);
      expect(refused.status).toBe(400);
      expect(refused.json.error).toBe('invalid_grant');
    }
    const apps = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/apps.json',
      bearer(tokens.access_token),
    );
    expect(apps.status).toBe(200);
    const refreshed = await refreshWith(server.url, client, tokens.refresh_token);
    expect(refreshed.status).toBe(200);

    const oldUri = await rawRequest(server.url, {
      path: authorizationPath(authorizationParams(client)),
      headers: { cookie: admin },
    });
    expect(oldUri.status).toBe(400);
    expect(oldUri.headers.location).toBeUndefined();
    const again = await issueTokens(server.url, 'k:app_settings:read', USERS.alice, moved);
    expect(again.scope).toBe('k:app_settings:read');
  });

  it('refuses a code stored for the old redirect URI even if it outlived the edit', async () => {
    // A code issued while the edit was being saved: the token endpoint checks the client's
    // current redirect URI too, not only the one the request repeats.
    const alice = await server.server.store.users.findByLoginName('alice');
    const code = 'c'.repeat(43);
    await server.server.store.oauthCodes.createCode(
      sha256Hex(code),
      {
        clientId: 'kl-other-client',
        userId: alice!.id,
        redirectUri: 'https://previous.example/cb',
        scope: 'k:app_settings:read',
        codeChallenge: null,
        expiresAt: Date.now() + 60_000,
      },
      Date.now(),
    );
    const other = {
      clientId: 'kl-other-client',
      clientSecret: 'other-secret-0123456789-abcdefghij',
      redirectUri: 'https://previous.example/cb',
    };
    const refused = await exchange(server.url, other, code);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe('invalid_grant');
  });

  it('refuses an edit that registration would refuse, and an unknown client', async () => {
    const before = await server.server.store.oauthClients.find('kl-main-client');
    const http = await post('edit', {
      client_id: 'kl-main-client',
      name: 'Renamed',
      redirect_uri: 'http://web.example/cb',
    });
    expect(http.status).toBe(400);
    expect(http.text).toContain(
      'The redirect URI must use https (http only for localhost, 127.0.0.1 or [::1]).',
    );
    const blank = await post('edit', {
      client_id: 'kl-main-client',
      name: '  ',
      redirect_uri: 'https://app.example/callback',
    });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain(
      'The name must be 1 to 100 characters, none of them control characters.',
    );
    expect(await server.server.store.oauthClients.find('kl-main-client')).toEqual(before);

    const ghost = await post('edit', {
      client_id: 'kl-ghost-client',
      name: 'Ghost',
      redirect_uri: 'https://ghost.example/cb',
    });
    expect(ghost.status).toBe(404);
    expect(ghost.json.code).toBe('KL_UR01');
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
