import { OAUTH_ERROR_TABLE, type OAuthErrorCode, type OAuthErrorRow } from './table.js';
import type { Language } from './kintone-error.js';

/**
 * The error OAuth endpoints throw. Only the OAuth routes turn it into a response: a JSON body
 * on the token and revocation endpoints, a redirect or a page on the authorization endpoint.
 */
export class OAuthError extends Error {
  readonly code: OAuthErrorCode;
  readonly params: Readonly<Record<string, string>>;
  /** A `WWW-Authenticate` value for the response, when the client authenticated by header. */
  readonly challenge: string | undefined;

  constructor(
    code: OAuthErrorCode,
    params: Record<string, string> = {},
    options: { challenge?: string } = {},
  ) {
    super(`${OAUTH_ERROR_TABLE[code].error}: ${fill(OAUTH_ERROR_TABLE[code].en, params)}`);
    this.name = 'OAuthError';
    this.code = code;
    this.params = params;
    this.challenge = options.challenge;
  }

  get row(): OAuthErrorRow {
    return OAUTH_ERROR_TABLE[this.code];
  }

  /** The RFC 6749 error code. */
  get error(): OAuthErrorRow['error'] {
    return this.row.error;
  }

  descriptionIn(language: Language): string {
    return fill(this.row[language], this.params);
  }
}

function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
