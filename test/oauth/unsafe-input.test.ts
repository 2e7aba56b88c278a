import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { authorizationParams, CLIENTS, loginCookie, oauthSeed, postForm } from './oauth-support.js';

/** Inputs no client id, login name or URL holds, which PostgreSQL refuses in text outright. */
const NUL = '\u0000';

describe.each(DIALECTS)('OAuth endpoints with unsafe input [%s]', (dialect) => {
  let server: TestServer;
  let alice: string;
  let requestToken: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
    alice = await loginCookie(server.url);
    const page = await rawRequest(server.url, {
      path: '/k/admin/oauth',
      headers: { cookie: alice },
    });
    requestToken = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(page.text)![1]!;
  });
  afterAll(async () => server.close());

  it('refuses a NUL in the client id on the authorization page with its error', async () => {
    const params = authorizationParams({ ...CLIENTS.main, clientId: `a${NUL}b` });
    const response = await rawRequest(server.url, {
      path: `/oauth2/authorization?${new URLSearchParams(params)}`,
      headers: { cookie: alice },
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('does not name a registered OAuth client');
  });

  it('refuses a NUL in client credentials as invalid_client, by body and by Basic', async () => {
    const body = await postForm(server.url, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: 'x',
      client_id: `a${NUL}b`,
      client_secret: `s${NUL}`,
    });
    expect([body.status, body.json.error]).toEqual([401, 'invalid_client']);

    const basic = await postForm(
      server.url,
      '/oauth2/token',
      { grant_type: 'refresh_token', refresh_token: `r${NUL}` },
      { authorization: `Basic ${Buffer.from(`a%00b:s`).toString('base64')}` },
    );
    expect([basic.status, basic.json.error]).toEqual([401, 'invalid_client']);
  });

  it('ignores a NUL client id on the account and admin forms, and refuses NUL inputs when adding', async () => {
    const revoke = await postForm(
      server.url,
      '/k/account/oauth/revoke',
      { client_id: `a${NUL}`, __REQUEST_TOKEN__: requestToken },
      { cookie: alice },
    );
    expect(revoke.status).toBe(303);
    const remove = await postForm(
      server.url,
      '/k/admin/oauth/remove',
      { client_id: `a${NUL}`, __REQUEST_TOKEN__: requestToken },
      { cookie: alice },
    );
    expect(remove.status).toBe(303);
    const rotate = await postForm(
      server.url,
      '/k/admin/oauth/rotate',
      { client_id: `a${NUL}`, __REQUEST_TOKEN__: requestToken },
      { cookie: alice },
    );
    expect(rotate.status).toBe(404);

    const forms: Array<Record<string, string>> = [
      { name: `x${NUL}`, redirect_uri: 'https://x.example/cb' },
      { name: 'x', redirect_uri: `https://x.example/c${NUL}b` },
      { name: 'x', redirect_uri: 'https://x.example/cb', users: `ali${NUL}ce` },
    ];
    for (const form of forms) {
      const added = await postForm(
        server.url,
        '/k/admin/oauth/add',
        { ...form, __REQUEST_TOKEN__: requestToken },
        { cookie: alice },
      );
      expect(added.status).toBe(400);
    }
  });
});
