import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { jsonRequest, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { sha256Hex } from '../../src/crypto/digest.js';
import {
  bearer,
  CLIENTS,
  issueTokens,
  loginCookie,
  oauthSeed,
  postForm,
  refreshWith,
} from './oauth-support.js';

describe.each(DIALECTS)('revoking OAuth tokens [%s]', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
  });
  afterAll(async () => server.close());

  const records = (token: string) =>
    jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', bearer(token));
  const store = () => server.server.store;
  const idOf = async (login: string) => (await store().users.findByLoginName(login))!.id;

  it('lists the clients a user authorized, and revoking one kills its tokens', async () => {
    const tokens = await issueTokens(
      server.url,
      'k:app_record:read k:file:read',
      USERS.alice,
      CLIENTS.quirky,
    );
    const cookie = await loginCookie(server.url);
    const page = await rawRequest(server.url, { path: '/k/account/oauth', headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Quirky &lt;Client&gt; &amp; Co');
    expect(page.text).toContain('Read records');
    expect(page.text).toContain('Download files');
    const requestToken = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(page.text)![1]!;

    const forged = await postForm(
      server.url,
      '/k/account/oauth/revoke',
      { client_id: CLIENTS.quirky.clientId },
      { cookie },
    );
    expect(forged.status).toBe(400);
    expect((await records(tokens.access_token)).status).toBe(200);

    const revoked = await postForm(
      server.url,
      '/k/account/oauth/revoke',
      { client_id: CLIENTS.quirky.clientId, __REQUEST_TOKEN__: requestToken },
      { cookie },
    );
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe('/k/account/oauth');
    expect((await records(tokens.access_token)).status).toBe(401);
    expect((await refreshWith(server.url, CLIENTS.quirky, tokens.refresh_token)).json.error).toBe(
      'invalid_grant',
    );

    const after = await rawRequest(server.url, { path: '/k/account/oauth', headers: { cookie } });
    expect(after.text).not.toContain('Quirky');
  });

  it('the account page needs a login', async () => {
    const response = await rawRequest(server.url, { path: '/k/account/oauth' });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/login?redirect=%2Fk%2Faccount%2Foauth');
  });

  it('R24: disabling the user stops its tokens at once', async () => {
    const tokens = await issueTokens(server.url, 'k:app_record:read', USERS.bob);
    expect((await records(tokens.access_token)).status).toBe(200);
    await store().users.setEnabled(await idOf('bob'), false);
    try {
      expect((await records(tokens.access_token)).status).toBe(401);
      expect((await refreshWith(server.url, CLIENTS.main, tokens.refresh_token)).json.error).toBe(
        'invalid_grant',
      );
    } finally {
      await store().users.setEnabled(await idOf('bob'), true);
    }
  });

  it('R24: taking the user off the allowed list revokes its tokens', async () => {
    const tokens = await issueTokens(server.url, 'k:app_record:read', USERS.bob, CLIENTS.other);
    await store().oauthClients.setAllowedUsers(CLIENTS.other.clientId, [await idOf('alice')]);
    expect((await records(tokens.access_token)).status).toBe(401);
    await store().oauthClients.setAllowedUsers(CLIENTS.other.clientId, [
      await idOf('alice'),
      await idOf('bob'),
    ]);
    // Back on the list, the old tokens stay dead.
    expect((await records(tokens.access_token)).status).toBe(401);
  });

  it("R24: rotating the client's secret revokes every token it holds", async () => {
    const tokens = await issueTokens(server.url, 'k:app_record:read', USERS.alice, CLIENTS.other);
    await store().oauthClients.replaceSecret(
      CLIENTS.other.clientId,
      sha256Hex(CLIENTS.other.clientSecret),
    );
    expect((await records(tokens.access_token)).status).toBe(401);
  });

  it('R24: removing the client revokes its tokens and ends its authentication', async () => {
    const tokens = await issueTokens(server.url, 'k:app_record:read', USERS.alice, CLIENTS.other);
    expect(await store().oauthClients.remove(CLIENTS.other.clientId)).toBe(true);
    expect((await records(tokens.access_token)).status).toBe(401);
    const refresh = await refreshWith(server.url, CLIENTS.other, tokens.refresh_token);
    expect(refresh.status).toBe(401);
    expect(refresh.json.error).toBe('invalid_client');
  });
});
