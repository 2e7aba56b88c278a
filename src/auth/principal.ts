import type { TokenPermissions, User } from '../store/types.js';
import type { ActiveSession } from './session.js';

/** Who is calling, once credentials have been checked. */
export type Principal = UserPrincipal | TokenPrincipal;

/** Password, session and OAuth callers act as a user, with that user's permissions. */
export type UserPrincipal = PasswordPrincipal | SessionPrincipal | OAuthPrincipal;

export interface PasswordPrincipal {
  kind: 'user';
  method: 'password';
  user: User;
}

/** A browser session; its unsafe calls must also carry the session's request token. */
export interface SessionPrincipal {
  kind: 'user';
  method: 'session';
  user: User;
  session: ActiveSession;
}

/**
 * An OAuth access token: the user who approved it, with that user's own permissions, further
 * limited to the scopes the token carries.
 */
export interface OAuthPrincipal {
  kind: 'user';
  method: 'oauth';
  user: User;
  clientId: string;
  scopes: ReadonlySet<string>;
}

/**
 * API-token callers hold one token per app; the tokens' checkboxes replace user permissions,
 * and writes are recorded as the user "Administrator", as Kintone records them.
 */
export interface TokenPrincipal {
  kind: 'token';
  method: 'apiToken';
  grants: ReadonlyMap<number, TokenPermissions>;
  /** The digests of the tokens sent, sorted and joined: who made a cursor, for tokens. */
  tokenSet: string;
}

export const TOKEN_ACTOR = { code: 'Administrator', name: 'Administrator' } as const;

export function actorOf(principal: Principal): { code: string; name: string } {
  if (principal.kind === 'token') return TOKEN_ACTOR;
  return { code: principal.user.loginName, name: principal.user.displayName };
}
