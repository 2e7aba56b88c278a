import { OAuthError } from '../errors/oauth-error.js';
import type { OAuthClient, OAuthClientStore } from '../store/oauth-clients.js';
import { repeatedParameter, type OAuthParams } from './form-params.js';
import { parseScope, type OAuthScope } from './scopes.js';
import { PKCE_CHALLENGE } from './secrets.js';

/** An authorization request that passed every check. */
export interface AuthorizationRequest {
  client: OAuthClient;
  redirectUri: string;
  state: string;
  scopes: OAuthScope[];
  codeChallenge: string | null;
}

/**
 * How a request is answered. RFC 6749 §4.1.2.1: while the client or its redirect URI is in
 * doubt, the error is shown to the user and nobody is redirected (the server is no open
 * redirector); once both are known good, errors go back to the client with the state.
 */
export type AuthorizationCheck =
  | { kind: 'ok'; request: AuthorizationRequest }
  | { kind: 'page'; error: OAuthError }
  | { kind: 'redirect'; error: OAuthError; redirectUri: string; state: string | undefined };

/** The parameters the consent form carries back, unchanged, when the user decides. */
export const AUTHORIZATION_PARAMETERS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

export async function checkAuthorizationRequest(
  params: OAuthParams,
  repeated: readonly string[],
  clients: OAuthClientStore,
): Promise<AuthorizationCheck> {
  if (repeated.includes('client_id'))
    return { kind: 'page', error: repeatedParameter('client_id') };
  const client = params.client_id === undefined ? undefined : await clients.find(params.client_id);
  if (!client) return { kind: 'page', error: new OAuthError('OA_UNKNOWN_CLIENT') };

  // Compared exactly, as registered: no trailing-slash, case or query leniency.
  if (repeated.includes('redirect_uri') || params.redirect_uri !== client.redirectUri) {
    return { kind: 'page', error: new OAuthError('OA_REDIRECT_URI') };
  }

  const redirectUri = client.redirectUri;
  const state = params.state;
  const refuse = (error: OAuthError): AuthorizationCheck => ({
    kind: 'redirect',
    error,
    redirectUri,
    state,
  });

  if (repeated[0] !== undefined) return refuse(repeatedParameter(repeated[0]));
  if (params.response_type === undefined) {
    return refuse(new OAuthError('OA_MISSING_PARAMETER', { name: 'response_type' }));
  }
  if (params.response_type !== 'code') return refuse(new OAuthError('OA_RESPONSE_TYPE'));
  // Kintone documents state as required: it is the client's defence against CSRF.
  if (state === undefined) return refuse(new OAuthError('OA_MISSING_PARAMETER', { name: 'state' }));

  const scopes = params.scope === undefined ? null : parseScope(params.scope);
  if (!scopes) return refuse(new OAuthError('OA_SCOPE'));

  const pkce = checkPkce(params, client);
  if (pkce instanceof OAuthError) return refuse(pkce);

  return {
    kind: 'ok',
    request: { client, redirectUri, state, scopes, codeChallenge: pkce },
  };
}

/** S256 only: `plain` (or no method, which means plain) is refused, as RFC 9700 advises. */
function checkPkce(params: OAuthParams, client: OAuthClient): string | null | OAuthError {
  const challenge = params.code_challenge;
  const method = params.code_challenge_method;
  if (challenge === undefined) {
    if (method !== undefined) {
      return new OAuthError('OA_MISSING_PARAMETER', { name: 'code_challenge' });
    }
    return client.requirePkce ? new OAuthError('OA_PKCE_REQUIRED') : null;
  }
  if (method !== 'S256') {
    return new OAuthError('OA_INVALID_PARAMETER', { name: 'code_challenge_method' });
  }
  if (!PKCE_CHALLENGE.test(challenge)) {
    return new OAuthError('OA_INVALID_PARAMETER', { name: 'code_challenge' });
  }
  return challenge;
}

/** The client's redirect URI with the answer added to whatever query it already has. */
export function redirectWith(redirectUri: string, answer: Record<string, string | undefined>) {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(answer)) {
    if (value !== undefined) url.searchParams.append(name, value);
  }
  return url.toString();
}
