import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { jsonRequest, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  authorizationParams,
  authorizationPath,
  basicAuth,
  bearer,
  CLIENTS,
  consentForm,
  decide,
  exchange,
  issueTokens,
  loginCookie,
  oauthSeed,
  obtainCode,
  postForm,
  refreshWith,
  s256,
} from '../oauth/oauth-support.js';

/** Attacks on the OAuth server, as a hostile page or a careless client library makes them. */
describe.each(DIALECTS)('OAuth under attack [%s]', (dialect) => {
  let server: TestServer;
  let alice: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
    alice = await loginCookie(server.url);
  });
  afterAll(async () => server.close());

  const authorize = (query: string, cookie = alice) =>
    rawRequest(server.url, { path: `/oauth2/authorization?${query}`, headers: { cookie } });
  const base = () => new URLSearchParams(authorizationParams(CLIENTS.main));

  it.each([
    ['a trailing slash', `${CLIENTS.main.redirectUri}/`],
    ['another case', CLIENTS.main.redirectUri.replace('app.example', 'APP.example')],
    ['an extra query', `${CLIENTS.main.redirectUri}?x=1`],
    ['a fragment', `${CLIENTS.main.redirectUri}#x`],
    ['user information', 'https://app.example@evil.example/callback'],
    ['an encoded path', 'https://app.example/%63allback'],
    ['a javascript URL', 'javascript:alert(1)'],
  ])('shows an error page, never a redirect, for a redirect_uri with %s', async (_, uri) => {
    const params = base();
    params.set('redirect_uri', uri);
    const response = await authorize(params.toString());
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
  });

  it('refuses a second client_id or redirect_uri on a page, a second state by redirect', async () => {
    const twoClients = await authorize(`${base()}&client_id=${CLIENTS.other.clientId}`);
    expect(twoClients.status).toBe(400);
    expect(twoClients.headers.location).toBeUndefined();

    const twoUris = await authorize(`${base()}&redirect_uri=https%3A%2F%2Fevil.example%2F`);
    expect(twoUris.status).toBe(400);
    expect(twoUris.headers.location).toBeUndefined();

    const twoStates = await authorize(`${base()}&state=other`);
    const location = new URL(String(twoStates.headers.location));
    expect(location.origin + location.pathname).toBe(CLIENTS.main.redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
  });

  it('echoes a state with unicode, & and + byte for byte', async () => {
    const state = 'ä&b=c+d%20 e😀';
    const answer = await decide(server.url, alice, authorizationParams(CLIENTS.main, { state }));
    expect(new URL(String(answer.headers.location)).searchParams.get('state')).toBe(state);
  });

  it.each(['code token', 'token', 'CODE', 'code code'])(
    'answers response_type=%s with unsupported_response_type',
    async (type) => {
      const params = base();
      params.set('response_type', type);
      const location = new URL(String((await authorize(params.toString())).headers.location));
      expect(location.searchParams.get('error')).toBe('unsupported_response_type');
      expect(location.searchParams.get('state')).toBe('state-123');
    },
  );

  it.each([
    ['a comma list', 'k:app_record:read,k:app_record:write'],
    ['an unknown scope', 'k:app_record:read k:bogus'],
    ['two spaces', 'k:app_record:read  k:app_record:write'],
    ['a Garoon scope', 'g:schedule:read'],
  ])('refuses %s as invalid_scope', async (_, scope) => {
    const params = base();
    params.set('scope', scope);
    const location = new URL(String((await authorize(params.toString())).headers.location));
    expect(location.searchParams.get('error')).toBe('invalid_scope');
  });

  it('takes repeated scope names once, and + as the space it encodes', async () => {
    const query = `${base()}`.replace(/scope=[^&]*/, 'scope=k:app_record:read+k:app_record:read');
    const page = await authorize(query);
    expect(page.status).toBe(200);
    expect(page.text.match(/<code>k:app_record:read<\/code>/g)).toHaveLength(1);
  });

  it('escapes state, client name and scope on the consent page', async () => {
    const params = authorizationParams(CLIENTS.quirky, { state: '"><script>alert(1)</script>' });
    const page = await rawRequest(server.url, {
      path: authorizationPath(params),
      headers: { cookie: alice },
    });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).not.toContain('<Client>');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses a consent post without a token, with another session token, or cross-site', async () => {
    const page = await authorize(base().toString());
    const form: Record<string, string> = { ...consentForm(page.text), decision: 'approve' };
    const withoutToken = { ...form };
    delete withoutToken.__REQUEST_TOKEN__;
    const noToken = await postForm(server.url, '/oauth2/authorization', withoutToken, {
      cookie: alice,
    });
    expect(noToken.status).toBe(403);
    expect(noToken.headers.location).toBeUndefined();

    const bob = await loginCookie(server.url, USERS.bob);
    const otherSession = await postForm(server.url, '/oauth2/authorization', form, {
      cookie: bob,
    });
    expect(otherSession.status).toBe(403);

    const crossSite = await postForm(server.url, '/oauth2/authorization', form, {
      cookie: alice,
      origin: 'https://evil.example',
    });
    expect(crossSite.status).toBe(403);

    const nullCrossSite = await postForm(server.url, '/oauth2/authorization', form, {
      cookie: alice,
      origin: 'null',
      'sec-fetch-site': 'cross-site',
    });
    expect(nullCrossSite.status).toBe(403);
  });

  it('never grants on a GET, whatever it carries', async () => {
    const page = await authorize(`${base()}&decision=approve`);
    expect(page.status).toBe(200);
    expect(page.headers.location).toBeUndefined();
  });

  // Rounds, because a race shows itself only now and then.
  it('exchanges a code at most once under concurrent use, and never fails with a 500', async () => {
    for (let round = 0; round < 5; round++) {
      const code = await obtainCode(server.url, CLIENTS.main);
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => exchange(server.url, CLIENTS.main, code)),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.json?.error === 'invalid_grant')).toHaveLength(11);
    }
  });

  it('refuses a code issued before the user revoked the application', async () => {
    const cookie = alice;
    const first = await obtainCode(server.url, CLIENTS.other, {}, cookie);
    expect((await exchange(server.url, CLIENTS.other, first)).status).toBe(200);
    const pending = await obtainCode(server.url, CLIENTS.other, {}, cookie);

    const account = await rawRequest(server.url, { path: '/k/account/oauth', headers: { cookie } });
    const token = /name="__REQUEST_TOKEN__" value="([^"]+)"/.exec(account.text)![1]!;
    const revoke = await postForm(
      server.url,
      '/k/account/oauth/revoke',
      { __REQUEST_TOKEN__: token, client_id: CLIENTS.other.clientId },
      { cookie },
    );
    expect(revoke.status).toBe(303);

    const answer = await exchange(server.url, CLIENTS.other, pending);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });

  it('refuses an exchange without redirect_uri as invalid_request', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const response = await postForm(
      server.url,
      '/oauth2/token',
      { grant_type: 'authorization_code', code },
      { authorization: basicAuth(CLIENTS.main) },
    );
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('invalid_request');
    // The code is still good: a client's slip costs it nothing.
    expect((await exchange(server.url, CLIENTS.main, code)).status).toBe(200);
  });

  it('refuses PKCE downgrades, plain and bad verifiers', async () => {
    const verifier = 'v'.repeat(43);
    const noChallenge = await obtainCode(server.url, CLIENTS.main);
    const downgrade = await exchange(server.url, CLIENTS.main, noChallenge, {
      code_verifier: verifier,
    });
    expect(downgrade.json.error).toBe('invalid_grant');

    const plain = base();
    plain.set('code_challenge', verifier);
    plain.set('code_challenge_method', 'plain');
    const plainAnswer = new URL(String((await authorize(plain.toString())).headers.location));
    expect(plainAnswer.searchParams.get('error')).toBe('invalid_request');

    const code = await obtainCode(server.url, CLIENTS.main, {
      code_challenge: s256(verifier),
      code_challenge_method: 'S256',
    });
    for (const wrong of ['w'.repeat(43), 'v'.repeat(42), `${'v'.repeat(42)}!`, 'v'.repeat(129)]) {
      const answer = await exchange(server.url, CLIENTS.main, code, { code_verifier: wrong });
      expect(answer.status).toBe(400);
    }
    const missing = await exchange(server.url, CLIENTS.main, code);
    expect(missing.json.error).toBe('invalid_grant');
    expect(
      (await exchange(server.url, CLIENTS.main, code, { code_verifier: verifier })).status,
    ).toBe(200);
  });

  it('authenticates clients by Basic or body, never both, and refuses broken Basic', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const form = { grant_type: 'authorization_code', code, redirect_uri: CLIENTS.main.redirectUri };
    const both = await postForm(
      server.url,
      '/oauth2/token',
      { ...form, client_id: CLIENTS.main.clientId, client_secret: CLIENTS.main.clientSecret },
      { authorization: basicAuth(CLIENTS.main) },
    );
    expect(both.json.error).toBe('invalid_request');

    for (const header of ['Basic !!!', 'Basic', 'Basic a2wtbWFpbi1jbGllbnQ=', 'Basic Og==']) {
      const broken = await postForm(server.url, '/oauth2/token', form, { authorization: header });
      expect(broken.status).toBe(401);
      expect(broken.json.error).toBe('invalid_client');
      expect(broken.headers['www-authenticate']).toMatch(/^Basic /);
    }

    const unknown = await postForm(server.url, '/oauth2/token', {
      ...form,
      client_id: 'nobody',
      client_secret: 'x',
    });
    expect(unknown.status).toBe(401);
    expect(unknown.headers['www-authenticate']).toBeUndefined();

    // The quirky client's secret holds ':' '+' '%' and a space; a raw (unencoded) Basic pair
    // keeps everything after the first colon as the secret.
    const quirky = await obtainCode(server.url, CLIENTS.quirky);
    const encoded = await exchange(server.url, CLIENTS.quirky, quirky);
    expect(encoded.status).toBe(200);
  });

  it('refuses token requests that are not form posts', async () => {
    const code = await obtainCode(server.url, CLIENTS.main);
    const form = { grant_type: 'authorization_code', code, redirect_uri: CLIENTS.main.redirectUri };
    const json = await rawRequest(server.url, {
      method: 'POST',
      path: '/oauth2/token',
      headers: { 'content-type': 'application/json', authorization: basicAuth(CLIENTS.main) },
      body: JSON.stringify(form),
    });
    expect(json.status).toBe(400);
    expect(json.json.error).toBe('invalid_request');

    const get = await rawRequest(server.url, {
      path: `/oauth2/token?${new URLSearchParams(form)}`,
      headers: { authorization: basicAuth(CLIENTS.main) },
    });
    expect(get.status).toBe(400);
    expect(get.json.error).toBe('invalid_request');

    const huge = await postForm(
      server.url,
      '/oauth2/token',
      { ...form, pad: 'x'.repeat(100_000) },
      { authorization: basicAuth(CLIENTS.main) },
    );
    expect(huge.status).toBeGreaterThanOrEqual(400);
    expect(huge.status).toBeLessThan(500);
    expect(huge.json?.error).toBe('invalid_request');

    const nul = await postForm(
      server.url,
      '/oauth2/token',
      { ...form, code: `${code}\u0000` },
      { authorization: basicAuth(CLIENTS.main) },
    );
    expect(nul.status).toBe(400);
    expect(nul.json.error).toBe('invalid_grant');

    const noType = await rawRequest(server.url, {
      method: 'POST',
      path: '/oauth2/token',
      headers: { authorization: basicAuth(CLIENTS.main) },
      body: new URLSearchParams(form).toString(),
    });
    expect(noType.status).toBe(400);
    expect(noType.json.error).toBe('invalid_request');
    expect((await exchange(server.url, CLIENTS.main, code)).status).toBe(200);
  });

  it('binds refresh tokens to their client and scope', async () => {
    const tokens = await issueTokens(server.url, 'k:app_record:read');
    const otherClient = await refreshWith(server.url, CLIENTS.other, tokens.refresh_token);
    expect(otherClient.json.error).toBe('invalid_grant');

    const wider = await refreshWith(server.url, CLIENTS.main, tokens.refresh_token, {
      scope: 'k:app_record:read k:app_record:write',
    });
    expect(wider.json.error).toBe('invalid_scope');

    const same = await refreshWith(server.url, CLIENTS.main, tokens.refresh_token);
    expect(same.status).toBe(200);
    expect(same.json.scope).toBe('k:app_record:read');
  });

  it('lets at most one of concurrent refreshes win, and never fails with a 500', async () => {
    for (let round = 0; round < 5; round++) {
      const tokens = await issueTokens(server.url, 'k:app_record:read');
      const answers = await Promise.all(
        Array.from({ length: 12 }, () =>
          refreshWith(server.url, CLIENTS.main, tokens.refresh_token),
        ),
      );
      expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(1);
      for (const answer of answers.filter((a) => a.status !== 200)) {
        expect(answer.json.error).toBe('invalid_grant');
      }
    }
  });

  it('never fails with a 500 when a refresh meets a revocation of the same grant', async () => {
    for (let round = 0; round < 5; round++) {
      const tokens = await issueTokens(server.url, 'k:app_record:read');
      const revoke = () =>
        postForm(
          server.url,
          '/oauth2/revoke',
          { token: tokens.refresh_token },
          { authorization: basicAuth(CLIENTS.main) },
        );
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 2 === 0 ? revoke() : refreshWith(server.url, CLIENTS.main, tokens.refresh_token),
        ),
      );
      for (const answer of answers) expect(answer.status).not.toBe(500);
    }
  });

  it('reads Bearer in any case and with extra spaces, never from the query', async () => {
    const { access_token: token } = await issueTokens(server.url, 'k:app_record:read');
    for (const header of [`bearer ${token}`, `BEARER  ${token}`, `Bearer ${token} `]) {
      const records = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
        authorization: header,
      });
      expect(records.status).toBe(200);
    }
    const query = await jsonRequest(
      server.url,
      'GET',
      `/k/v1/records.json?app=1&access_token=${token}`,
      {},
    );
    expect(query.status).toBe(401);
    const both = await jsonRequest(
      server.url,
      'GET',
      `/k/v1/records.json?app=1&access_token=${token}`,
      bearer(token),
    );
    expect(both.status).toBe(400);
  });

  it('refuses a Bearer call with two Authorization headers rather than pick one', async () => {
    const { access_token: token } = await issueTokens(server.url, 'k:app_record:read');
    for (const headers of [
      [`Bearer ${token}`, 'Bearer x'],
      [`Bearer ${token}`, `Bearer ${token}`],
      [`Bearer ${token}`, 'Basic eDp5'],
    ]) {
      const answer = await rawRequest(server.url, {
        path: '/k/v1/records.json?app=1',
        headers: { authorization: headers },
      });
      expect(answer.status).toBe(400);
      expect(answer.json.code).toBe('CB_IL02');
      expect(answer.headers['www-authenticate']).toContain('error="invalid_request"');
    }
  });

  it('keeps a read scope to reads through bulkRequest, method override and file.json', async () => {
    const { access_token: token } = await issueTokens(server.url, 'k:app_record:read');
    const bulk = await jsonRequest(server.url, 'POST', '/k/v1/bulkRequest.json', bearer(token), {
      requests: [{ method: 'POST', api: '/k/v1/record.json', payload: { app: 1, record: {} } }],
    });
    expect(bulk.status).toBe(403);

    const override = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      { ...bearer(token), 'x-http-method-override': 'DELETE' },
      { app: 1, ids: [1] },
    );
    expect(override.status).toBe(403);

    const file = await jsonRequest(server.url, 'GET', '/k/v1/file.json?fileKey=x', bearer(token));
    expect(file.status).toBe(403);

    const { access_token: writeOnly } = await issueTokens(server.url, 'k:app_record:write');
    const readAsPost = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      { ...bearer(writeOnly), 'x-http-method-override': 'GET' },
      { app: 1 },
    );
    expect(readAsPost.status).toBe(403);
  });

  it('makes no session from a Bearer token on a page', async () => {
    const { access_token: token } = await issueTokens(server.url, 'k:app_record:read');
    const page = await rawRequest(server.url, { path: '/k/1/', headers: bearer(token) });
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.status).toBe(303);
  });
});
