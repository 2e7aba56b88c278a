import { OAuthError } from '../errors/oauth-error.js';

/**
 * OAuth parameters as single strings. A parameter given twice is refused (RFC 6749 §3.1,
 * §3.2), and one given empty counts as not given (§3.1).
 */
export type OAuthParams = Record<string, string>;

/** From a query string, read as `application/x-www-form-urlencoded`. */
export function paramsFromQuery(rawQuery: string): OAuthParams {
  const { params, repeated } = paramsAndRepeats(rawQuery);
  if (repeated[0] !== undefined) throw repeatedParameter(repeated[0]);
  return params;
}

/**
 * The parameters of a query string with the names given more than once (the first value is
 * kept), for the authorization endpoint, which must know the client before it may answer.
 */
export function paramsAndRepeats(rawQuery: string): { params: OAuthParams; repeated: string[] } {
  const params: OAuthParams = Object.create(null);
  const seen = new Set<string>();
  const repeated: string[] = [];
  for (const [name, value] of new URLSearchParams(rawQuery)) {
    if (seen.has(name)) repeated.push(name);
    seen.add(name);
    if (value !== '' && !(name in params)) params[name] = value;
  }
  return { params, repeated };
}

export function repeatedParameter(name: string): OAuthError {
  return new OAuthError('OA_REPEATED_PARAMETER', { name: printable(name) });
}

/** From a parsed form body, where a repeated name arrives as an array. */
export function paramsFromBody(body: unknown): OAuthParams {
  const params: OAuthParams = Object.create(null);
  if (body === undefined || body === null) return params;
  if (typeof body !== 'object') throw new OAuthError('OA_NOT_A_FORM');

  for (const [name, value] of Object.entries(body)) {
    if (Array.isArray(value)) {
      throw repeatedParameter(name);
    }
    if (typeof value !== 'string') throw new OAuthError('OA_NOT_A_FORM');
    if (value !== '') params[name] = value;
  }
  return params;
}

/** The part of a URL after `?`. */
export function rawQueryOf(url: string): string {
  const index = url.indexOf('?');
  return index < 0 ? '' : url.slice(index + 1);
}

/** Parameter names end up in an error description: keep them short and plain. */
function printable(name: string): string {
  return name.replace(/[^\x21-\x7e]/g, '?').slice(0, 40);
}
