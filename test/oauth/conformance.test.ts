import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';
import { AuthorizationCode } from 'simple-oauth2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  authorizationParams,
  bearer,
  CLIENTS,
  decide,
  loginCookie,
  oauthSeed,
} from './oauth-support.js';

const insecure = { [oauth.allowInsecureRequests]: true };

/** The callback URL the browser would land on after approving `params`. */
async function callbackFor(baseUrl: string, params: Record<string, string>): Promise<URL> {
  const cookie = await loginCookie(baseUrl);
  const answer = await decide(baseUrl, cookie, params);
  return new URL(String(answer.headers.location));
}

describe.each(DIALECTS)('strict and lenient OAuth clients [%s]', (dialect) => {
  let server: TestServer;
  let as: oauth.AuthorizationServer;

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
    const issuer = new URL(server.url);
    as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }),
    );
  });
  afterAll(async () => server.close());

  it('R26: serves RFC 8414 metadata that oauth4webapi accepts with the exact issuer', () => {
    expect(as.issuer).toBe(server.url);
    expect(as.token_endpoint).toBe(`${server.url}/oauth2/token`);
    expect(as.authorization_endpoint).toBe(`${server.url}/oauth2/authorization`);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
    expect(as.token_endpoint_auth_methods_supported).toEqual([
      'client_secret_basic',
      'client_secret_post',
    ]);
  });

  describe.each([
    ['client_secret_basic', oauth.ClientSecretBasic],
    ['client_secret_post', oauth.ClientSecretPost],
  ] as const)('oauth4webapi with %s', (_name, auth) => {
    const c: oauth.Client = { client_id: CLIENTS.main.clientId };
    const clientAuth = () => auth(CLIENTS.main.clientSecret);

    it('R19: completes the Kintone-style flow without PKCE, then refreshes', async () => {
      const state = oauth.generateRandomState();
      const callback = await callbackFor(server.url, authorizationParams(CLIENTS.main, { state }));
      const params = oauth.validateAuthResponse(as, c, callback, state);
      const tokens = await oauth.processAuthorizationCodeResponse(
        as,
        c,
        await oauth.authorizationCodeGrantRequest(
          as,
          c,
          clientAuth(),
          params,
          CLIENTS.main.redirectUri,
          oauth.nopkce,
          insecure,
        ),
      );
      expect(tokens.token_type).toBe('bearer');
      expect(tokens.expires_in).toBe(3600);
      expect(tokens.scope).toBe('k:app_record:read k:app_record:write');

      const refreshed = await oauth.processRefreshTokenResponse(
        as,
        c,
        await oauth.refreshTokenGrantRequest(as, c, clientAuth(), tokens.refresh_token!, insecure),
      );
      expect(refreshed.access_token).not.toBe(tokens.access_token);
      const api = await jsonRequest(
        server.url,
        'GET',
        '/k/v1/records.json?app=1',
        bearer(refreshed.access_token),
      );
      expect(api.status).toBe(200);
    });

    it('R12: completes the flow with S256 PKCE', async () => {
      const verifier = oauth.generateRandomCodeVerifier();
      const state = oauth.generateRandomState();
      const callback = await callbackFor(
        server.url,
        authorizationParams(CLIENTS.main, {
          state,
          code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
        }),
      );
      const params = oauth.validateAuthResponse(as, c, callback, state);
      const tokens = await oauth.processAuthorizationCodeResponse(
        as,
        c,
        await oauth.authorizationCodeGrantRequest(
          as,
          c,
          clientAuth(),
          params,
          CLIENTS.main.redirectUri,
          verifier,
          insecure,
        ),
      );
      expect(tokens.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('R17, R20: a replayed code is an invalid_grant ResponseBodyError', async () => {
      const state = oauth.generateRandomState();
      const callback = await callbackFor(server.url, authorizationParams(CLIENTS.main, { state }));
      const params = oauth.validateAuthResponse(as, c, callback, state);
      const exchange = () =>
        oauth.authorizationCodeGrantRequest(
          as,
          c,
          clientAuth(),
          params,
          CLIENTS.main.redirectUri,
          oauth.nopkce,
          insecure,
        );
      await oauth.processAuthorizationCodeResponse(as, c, await exchange());
      const replay = oauth.processAuthorizationCodeResponse(as, c, await exchange());
      await expect(replay).rejects.toBeInstanceOf(oauth.ResponseBodyError);
      await expect(replay).rejects.toMatchObject({ error: 'invalid_grant', status: 400 });
    });

    it('R26: revokes a refresh token with RFC 7009, which ends its access tokens too', async () => {
      const state = oauth.generateRandomState();
      const callback = await callbackFor(server.url, authorizationParams(CLIENTS.main, { state }));
      const tokens = await oauth.processAuthorizationCodeResponse(
        as,
        c,
        await oauth.authorizationCodeGrantRequest(
          as,
          c,
          clientAuth(),
          oauth.validateAuthResponse(as, c, callback, state),
          CLIENTS.main.redirectUri,
          oauth.nopkce,
          insecure,
        ),
      );
      await oauth.processRevocationResponse(
        await oauth.revocationRequest(as, c, clientAuth(), tokens.refresh_token!, insecure),
      );
      const api = await jsonRequest(
        server.url,
        'GET',
        '/k/v1/records.json?app=1',
        bearer(tokens.access_token),
      );
      expect(api.status).toBe(401);
      // Unknown tokens are answered 200 as well.
      await oauth.processRevocationResponse(
        await oauth.revocationRequest(as, c, clientAuth(), 'no-such-token', insecure),
      );
    });
  });

  it('R14: a bad secret by Basic raises a WWW-Authenticate challenge in oauth4webapi', async () => {
    const c: oauth.Client = { client_id: CLIENTS.main.clientId };
    const response = await oauth.refreshTokenGrantRequest(
      as,
      c,
      oauth.ClientSecretBasic('not-the-secret'),
      'whatever',
      insecure,
    );
    const failure = oauth.processRefreshTokenResponse(as, c, response);
    await expect(failure).rejects.toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    await expect(failure).rejects.toMatchObject({ status: 401 });
  });

  it('R14: Basic credentials are form-url-decoded (oauth4webapi encodes a quirky secret)', async () => {
    const c: oauth.Client = { client_id: CLIENTS.quirky.clientId };
    const state = oauth.generateRandomState();
    const callback = await callbackFor(server.url, authorizationParams(CLIENTS.quirky, { state }));
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      c,
      await oauth.authorizationCodeGrantRequest(
        as,
        c,
        oauth.ClientSecretBasic(CLIENTS.quirky.clientSecret),
        oauth.validateAuthResponse(as, c, callback, state),
        CLIENTS.quirky.redirectUri,
        oauth.nopkce,
        insecure,
      ),
    );
    expect(tokens.access_token).toBeTruthy();
  });

  describe.each([
    ['client_secret_post (its default)', undefined],
    ['client_secret_basic', client.ClientSecretBasic(CLIENTS.main.clientSecret)],
  ] as const)('openid-client with %s, as an application uses it', (_name, auth) => {
    it('gets tokens, refreshes, calls the API and revokes', async () => {
      const config = new client.Configuration(
        as as client.ServerMetadata,
        CLIENTS.main.clientId,
        CLIENTS.main.clientSecret,
        auth,
      );
      client.allowInsecureRequests(config);

      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: CLIENTS.main.redirectUri,
        scope: 'k:app_record:read k:file:read',
        state,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      expect(url.pathname).toBe('/oauth2/authorization');

      const callback = await callbackFor(server.url, Object.fromEntries(url.searchParams));
      const tokens = await client.authorizationCodeGrant(config, callback, {
        expectedState: state,
        pkceCodeVerifier: verifier,
      });
      expect(tokens.scope).toBe('k:app_record:read k:file:read');
      expect(tokens.expires_in).toBe(3600);

      const response = await client.fetchProtectedResource(
        config,
        tokens.access_token,
        new URL(`${server.url}/k/v1/record.json?app=1&id=2`),
        'GET',
      );
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).record.title.value).toBe('Task 2');

      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      await client.tokenRevocation(config, refreshed.refresh_token!);
      // The RFC 6750 challenge of the revoked token is what openid-client reports.
      const revoked = client.fetchProtectedResource(
        config,
        refreshed.access_token,
        new URL(`${server.url}/k/v1/record.json?app=1&id=2`),
        'GET',
      );
      await expect(revoked).rejects.toBeInstanceOf(client.WWWAuthenticateChallengeError);
      await expect(revoked).rejects.toMatchObject({
        status: 401,
        cause: [{ scheme: 'bearer', parameters: { error: 'invalid_token' } }],
      });
    });
  });

  describe.each(['header', 'body'] as const)(
    'simple-oauth2 with credentials in the %s',
    (where) => {
      it('exchanges and refreshes with a secret that needs form-url-encoding', async () => {
        const oauth2 = new AuthorizationCode({
          client: { id: CLIENTS.quirky.clientId, secret: CLIENTS.quirky.clientSecret },
          auth: {
            tokenHost: server.url,
            tokenPath: '/oauth2/token',
            authorizePath: '/oauth2/authorization',
          },
          options: { authorizationMethod: where },
        });
        const authorizeUrl = new URL(
          oauth2.authorizeURL({
            redirect_uri: CLIENTS.quirky.redirectUri,
            scope: 'k:app_record:read',
            state: 'lenient-state',
          }),
        );
        const callback = await callbackFor(server.url, {
          ...Object.fromEntries(authorizeUrl.searchParams),
        });
        const token = await oauth2.getToken({
          code: callback.searchParams.get('code')!,
          redirect_uri: CLIENTS.quirky.redirectUri,
        });
        expect(token.token.token_type).toBe('Bearer');
        expect(token.expired()).toBe(false);

        const refreshed = await token.refresh();
        expect(refreshed.token.access_token).not.toBe(token.token.access_token);
      });
    },
  );
});
