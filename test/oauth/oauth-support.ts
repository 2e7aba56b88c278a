import { createHash } from 'node:crypto';
import type { Seed } from '../../src/seed/seed-schema.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { rawRequest, type RawResponse } from '../support/http.js';

export const REDIRECT_URI = 'https://app.example/callback';

/** Fixed client credentials, as a seed file gives them. */
export const CLIENTS = {
  main: {
    clientId: 'kl-main-client',
    clientSecret: 'main-secret-0123456789-abcdefghij',
    name: 'Sales Dashboard',
    redirectUri: REDIRECT_URI,
    allowedUsers: ['alice', 'bob', 'carol'],
  },
  other: {
    clientId: 'kl-other-client',
    clientSecret: 'other-secret-0123456789-abcdefghij',
    name: 'Other App',
    redirectUri: 'https://other.example/cb',
    allowedUsers: ['alice', 'bob'],
  },
  pkce: {
    clientId: 'kl-pkce-client',
    clientSecret: 'pkce-secret-0123456789-abcdefghij',
    name: 'Strict PKCE App',
    redirectUri: 'http://localhost:8765/cb',
    allowedUsers: ['alice'],
    requirePkce: true,
  },
  /** A secret with characters that need form-url-encoding in Basic credentials. */
  quirky: {
    clientId: 'kl-quirky.client~1',
    clientSecret: 'sp ace+plus:colon%pct&amp=eq?q/-0123456789',
    name: 'Quirky <Client> & Co',
    redirectUri: 'https://quirky.example/cb?tenant=7',
    allowedUsers: ['alice'],
  },
} as const;

export function oauthSeed(): Seed {
  const seed = fixtureSeed();
  seed.oauthClients = Object.values(CLIENTS).map((client) => ({
    requirePkce: false,
    ...client,
    allowedUsers: [...client.allowedUsers],
  }));
  return seed;
}

/** A browser's cookie for the session of a logged-in user. */
export async function loginCookie(
  baseUrl: string,
  user: { loginName: string; password: string } = USERS.alice,
): Promise<string> {
  const response = await rawRequest(baseUrl, {
    method: 'POST',
    path: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: user.loginName, password: user.password }).toString(),
  });
  const setCookie = response.headers['set-cookie']?.[0];
  if (response.status !== 303 || !setCookie) throw new Error(`login failed: ${response.status}`);
  return setCookie.split(';')[0]!;
}

export function authorizationPath(params: Record<string, string>): string {
  return `/oauth2/authorization?${new URLSearchParams(params).toString()}`;
}

export function authorizationParams(
  client: { clientId: string; redirectUri: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'k:app_record:read k:app_record:write',
    state: 'state-123',
    ...extra,
  };
}

/** The hidden inputs of the consent form, as a browser would post them. */
export function consentForm(html: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form[unescapeHtml(match[1]!)] = unescapeHtml(match[2]!);
  }
  return form;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Shows the consent page and answers it; returns the answer's redirect. */
export async function decide(
  baseUrl: string,
  cookie: string,
  params: Record<string, string>,
  decision: 'approve' | 'deny' = 'approve',
): Promise<RawResponse> {
  const page = await rawRequest(baseUrl, { path: authorizationPath(params), headers: { cookie } });
  if (page.status !== 200) throw new Error(`consent page: ${page.status} ${page.text}`);
  const form = { ...consentForm(page.text), decision };
  return postForm(baseUrl, '/oauth2/authorization', form, { cookie });
}

/** Logs in, approves, and returns the code from the redirect. */
export async function obtainCode(
  baseUrl: string,
  client: { clientId: string; redirectUri: string },
  extra: Record<string, string> = {},
  cookie?: string,
): Promise<string> {
  const session = cookie ?? (await loginCookie(baseUrl));
  const answer = await decide(baseUrl, session, authorizationParams(client, extra));
  const location = new URL(String(answer.headers.location));
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

export function postForm(
  baseUrl: string,
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return rawRequest(baseUrl, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
  });
}

/** `Authorization: Basic` with id and secret form-url-encoded, as RFC 6749 §2.3.1 asks. */
export function basicAuth(client: { clientId: string; clientSecret: string }): string {
  const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  const pair = `${encode(client.clientId)}:${encode(client.clientSecret)}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

/** Exchanges a code with Basic client authentication. */
export function exchange(
  baseUrl: string,
  client: { clientId: string; clientSecret: string; redirectUri: string },
  code: string,
  extra: Record<string, string> = {},
): Promise<RawResponse> {
  return postForm(
    baseUrl,
    '/oauth2/token',
    { grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, ...extra },
    { authorization: basicAuth(client) },
  );
}

export function refreshWith(
  baseUrl: string,
  client: { clientId: string; clientSecret: string },
  refreshToken: string,
  extra: Record<string, string> = {},
): Promise<RawResponse> {
  return postForm(
    baseUrl,
    '/oauth2/token',
    { grant_type: 'refresh_token', refresh_token: refreshToken, ...extra },
    { authorization: basicAuth(client) },
  );
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** The whole flow for one user and scope: the token response's body. */
export async function issueTokens(
  baseUrl: string,
  scope: string,
  user: { loginName: string; password: string } = USERS.alice,
  client: { clientId: string; clientSecret: string; redirectUri: string } = CLIENTS.main,
): Promise<{ access_token: string; refresh_token: string; scope: string }> {
  const cookie = await loginCookie(baseUrl, user);
  const code = await obtainCode(baseUrl, client, { scope }, cookie);
  const response = await exchange(baseUrl, client, code);
  if (response.status !== 200) throw new Error(`exchange failed: ${response.text}`);
  return response.json;
}
