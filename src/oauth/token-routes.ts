import fastifyFormbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KintoneError } from '../errors/kintone-error.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { ClientAuthenticator } from './client-auth.js';
import { paramsFromBody, paramsFromQuery, rawQueryOf, type OAuthParams } from './form-params.js';
import { OAUTH_SCOPES } from './scopes.js';
import { PKCE_VERIFIER } from './secrets.js';
import type { OAuthClient } from '../store/oauth-clients.js';
import type { OAuthTokenService, TokenResponse } from './token-service.js';

export const TOKEN_PATH = '/oauth2/token';
export const REVOKE_PATH = '/oauth2/revoke';
export const AUTHORIZATION_PATH = '/oauth2/authorization';

/**
 * `POST /oauth2/token` (authorization_code and refresh_token grants), `POST /oauth2/revoke`
 * (RFC 7009) and the RFC 8414 metadata. They live in a scope of their own, with a form parser
 * and an error handler that answers in RFC 6749's JSON shape, never Kintone's.
 */
export async function mountTokenEndpoints(
  app: FastifyInstance,
  deps: { clients: ClientAuthenticator; tokens: OAuthTokenService },
): Promise<void> {
  await app.register(fastifyFormbody, { bodyLimit: 16 * 1024 });
  app.setErrorHandler(answerOAuthError);

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: TOKEN_PATH,
    handler: async (request, reply) => {
      const params = readTokenRequest(request);
      const client = await deps.clients.authenticate(request.headers, params, request.ip);

      const grant = GRANTS.get(required(params, 'grant_type'));
      if (!grant) throw new OAuthError('OA_GRANT_TYPE');
      const response = await grant(deps.tokens, client, params, request.ip);
      return noStore(reply).code(200).type('application/json; charset=utf-8').send(response);
    },
  });

  app.route({
    method: ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'],
    url: REVOKE_PATH,
    handler: async (request, reply) => {
      const params = readTokenRequest(request);
      const client = await deps.clients.authenticate(request.headers, params, request.ip);
      await deps.tokens.revoke(client, required(params, 'token'), request.ip);
      return noStore(reply).code(200).send();
    },
  });

  app.get('/.well-known/oauth-authorization-server', async (request, reply) => {
    // Built from this request's own scheme and Host; forwarded headers are not trusted.
    const issuer = `${request.protocol}://${request.host}`;
    const authMethods = ['client_secret_basic', 'client_secret_post'];
    return reply.header('cache-control', 'no-cache').send({
      issuer,
      authorization_endpoint: `${issuer}${AUTHORIZATION_PATH}`,
      token_endpoint: `${issuer}${TOKEN_PATH}`,
      revocation_endpoint: `${issuer}${REVOKE_PATH}`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: authMethods,
      revocation_endpoint_auth_methods_supported: authMethods,
      code_challenge_methods_supported: ['S256'],
      scopes_supported: OAUTH_SCOPES,
    });
  });
}

type Grant = (
  tokens: OAuthTokenService,
  client: OAuthClient,
  params: OAuthParams,
  address: string,
) => Promise<TokenResponse>;

/** The two grant types Kintone's server offers; any other is `unsupported_grant_type`. */
const GRANTS: ReadonlyMap<string, Grant> = new Map<string, Grant>([
  [
    'authorization_code',
    (tokens, client, params, address) =>
      tokens.exchangeCode(
        client,
        required(params, 'code'),
        required(params, 'redirect_uri'),
        readVerifier(params),
        address,
      ),
  ],
  [
    'refresh_token',
    (tokens, client, params, address) =>
      tokens.refresh(client, required(params, 'refresh_token'), params.scope, address),
  ],
]);

/** A PKCE verifier is checked for syntax before the code is looked at (RFC 7636 §4.1). */
function readVerifier(params: OAuthParams): string | undefined {
  const verifier = params.code_verifier;
  if (verifier !== undefined && !PKCE_VERIFIER.test(verifier)) {
    throw new OAuthError('OA_INVALID_PARAMETER', { name: 'code_verifier' });
  }
  return verifier;
}

/**
 * The token and revocation endpoints take parameters only as a form body of a POST: never in
 * the URL, where a secret or code would end up in logs and histories (RFC 6749 §3.2).
 */
function readTokenRequest(request: FastifyRequest): OAuthParams {
  if (request.method !== 'POST') throw new OAuthError('OA_NOT_A_FORM');
  if (Object.keys(paramsFromQuery(rawQueryOf(request.url))).length > 0) {
    throw new OAuthError('OA_NOT_A_FORM');
  }
  const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new OAuthError('OA_NOT_A_FORM');
  return paramsFromBody(request.body);
}

function required(params: OAuthParams, name: string): string {
  const value = params[name];
  if (value === undefined) throw new OAuthError('OA_MISSING_PARAMETER', { name });
  return value;
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
}

/** RFC 6749 §5.2: `{error, error_description}`, 401 with a challenge for a Basic client. */
function answerOAuthError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const oauthError = toOAuthError(error);
  if (oauthError.code === 'OA_SERVER') {
    request.log.error({ err: error }, 'unexpected failure at an OAuth endpoint');
  } else {
    request.log.info({ oauthError: oauthError.error }, 'OAuth request refused');
  }

  if (oauthError.challenge) reply.header('www-authenticate', oauthError.challenge);
  void noStore(reply)
    .code(oauthError.row.status)
    .type('application/json; charset=utf-8')
    .send({ error: oauthError.error, error_description: oauthError.descriptionIn('en') });
}

function toOAuthError(error: Error): OAuthError {
  if (error instanceof OAuthError) return error;
  // The JSON parser every route shares refuses broken JSON with a Kintone error.
  if (error instanceof KintoneError) return new OAuthError('OA_NOT_A_FORM');
  // Fastify's own refusals (an unknown body type, a body too large, broken form encoding).
  const status = 'statusCode' in error ? Number(error.statusCode) : 500;
  return status >= 400 && status < 500
    ? new OAuthError('OA_NOT_A_FORM')
    : new OAuthError('OA_SERVER');
}
