import type { IncomingHttpHeaders } from 'node:http';
import { FailureThrottle } from '../auth/failure-throttle.js';
import { secretsEqual } from '../crypto/constant-time.js';
import { sha256Hex } from '../crypto/digest.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { OAuthClient, OAuthClientStore } from '../store/oauth-clients.js';
import type { OAuthAudit } from './oauth-audit.js';

const BASIC_CHALLENGE = 'Basic realm="kintone-local", charset="UTF-8"';

/** Compared against when the client id is unknown, so both failures take the same time. */
const NO_CLIENT_DIGEST = sha256Hex('no such client');

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3.1): either HTTP
 * Basic, whose id and secret are form-url-decoded, or `client_id` and `client_secret` in the
 * body. Using both in one request is refused. Repeated failures from one address for one
 * client id are throttled like password guesses.
 */
export class ClientAuthenticator {
  readonly #clients: OAuthClientStore;
  readonly #throttle: FailureThrottle;
  readonly #audit: OAuthAudit;

  constructor(clients: OAuthClientStore, audit: OAuthAudit, throttle = new FailureThrottle()) {
    this.#clients = clients;
    this.#audit = audit;
    this.#throttle = throttle;
  }

  async authenticate(
    headers: IncomingHttpHeaders,
    body: Record<string, string>,
    address: string,
  ): Promise<OAuthClient> {
    const presented = readCredentials(headers, body);
    const fail = async (reason: string, client?: OAuthClient) => {
      await this.#audit.record('oauth_client_auth', 'failure', {
        address,
        reason,
        ...(client ? { clientId: client.id } : {}),
      });
      return new OAuthError(
        'OA_CLIENT_AUTH',
        {},
        presented.byHeader ? { challenge: BASIC_CHALLENGE } : {},
      );
    };
    if (!presented.id || presented.secret === undefined) throw await fail('malformed');

    const attempt = `${address}\0${presented.id}`;
    if (this.#throttle.isBlocked(attempt)) throw await fail('throttled');

    const client = await this.#clients.find(presented.id);
    const matches = secretsEqual(
      sha256Hex(presented.secret),
      client?.secretDigest ?? NO_CLIENT_DIGEST,
    );
    if (!client || !matches) {
      this.#throttle.recordFailure(attempt);
      throw await fail(client ? 'wrong_secret' : 'unknown_client', client);
    }
    this.#throttle.recordSuccess(attempt);
    return client;
  }
}

interface PresentedCredentials {
  id: string | undefined;
  secret: string | undefined;
  byHeader: boolean;
}

function readCredentials(
  headers: IncomingHttpHeaders,
  body: Record<string, string>,
): PresentedCredentials {
  const header = headers.authorization;
  if (header === undefined) {
    return { id: body.client_id, secret: body.client_secret, byHeader: false };
  }

  if (body.client_secret !== undefined) throw new OAuthError('OA_TWO_CLIENT_METHODS');
  const basic = decodeBasic(header);
  if (!basic) return { id: undefined, secret: undefined, byHeader: true };
  // A client_id in the body beside Basic is common and harmless when it names the same client.
  if (body.client_id !== undefined && body.client_id !== basic.id) {
    throw new OAuthError('OA_TWO_CLIENT_METHODS');
  }
  return { ...basic, byHeader: true };
}

/** `Basic base64(urlencode(id):urlencode(secret))`; the scheme name is case-insensitive. */
function decodeBasic(header: string): { id: string; secret: string } | null {
  const match = /^basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match?.[1]) return null;

  const text = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const id = formDecode(text.slice(0, colon));
  const secret = formDecode(text.slice(colon + 1));
  return id === null || secret === null ? null : { id, secret };
}

function formDecode(text: string): string | null {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}
