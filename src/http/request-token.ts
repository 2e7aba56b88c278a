import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import type { SessionManager } from '../auth/session.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiParams } from './params.js';

/** Kintone's name for the CSRF token, in a JSON body, the query string or a form field. */
export const REQUEST_TOKEN_PARAM = '__REQUEST_TOKEN__';

/**
 * Takes the request token out of the parameters, so no endpoint ever sees it as input.
 * Header-authenticated calls may send one too (the official client does when configured for a
 * session); it is simply dropped for them.
 */
export function takeRequestToken(params: ApiParams): unknown {
  const token = params[REQUEST_TOKEN_PARAM];
  delete params[REQUEST_TOKEN_PARAM];
  return token;
}

/**
 * The CSRF defence for session calls: every POST, PUT and DELETE must come from this origin and
 * carry the session's request token. The *HTTP* method counts, so a POST tunnelling a GET
 * through X-HTTP-Method-Override needs the token too, as the official client sends it.
 * Header-authenticated calls are exempt: a browser never adds those headers by itself.
 */
export function checkSessionWrite(
  request: FastifyRequest,
  principal: Principal,
  token: unknown,
  sessions: SessionManager,
): void {
  if (principal.kind !== 'user' || principal.method !== 'session') return;
  if (request.method === 'GET' || request.method === 'HEAD') return;

  if (!isSameOrigin(request)) throw new KintoneError('CB_IL02');
  if (!sessions.checkRequestToken(principal.session, token)) throw new KintoneError('CB_IL02');
}

/**
 * The second layer: browsers name the page's origin on unsafe requests. A missing Origin is let
 * through (non-browser clients holding a cookie), since the request token still has to match.
 * `Sec-Fetch-Site` also catches other ports of the same host, which count as the same site.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return false;

  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `${request.protocol}://${request.host}`;
}
