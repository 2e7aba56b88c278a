import type { IncomingHttpHeaders } from 'node:http';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiTokenStore } from '../store/api-tokens.js';
import { resolveApiTokens } from './api-token.js';
import { selectCredential } from './credentials.js';
import type { PasswordAuthenticator } from './password.js';
import type { Principal } from './principal.js';

/**
 * Credential selection and credential check: the first two steps every API call takes. The
 * result says who is calling; what they may do is checked later, against the app they name.
 */
export class Authenticator {
  readonly #passwords: PasswordAuthenticator;
  readonly #tokens: ApiTokenStore;

  constructor(passwords: PasswordAuthenticator, tokens: ApiTokenStore) {
    this.#passwords = passwords;
    this.#tokens = tokens;
  }

  async authenticate(headers: IncomingHttpHeaders, client: string): Promise<Principal> {
    const credential = selectCredential(headers);

    switch (credential.kind) {
      case 'password': {
        const user = await this.#passwords.authenticate(credential.headerValue, client);
        return { kind: 'user', method: 'password', user };
      }
      case 'apiToken': {
        const grants = await resolveApiTokens(this.#tokens, credential.tokens);
        return { kind: 'token', method: 'apiToken', grants };
      }
      case 'none':
        throw new KintoneError('CB_AU01');
    }
  }
}
