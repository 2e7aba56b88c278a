import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveSession, SessionManager } from '../auth/session.js';
import type { Config } from '../config/config.js';
import { OAuthError } from '../errors/oauth-error.js';
import { pickLanguage } from '../http/language.js';
import { isSameOrigin, REQUEST_TOKEN_PARAM } from '../http/request-token.js';
import type { SessionCookie } from '../http/session-cookie.js';
import type { Store } from '../store/store.js';
import { renderAuthorizationErrorPage, renderConsentPage } from '../web/consent-page.js';
import { sendPage } from '../web/html.js';
import { sessionForPage } from '../web/page-session.js';
import {
  AUTHORIZATION_PARAMETERS,
  checkAuthorizationRequest,
  redirectWith,
  type AuthorizationCheck,
  type AuthorizationRequest,
} from './authorization-request.js';
import { paramsAndRepeats, paramsFromBody, rawQueryOf, type OAuthParams } from './form-params.js';
import { AUTHORIZATION_PATH } from './token-routes.js';
import type { OAuthAudit } from './oauth-audit.js';
import type { OAuthTokenService } from './token-service.js';

type AuthorizationRefusal = Exclude<AuthorizationCheck, { kind: 'ok' }>;

interface Deps {
  store: Store;
  config: Config;
  sessions: SessionManager;
  cookie: SessionCookie;
  tokens: OAuthTokenService;
  audit: OAuthAudit;
}

/**
 * `GET /oauth2/authorization` checks the request, sends a visitor without a session to the
 * login form and back, and shows the consent page. `POST /oauth2/authorization` is the user's
 * answer: it needs the session, this origin and the session's request token, checks the
 * request again, and sends the browser back to the client with a code or `access_denied`.
 * A GET never grants anything.
 */
export function mountAuthorizationEndpoint(app: FastifyInstance, deps: Deps): void {
  app.get(AUTHORIZATION_PATH, async (request, reply) => {
    const { params, repeated } = paramsAndRepeats(rawQueryOf(request.url));
    const check = await checkAuthorizationRequest(params, repeated, deps.store.oauthClients);
    if (check.kind !== 'ok') return answerRefusal(request, reply, deps, check);

    const session = await sessionForPage(request, reply, deps);
    if (!session) return reply;
    const refusal = await refuseUnlessAllowed(deps, check.request, session);
    if (refusal) return answerRefusal(request, reply, deps, refusal);

    const language = pickLanguage(request.headers['accept-language'], deps.config.language);
    const html = renderConsentPage({
      language,
      userName: session.user.displayName,
      requestToken: session.requestToken,
      request: check.request,
      params: formParams(params),
    });
    return sendPage(reply, html, {
      forms: [new URL(check.request.redirectUri).origin],
      referrerPolicy: 'no-referrer',
    });
  });

  app.post(AUTHORIZATION_PATH, async (request, reply) => {
    let body: OAuthParams;
    try {
      body = paramsFromBody(request.body);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      return errorPage(request, reply, deps, error);
    }
    const session = await deps.sessions.validate(deps.cookie.read(request));
    const token = body[REQUEST_TOKEN_PARAM];
    if (!session || !isConsentOrigin(request) || !deps.sessions.checkRequestToken(session, token)) {
      return errorPage(request, reply, deps, new OAuthError('OA_CONSENT_TOKEN'));
    }

    const check = await checkAuthorizationRequest(body, [], deps.store.oauthClients);
    if (check.kind !== 'ok') return answerRefusal(request, reply, deps, check);
    const refusal = await refuseUnlessAllowed(deps, check.request, session);
    if (refusal) return answerRefusal(request, reply, deps, refusal);

    const { client, redirectUri, state } = check.request;
    const consent = { userId: session.user.id, clientId: client.id, address: request.ip };
    if (body.decision === 'approve') {
      await deps.audit.record('oauth_consent', 'success', consent);
      const code = await deps.tokens.issueCode({
        clientId: client.id,
        userId: session.user.id,
        redirectUri,
        scopes: check.request.scopes,
        codeChallenge: check.request.codeChallenge,
      });
      return seeOther(reply, redirectWith(redirectUri, { code, state }));
    }
    if (body.decision === 'deny') {
      await deps.audit.record('oauth_consent', 'failure', { ...consent, reason: 'denied' });
      return answerRefusal(request, reply, deps, {
        kind: 'redirect',
        error: new OAuthError('OA_DENIED'),
        redirectUri,
        state,
      });
    }
    return errorPage(
      request,
      reply,
      deps,
      new OAuthError('OA_INVALID_PARAMETER', { name: 'decision' }),
    );
  });
}

/**
 * The consent page sends no referrer, so browsers post its form with `Origin: null`; their
 * `Sec-Fetch-Site: same-origin` then says where it came from. Anything else is checked as
 * every other form is.
 */
function isConsentOrigin(request: FastifyRequest): boolean {
  const fromThisOrigin = request.headers['sec-fetch-site'] === 'same-origin';
  if (fromThisOrigin && request.headers.origin === 'null') return true;
  return isSameOrigin(request);
}

/** Kintone's "Configure users" list: a user not on it gets `access_denied` and no code. */
async function refuseUnlessAllowed(
  deps: Deps,
  request: AuthorizationRequest,
  session: ActiveSession,
): Promise<AuthorizationRefusal | null> {
  if (await deps.store.oauthClients.isAllowed(request.client.id, session.user.id)) return null;
  return {
    kind: 'redirect',
    error: new OAuthError('OA_USER_NOT_ALLOWED'),
    redirectUri: request.redirectUri,
    state: request.state,
  };
}

function answerRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  check: AuthorizationRefusal,
): FastifyReply {
  if (check.kind === 'page') return errorPage(request, reply, deps, check.error);
  const { error, redirectUri, state } = check;
  return seeOther(
    reply,
    redirectWith(redirectUri, {
      error: error.error,
      error_description: error.descriptionIn('en'),
      state,
    }),
  );
}

function errorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  error: OAuthError,
): FastifyReply {
  const language = pickLanguage(request.headers['accept-language'], deps.config.language);
  const html = renderAuthorizationErrorPage(language, error);
  return sendPage(reply, html, { referrerPolicy: 'no-referrer' }, error.row.status);
}

/** 303, so the browser follows with a GET and never re-posts the form (RFC 9700 §4.12). */
function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .code(303)
    .header('location', location)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send();
}

/** Only the request's own parameters go into the consent form. */
function formParams(params: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of AUTHORIZATION_PARAMETERS) {
    const value = params[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
