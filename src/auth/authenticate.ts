import type { IncomingHttpHeaders } from 'node:http';
import type { AuthEventRecorder } from '../audit/auth-events.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiTokenStore } from '../store/api-tokens.js';
import { resolveApiTokens } from './api-token.js';
import { selectCredential } from './credentials.js';
import type { PasswordAuthenticator } from './password.js';
import type { Principal } from './principal.js';
import type { SessionManager } from './session.js';
import type { OAuthTokenService } from '../oauth/token-service.js';
import type { UserStore } from '../store/users.js';
import type { OAuthAudit } from '../oauth/oauth-audit.js';

/** What the Bearer credential needs: its tokens, their users, and the audit log. */
export interface OAuthDeps {
  tokens: OAuthTokenService;
  users: UserStore;
  audit: OAuthAudit;
}

const INVALID_TOKEN_CHALLENGE =
  'Bearer realm="kintone-local", error="invalid_token", ' +
  'error_description="The access token is invalid, expired or revoked"';

/**
 * Credential selection and credential check: the first two steps every API call takes. The
 * result says who is calling; what they may do is checked later, against the app they name.
 */
export class Authenticator {
  readonly #passwords: PasswordAuthenticator;
  readonly #tokens: ApiTokenStore;
  readonly #sessions: SessionManager;
  readonly #oauth: OAuthDeps;
  readonly #audit: AuthEventRecorder;

  constructor(
    passwords: PasswordAuthenticator,
    tokens: ApiTokenStore,
    sessions: SessionManager,
    oauth: OAuthDeps,
    audit: AuthEventRecorder,
  ) {
    this.#passwords = passwords;
    this.#tokens = tokens;
    this.#sessions = sessions;
    this.#oauth = oauth;
    this.#audit = audit;
  }

  async authenticate(
    headers: IncomingHttpHeaders,
    client: string,
    sessionCookie?: string,
  ): Promise<Principal> {
    const credential = selectCredential(headers, sessionCookie);

    switch (credential.kind) {
      case 'password': {
        const user = await this.#passwords.authenticate(credential.headerValue, client);
        return { kind: 'user', method: 'password', user };
      }
      case 'apiToken': {
        const { grants, tokenSet } = await resolveApiTokens(this.#tokens, credential.tokens).catch(
          (error: unknown) => {
            const reason = error instanceof KintoneError ? error.code : 'error';
            this.#audit.recordAuthEvent({
              event: 'api_token',
              outcome: 'failure',
              method: 'api_token',
              client,
              reason,
            });
            throw error;
          },
        );
        return { kind: 'token', method: 'apiToken', grants, tokenSet };
      }
      case 'oauth': {
        // Unknown, expired and revoked tokens, and tokens of users since disabled or taken
        // off the client's list, are all "not logged in", with RFC 6750's signal.
        const grant = await this.#oauth.tokens.validateAccess(credential.accessToken);
        const user = grant && (await this.#oauth.users.findById(grant.userId));
        if (!grant || !user?.enabled) {
          await this.#oauth.audit.record('oauth_bearer', 'failure', {
            address: client,
            reason: grant ? 'disabled' : 'invalid_token',
            ...(grant ? { userId: grant.userId, clientId: grant.clientId } : {}),
          });
          throw new KintoneError('CB_AU01', {}, [], { challenge: INVALID_TOKEN_CHALLENGE });
        }
        return {
          kind: 'user',
          method: 'oauth',
          user,
          clientId: grant.clientId,
          scopes: grant.scopes,
        };
      }
      case 'session': {
        // An expired or unknown session is the same as no login at all.
        const session = await this.#sessions.validate(credential.cookieValue);
        if (!session) throw new KintoneError('CB_AU01');
        return { kind: 'user', method: 'session', user: session.user, session };
      }
      case 'none':
        throw new KintoneError('CB_AU01');
    }
  }
}
