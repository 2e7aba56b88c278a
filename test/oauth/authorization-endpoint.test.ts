import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  authorizationParams,
  authorizationPath,
  CLIENTS,
  consentForm,
  decide,
  exchange,
  loginCookie,
  oauthSeed,
  postForm,
  REDIRECT_URI,
} from './oauth-support.js';

describe.each(DIALECTS)('the authorization endpoint [%s]', (dialect) => {
  let server: TestServer;
  let alice: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, oauthSeed());
    alice = await loginCookie(server.url);
  });
  afterAll(async () => server.close());

  const get = (params: Record<string, string>, cookie = alice, language = 'en') =>
    rawRequest(server.url, {
      path: authorizationPath(params),
      headers: { cookie, 'accept-language': language },
    });

  it('sends a visitor without a session to the login form and back', async () => {
    const params = authorizationParams(CLIENTS.main);
    const first = await rawRequest(server.url, { path: authorizationPath(params) });
    expect(first.status).toBe(303);
    const login = new URL(String(first.headers.location), server.url);
    expect(login.pathname).toBe('/login');
    const back = login.searchParams.get('redirect');
    expect(back).toBe(authorizationPath(params));

    const loggedIn = await rawRequest(server.url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...USERS.bob, username: 'bob', redirect: back! }).toString(),
    });
    expect(loggedIn.status).toBe(303);
    expect(loggedIn.headers.location).toBe(back);
  });

  it('names the client and each scope in plain words, in English and Japanese', async () => {
    const params = authorizationParams(CLIENTS.quirky, {
      scope: 'k:app_record:read k:file:write',
    });
    const en = await get(params);
    expect(en.status).toBe(200);
    expect(en.text).toContain(
      'Quirky &lt;Client&gt; &amp; Co asks to use kintone-local as you (Alice Admin).',
    );
    expect(en.text).toContain('Read records <code>k:app_record:read</code>');
    expect(en.text).toContain('Upload files <code>k:file:write</code>');
    expect(en.text).not.toContain('Add, edit and delete records');

    const ja = await get(params, alice, 'ja');
    expect(ja.text).toContain('レコードの閲覧');
    expect(ja.text).toContain('ファイルのアップロード');
    expect(ja.text).toContain('許可する');
  });

  it('R7, R8: consent and error pages refuse framing, caching and referrers', async () => {
    for (const response of [
      await get(authorizationParams(CLIENTS.main)),
      await get({ client_id: 'nobody' }),
    ]) {
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    const login = await rawRequest(server.url, { path: '/login' });
    expect(login.headers['x-frame-options']).toBe('DENY');
    expect(login.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('R9, R10: approval answers 303 with a code and the state byte for byte', async () => {
    const state = 'a%20b+c/é?&=';
    const answer = await decide(server.url, alice, authorizationParams(CLIENTS.quirky, { state }));
    expect(answer.status).toBe(303);
    const location = new URL(String(answer.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe('https://quirky.example/cb');
    expect(location.searchParams.get('tenant')).toBe('7');
    expect(location.searchParams.get('state')).toBe(state);
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('R3: denial redirects access_denied with the state', async () => {
    const answer = await decide(server.url, alice, authorizationParams(CLIENTS.main), 'deny');
    expect(answer.status).toBe(303);
    const location = new URL(String(answer.headers.location));
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('state-123');
    expect(location.searchParams.get('code')).toBeNull();
  });

  it('R1: the redirect URI must match exactly; anything else is a page, never a redirect', async () => {
    const variants = [
      `${REDIRECT_URI}/`,
      `${REDIRECT_URI}?x=1`,
      'https://APP.example/callback',
      `${REDIRECT_URI}#frag`,
      'https://app.example.evil/callback',
      'http://app.example/callback',
    ];
    for (const redirectUri of variants) {
      const response = await get(authorizationParams({ ...CLIENTS.main, redirectUri }));
      expect(response.status, redirectUri).toBe(400);
      expect(response.headers.location).toBeUndefined();
      expect(response.text).toContain('redirect_uri is missing or differs');
    }
  });

  it('R2: an unknown client with an attacker redirect URI gets an error page', async () => {
    const response = await get({
      ...authorizationParams(CLIENTS.main),
      client_id: 'unknown',
      redirect_uri: 'https://evil.example/steal',
    });
    expect(response.status).toBe(400);
    expect(response.headers.location).toBeUndefined();
    expect(response.text).toContain('does not name a registered OAuth client');
  });

  it('R3: an unsupported response type is redirected with its error and the state', async () => {
    const response = await get(authorizationParams(CLIENTS.main, { response_type: 'token' }));
    expect(response.status).toBe(303);
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('error')).toBe('unsupported_response_type');
    expect(location.searchParams.get('state')).toBe('state-123');
  });

  it('R4: unknown and Garoon scopes are invalid_scope', async () => {
    for (const scope of ['k:bogus', 'g:schedule:read', 'k:app_record:read  k:file:read']) {
      const response = await get(authorizationParams(CLIENTS.main, { scope }));
      const location = new URL(String(response.headers.location));
      expect(location.searchParams.get('error'), scope).toBe('invalid_scope');
    }
  });

  it('R5: a user not on the allowed list gets access_denied and no code', async () => {
    const yuki = await loginCookie(server.url, USERS.yuki);
    const response = await get(authorizationParams(CLIENTS.main), yuki);
    expect(response.status).toBe(303);
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBe(
      'This user is not allowed to use this client.',
    );

    // Posting the consent form anyway does not help.
    const page = await get(authorizationParams(CLIENTS.main));
    const form = { ...consentForm(page.text), decision: 'approve' };
    const yukiPage = await get(
      authorizationParams(CLIENTS.pkce, {
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'S256',
      }),
      yuki,
    );
    expect(yukiPage.status).toBe(303);
    const posted = await postForm(server.url, '/oauth2/authorization', form, { cookie: yuki });
    expect(posted.status).toBe(403);
    expect(posted.text).toContain('consent form has expired');
  });

  it('R6: the consent post needs the session, its request token and this origin', async () => {
    const page = await get(authorizationParams(CLIENTS.main));
    const form = { ...consentForm(page.text), decision: 'approve' };
    const bob = await loginCookie(server.url, USERS.bob);

    const answers = [
      await postForm(server.url, '/oauth2/authorization', form),
      await postForm(
        server.url,
        '/oauth2/authorization',
        { ...form, __REQUEST_TOKEN__: '' },
        { cookie: alice },
      ),
      await postForm(server.url, '/oauth2/authorization', form, { cookie: bob }),
      await postForm(server.url, '/oauth2/authorization', form, {
        cookie: alice,
        origin: 'https://evil.example',
      }),
      await postForm(server.url, '/oauth2/authorization', form, {
        cookie: alice,
        origin: 'null',
        'sec-fetch-site': 'cross-site',
      }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(answer.headers.location).toBeUndefined();
    }
    expect(
      (await postForm(server.url, '/oauth2/authorization', form, { cookie: alice })).status,
    ).toBe(303);
  });

  it('R11: a consent post with a repeated parameter gets an error page, never a code', async () => {
    const page = await get(authorizationParams(CLIENTS.main));
    const body =
      new URLSearchParams({ ...consentForm(page.text), decision: 'approve' }).toString() +
      '&scope=k%3Afile%3Aread';
    const answer = await rawRequest(server.url, {
      method: 'POST',
      path: '/oauth2/authorization',
      headers: { cookie: alice, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.text).toContain('The parameter scope is given more than once.');
  });

  it('R6: a GET that claims approval only shows the consent page again', async () => {
    const response = await get({
      ...authorizationParams(CLIENTS.main),
      decision: 'approve',
      approve: '1',
    });
    expect(response.status).toBe(200);
    expect(response.headers.location).toBeUndefined();
  });

  it('R10: a missing state is invalid_request', async () => {
    const params = authorizationParams(CLIENTS.main);
    delete params.state;
    const response = await get(params);
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toBe('The parameter state is missing.');
    expect(location.searchParams.has('state')).toBe(false);
  });

  it('R11: repeated parameters are invalid_request', async () => {
    const query = new URLSearchParams(authorizationParams(CLIENTS.main));
    query.append('scope', 'k:file:read');
    const response = await rawRequest(server.url, {
      path: `/oauth2/authorization?${query.toString()}`,
      headers: { cookie: alice },
    });
    const location = new URL(String(response.headers.location));
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toBe(
      'The parameter scope is given more than once.',
    );

    const twoClients = new URLSearchParams(authorizationParams(CLIENTS.main));
    twoClients.append('client_id', CLIENTS.other.clientId);
    const page = await rawRequest(server.url, {
      path: `/oauth2/authorization?${twoClients.toString()}`,
      headers: { cookie: alice },
    });
    expect(page.status).toBe(400);
    expect(page.headers.location).toBeUndefined();
  });

  it('R12: plain PKCE is refused, and a client that requires PKCE gets no code without it', async () => {
    const plain = await get(
      authorizationParams(CLIENTS.main, {
        code_challenge: 'x'.repeat(43),
        code_challenge_method: 'plain',
      }),
    );
    expect(new URL(String(plain.headers.location)).searchParams.get('error')).toBe(
      'invalid_request',
    );

    const noMethod = await get(
      authorizationParams(CLIENTS.main, { code_challenge: 'x'.repeat(43) }),
    );
    expect(new URL(String(noMethod.headers.location)).searchParams.get('error')).toBe(
      'invalid_request',
    );

    const required = await get(authorizationParams(CLIENTS.pkce));
    const location = new URL(String(required.headers.location));
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toBe(
      'This client must send a code_challenge with code_challenge_method S256.',
    );
  });

  it('keeps a disabled user out', async () => {
    const carol = await rawRequest(server.url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'carol', password: USERS.carol.password }).toString(),
    });
    expect(carol.status).toBe(401);
    expect(carol.headers['set-cookie']).toBeUndefined();
  });

  it('issues codes bound to the approving user', async () => {
    const bob = await loginCookie(server.url, USERS.bob);
    const answer = await decide(server.url, bob, authorizationParams(CLIENTS.main));
    const code = new URL(String(answer.headers.location)).searchParams.get('code')!;
    const tokens = await exchange(server.url, CLIENTS.main, code);
    expect(tokens.status).toBe(200);
    const page = await rawRequest(server.url, {
      path: '/k/account/oauth',
      headers: { cookie: bob },
    });
    expect(page.text).toContain('Sales Dashboard');
  });
});
