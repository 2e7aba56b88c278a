import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  basicAuth,
  bearer,
  CLIENTS,
  exchange,
  obtainCode,
  oauthSeed,
  postForm,
  refreshWith,
  s256,
} from './oauth-support.js';

describe.each(DIALECTS)('the token endpoint [%s]', (dialect) => {
  let server: TestServer;
  let clock = Date.parse('2026-12-03T10:00:00Z');

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed(), {}, { now: () => new Date(clock) });
  });
  afterAll(async () => server.close());

  it('R19: answers an exchange with a Bearer token response that is never cached', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const response = await exchange(server.url, CLIENTS.main, code);

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.pragma).toBe('no-cache');
    expect(Object.keys(response.json).sort()).toEqual([
      'access_token',
      'expires_in',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    expect(response.json).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'k:app_record:read k:app_record:write',
    });
  });

  it('R25: issues 256-bit base64url tokens that work on the API', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const { json } = await exchange(server.url, CLIENTS.main, code);
    expect(json.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(json.refresh_token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const records = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/records.json?app=1',
      bearer(json.access_token),
    );
    expect(records.status).toBe(200);
    expect(records.json.records).toHaveLength(5);
  });

  it('R16: a code works once, and not for another client or redirect URI', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const wrongRedirect = await exchange(
      server.url,
      { ...CLIENTS.main, redirectUri: `${CLIENTS.main.redirectUri}/` },
      code,
    );
    expect(wrongRedirect.status).toBe(400);
    expect(wrongRedirect.json.error).toBe('invalid_grant');

    const otherClient = await exchange(
      server.url,
      { ...CLIENTS.other, redirectUri: CLIENTS.main.redirectUri },
      code,
    );
    expect(otherClient.json.error).toBe('invalid_grant');

    expect((await exchange(server.url, CLIENTS.main, code)).status).toBe(200);
    const second = await exchange(server.url, CLIENTS.main, code);
    expect(second.status).toBe(400);
    expect(second.json).toEqual({
      error: 'invalid_grant',
      error_description:
        'The authorization code or refresh token is invalid, expired, revoked, or was issued to another client.',
    });
  });

  it('R16: a code expires after 60 seconds', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    clock += 61_000;
    const late = await exchange(server.url, CLIENTS.main, code);
    expect(late.status).toBe(400);
    expect(late.json.error).toBe('invalid_grant');
  });

  it('R17: a replayed code revokes the access and refresh tokens its first use issued', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const first = await exchange(server.url, CLIENTS.main, code);
    const api = () =>
      jsonRequest(
        server.url,
        'GET',
        '/k/v1/record.json?app=1&id=1',
        bearer(first.json.access_token),
      );
    expect((await api()).status).toBe(200);

    expect((await exchange(server.url, CLIENTS.main, code)).json.error).toBe('invalid_grant');
    const after = await api();
    expect(after.status).toBe(401);
    expect(after.json.code).toBe('CB_AU01');
    expect((await refreshWith(server.url, CLIENTS.main, first.json.refresh_token)).json.error).toBe(
      'invalid_grant',
    );
  });

  it('R18: of ten parallel exchanges of one code exactly one succeeds', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => exchange(server.url, CLIENTS.main, code)),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 400)).toHaveLength(9);
  });

  it('R22: refresh rotates, and reusing an old refresh token revokes the whole family', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const a = await exchange(server.url, CLIENTS.main, code);
    const b = await refreshWith(server.url, CLIENTS.main, a.json.refresh_token);
    expect(b.status).toBe(200);
    expect(b.json.refresh_token).not.toBe(a.json.refresh_token);
    expect(b.json.scope).toBe('k:app_record:read k:app_record:write');

    const reuse = await refreshWith(server.url, CLIENTS.main, a.json.refresh_token);
    expect(reuse.json.error).toBe('invalid_grant');
    expect((await refreshWith(server.url, CLIENTS.main, b.json.refresh_token)).json.error).toBe(
      'invalid_grant',
    );
    const api = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/record.json?app=1&id=1',
      bearer(b.json.access_token),
    );
    expect(api.status).toBe(401);
  });

  it('R21: a refresh token is bound to its client, and cannot widen the scope', async () => {
    const code = await obtainCode(server.url, CLIENTS.main, { scope: 'k:app_record:read' });
    const tokens = await exchange(server.url, CLIENTS.main, code);

    const wider = await refreshWith(server.url, CLIENTS.main, tokens.json.refresh_token, {
      scope: 'k:app_record:read k:app_record:write',
    });
    expect(wider.status).toBe(400);
    expect(wider.json.error).toBe('invalid_scope');

    const otherClient = await refreshWith(server.url, CLIENTS.other, tokens.json.refresh_token);
    expect(otherClient.json.error).toBe('invalid_grant');

    // Neither refusal used the token up.
    const same = await refreshWith(server.url, CLIENTS.main, tokens.json.refresh_token, {
      scope: 'k:app_record:read',
    });
    expect(same.status).toBe(200);
    expect(same.json.scope).toBe('k:app_record:read');
  });

  it('R23: refresh tokens stop at the absolute lifetime, however often they rotate', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    let refresh = (await exchange(server.url, CLIENTS.main, code)).json.refresh_token;
    for (let day = 0; day < 29; day++) {
      clock += 24 * 60 * 60 * 1000;
      const next = await refreshWith(server.url, CLIENTS.main, refresh);
      expect(next.status).toBe(200);
      refresh = next.json.refresh_token;
    }
    clock += 24 * 60 * 60 * 1000 + 1000;
    expect((await refreshWith(server.url, CLIENTS.main, refresh)).json.error).toBe('invalid_grant');
  });

  it('R28: an expired access token gets 401 CB_AU01 with invalid_token', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const { json } = await exchange(server.url, CLIENTS.main, code);
    clock += 3600 * 1000;
    const response = await jsonRequest(server.url, 'GET', '/k/v1/record.json?app=1&id=1', {
      ...bearer(json.access_token),
      'accept-language': 'en',
    });
    expect(response.status).toBe(401);
    expect(response.json).toMatchObject({ code: 'CB_AU01', message: 'Please login.' });
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="kintone-local", error="invalid_token", error_description="The access token is invalid, expired or revoked"',
    );
  });

  it('R14: client authentication by Basic or by body, never both', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const both = await postForm(
      server.url,
      '/oauth2/token',
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CLIENTS.main.redirectUri,
        client_id: CLIENTS.main.clientId,
        client_secret: CLIENTS.main.clientSecret,
      },
      { authorization: basicAuth(CLIENTS.main) },
    );
    expect(both.status).toBe(400);
    expect(both.json.error).toBe('invalid_request');

    const byBody = await postForm(server.url, '/oauth2/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: CLIENTS.main.redirectUri,
      client_id: CLIENTS.main.clientId,
      client_secret: CLIENTS.main.clientSecret,
    });
    expect(byBody.status).toBe(200);
  });

  it('R14: Basic credentials sent without form-encoding work for unreserved secrets', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const raw = `${CLIENTS.main.clientId}:${CLIENTS.main.clientSecret}`;
    const response = await postForm(
      server.url,
      '/oauth2/token',
      { grant_type: 'authorization_code', code, redirect_uri: CLIENTS.main.redirectUri },
      { authorization: `basic ${Buffer.from(raw).toString('base64')}` },
    );
    expect(response.status).toBe(200);
  });

  it('R14: a wrong secret by Basic gets 401 invalid_client with a Basic challenge', async () => {
    const response = await postForm(
      server.url,
      '/oauth2/token',
      { grant_type: 'refresh_token', refresh_token: 'x'.repeat(43) },
      { authorization: basicAuth({ ...CLIENTS.main, clientSecret: 'wrong' }) },
    );
    expect(response.status).toBe(401);
    expect(response.json.error).toBe('invalid_client');
    expect(response.headers['www-authenticate']).toBe(
      'Basic realm="kintone-local", charset="UTF-8"',
    );

    const byBody = await postForm(server.url, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: 'x'.repeat(43),
      client_id: 'nobody',
      client_secret: 'wrong',
    });
    expect(byBody.status).toBe(401);
    expect(byBody.json.error).toBe('invalid_client');
    expect(byBody.headers['www-authenticate']).toBeUndefined();
  });

  it('R13: parameters only as a POSTed form, never in the URL', async () => {
    const get = await jsonRequest(server.url, 'GET', '/oauth2/token?grant_type=refresh_token', {});
    expect(get.status).toBe(400);
    expect(get.json.error).toBe('invalid_request');

    const inUrl = await postForm(
      server.url,
      `/oauth2/token?client_secret=${encodeURIComponent(CLIENTS.main.clientSecret)}`,
      { grant_type: 'refresh_token', refresh_token: 'x', client_id: CLIENTS.main.clientId },
    );
    expect(inUrl.status).toBe(400);
    expect(inUrl.json.error).toBe('invalid_request');

    const json = await jsonRequest(
      server.url,
      'POST',
      '/oauth2/token',
      {},
      { grant_type: 'refresh_token' },
    );
    expect(json.status).toBe(400);
    expect(json.json.error).toBe('invalid_request');
  });

  it('R20: other grant types are unsupported_grant_type; repeated parameters invalid_request', async () => {
    for (const grantType of ['password', 'client_credentials', 'implicit']) {
      const response = await postForm(
        server.url,
        '/oauth2/token',
        { grant_type: grantType, username: 'alice', password: 'alice-password' },
        { authorization: basicAuth(CLIENTS.main) },
      );
      expect(response.status).toBe(400);
      expect(response.json.error).toBe('unsupported_grant_type');
    }
    const repeated = await server.server.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: basicAuth(CLIENTS.main),
      },
      payload: 'grant_type=refresh_token&refresh_token=a&refresh_token=b',
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toEqual({
      error: 'invalid_request',
      error_description: 'The parameter refresh_token is given more than once.',
    });
  });

  it('R12: PKCE S256 is checked, and a verifier without a challenge is a downgrade', async () => {
    const verifier = 'v'.repeat(50);
    const code = await obtainCode(server.url, CLIENTS.main, {
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
    });
    const wrong = await exchange(server.url, CLIENTS.main, code, { code_verifier: 'w'.repeat(50) });
    expect(wrong.json.error).toBe('invalid_grant');
    const missing = await exchange(server.url, CLIENTS.main, code);
    expect(missing.json.error).toBe('invalid_grant');
    const short = await exchange(server.url, CLIENTS.main, code, { code_verifier: 'short' });
    expect(short.json.error).toBe('invalid_request');
    expect(
      (await exchange(server.url, CLIENTS.main, code, { code_verifier: verifier })).status,
    ).toBe(200);

    const plainCode = await obtainCode(server.url, CLIENTS.main);
    const downgrade = await exchange(server.url, CLIENTS.main, plainCode, {
      code_verifier: verifier,
    });
    expect(downgrade.json.error).toBe('invalid_grant');
  });

  it('R33: repeated client authentication failures lock the client id for that address', async () => {
    const attempt = (secret: string) =>
      postForm(server.url, '/oauth2/token', {
        grant_type: 'refresh_token',
        refresh_token: 'x'.repeat(43),
        client_id: CLIENTS.pkce.clientId,
        client_secret: secret,
      });
    for (let i = 0; i < 10; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
    expect((await attempt(CLIENTS.pkce.clientSecret)).json.error).toBe('invalid_client');

    clock += 301_000;
    expect((await attempt(CLIENTS.pkce.clientSecret)).json.error).toBe('invalid_grant');
  });

  it('R40: forwarded headers from an unconfigured proxy do not change the issuer', async () => {
    const response = await jsonRequest(
      server.url,
      'GET',
      '/.well-known/oauth-authorization-server',
      {
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        forwarded: 'host=evil.example;proto=https',
      },
    );
    expect(response.json.issuer).toBe(server.url);
    expect(response.json.token_endpoint).toBe(`${server.url}/oauth2/token`);
  });
});
