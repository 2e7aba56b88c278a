import type { IncomingHttpHeaders } from 'node:http';

/**
 * The credential a request carries, chosen before anything is checked.
 *
 * Precedence when several arrive: password (`X-Cybozu-Authorization`), then API tokens
 * (`X-Cybozu-API-Token`), then an OAuth access token (`Authorization: Bearer`), then the
 * browser session. Only the chosen credential is checked; a failing password is not rescued
 * by a valid token or session. Kintone's own page on this is not readable in full, and the
 * documented order for cybozu.com's other APIs puts the password before the session; the
 * README records the choice.
 */
export type Credential =
  | { kind: 'password'; headerValue: string }
  | { kind: 'apiToken'; tokens: string[] }
  | { kind: 'oauth'; accessToken: string }
  | { kind: 'session'; cookieValue: string }
  | { kind: 'none' };

/**
 * `sessionCookie` is the value of the session cookie, if the request sent one. The cookie alone
 * never makes an API call: browsers send it on any request to this origin, so a session call
 * must also carry `X-Requested-With` (any non-empty value), which a plain form or link cannot.
 */
export function selectCredential(headers: IncomingHttpHeaders, sessionCookie?: string): Credential {
  const password = headers['x-cybozu-authorization'];
  if (typeof password === 'string' && password !== '') {
    return { kind: 'password', headerValue: password };
  }

  const tokenHeader = headers['x-cybozu-api-token'];
  if (tokenHeader !== undefined) {
    const tokens = splitTokenHeader(tokenHeader);
    if (tokens.length > 0) return { kind: 'apiToken', tokens };
  }

  const bearer = readBearer(headers.authorization);
  if (bearer !== null) return { kind: 'oauth', accessToken: bearer };

  const requestedWith = headers['x-requested-with'];
  if (sessionCookie && typeof requestedWith === 'string' && requestedWith !== '') {
    return { kind: 'session', cookieValue: sessionCookie };
  }

  return { kind: 'none' };
}

/**
 * Kintone accepts several tokens as a comma list (with or without spaces) or as repeated
 * headers; Node joins repeated custom headers with ", ", so both forms arrive as one list.
 */
function splitTokenHeader(value: string | string[]): string[] {
  const joined = Array.isArray(value) ? value.join(',') : value;
  return joined
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '');
}

/**
 * RFC 6750 §2.1: `Bearer <token>`, the scheme name in any case. `Authorization: Basic` is not
 * a Kintone credential (it is the domain's Basic layer) and is left alone. A Bearer header
 * with nothing after it still selects OAuth, so it fails as an invalid token.
 */
function readBearer(header: string | undefined): string | null {
  const match = /^bearer(?: +(.*))?$/i.exec(header ?? '');
  if (!match) return null;
  return (match[1] ?? '').trim();
}
