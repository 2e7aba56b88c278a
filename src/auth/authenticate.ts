import type { IncomingHttpHeaders } from 'node:http';
import type { AuthEventRecorder } from '../audit/auth-events.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiTokenStore } from '../store/api-tokens.js';
import { resolveApiTokens } from './api-token.js';
import { selectCredential } from './credentials.js';
import type { PasswordAuthenticator } from './password.js';
import type { Principal } from './principal.js';
import type { SessionManager } from './session.js';

/**
 * Credential selection and credential check: the first two steps every API call takes. The
 * result says who is calling; what they may do is checked later, against the app they name.
 */
export class Authenticator {
  readonly #passwords: PasswordAuthenticator;
  readonly #tokens: ApiTokenStore;
  readonly #sessions: SessionManager;
  readonly #audit: AuthEventRecorder;

  constructor(
    passwords: PasswordAuthenticator,
    tokens: ApiTokenStore,
    sessions: SessionManager,
    audit: AuthEventRecorder,
  ) {
    this.#passwords = passwords;
    this.#tokens = tokens;
    this.#sessions = sessions;
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
