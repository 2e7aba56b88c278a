import type { Config } from '../config/config.js';
import { sha256Hex } from '../crypto/digest.js';
import { OAuthError } from '../errors/oauth-error.js';
import type { OAuthClient } from '../store/oauth-clients.js';
import type { NewToken, RedeemResult, Redemption } from '../store/oauth-token-writes.js';
import type { Store } from '../store/store.js';
import type { OAuthAudit } from './oauth-audit.js';
import { formatScope, parseScope, type OAuthScope } from './scopes.js';
import { newOpaqueToken, randomUrlSafe, verifierMatches } from './secrets.js';

/** RFC 6749 §4.1.2 allows up to ten minutes; a code is used within seconds of its redirect. */
export const CODE_LIFETIME_MS = 60 * 1000;

/** The body of a successful token response (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
  scope: string;
}

/** A valid access token: who it acts for, and what it may do. */
export interface AccessGrant {
  userId: number;
  clientId: string;
  scopes: ReadonlySet<string>;
}

/**
 * Issues and checks codes and tokens. Every value handed out is random, 256 bits, and stored
 * only as its SHA-256 digest; lookups go by digest, so nothing stored can be replayed.
 */
export class OAuthTokenService {
  readonly #store: Store;
  readonly #config: Config;
  readonly #now: () => number;
  readonly #audit: OAuthAudit;

  constructor(store: Store, config: Config, now: () => number, audit: OAuthAudit) {
    this.#store = store;
    this.#config = config;
    this.#now = now;
    this.#audit = audit;
  }

  async issueCode(request: {
    clientId: string;
    userId: number;
    redirectUri: string;
    scopes: readonly OAuthScope[];
    codeChallenge: string | null;
  }): Promise<string> {
    const code = newOpaqueToken();
    const now = this.#now();
    await this.#store.oauthCodes.createCode(
      sha256Hex(code),
      {
        clientId: request.clientId,
        userId: request.userId,
        redirectUri: request.redirectUri,
        scope: formatScope(request.scopes),
        codeChallenge: request.codeChallenge,
        expiresAt: now + CODE_LIFETIME_MS,
      },
      now,
    );
    return code;
  }

  /**
   * The authorization_code grant. The code must be unexpired and unused, and was issued to
   * this client, for this redirect URI (still the registered one), to a user still allowed;
   * with a PKCE challenge the verifier must match it, and without one no verifier may be sent
   * (no downgrade).
   */
  async exchangeCode(
    client: OAuthClient,
    code: string,
    redirectUri: string,
    codeVerifier: string | undefined,
    address: string,
  ): Promise<TokenResponse> {
    const now = this.#now();
    await this.#store.oauthGrants.deleteExpired(now, now - this.#refreshLifetimeMs);
    const grantId = randomUrlSafe(16);
    const tokens = this.#newTokens(now);
    let scope = '';
    let userId = 0;

    const result = await this.#store.oauthCodes.redeemCode(
      sha256Hex(code),
      grantId,
      now,
      (stored, userAllowed): Redemption<OAuthError> => {
        const pkceOk =
          stored.codeChallenge === null
            ? codeVerifier === undefined
            : codeVerifier !== undefined && verifierMatches(codeVerifier, stored.codeChallenge);
        const valid =
          stored.expiresAt > now &&
          stored.clientId === client.id &&
          stored.redirectUri === redirectUri &&
          // A code issued before an administrator moved the redirect endpoint is refused.
          stored.redirectUri === client.redirectUri &&
          pkceOk &&
          userAllowed;
        if (!valid) return { refuse: new OAuthError('OA_INVALID_GRANT') };

        scope = stored.scope;
        userId = stored.userId;
        return { issue: tokens.rows(stored.scope, now + this.#refreshLifetimeMs) };
      },
    );
    await this.#recordRedemption('oauth_code_exchange', 'code_replayed', result, {
      clientId: client.id,
      address,
      userId,
    });
    settle(result);
    return tokens.response(scope, this.#config.oauthAccessTokenSeconds);
  }

  /**
   * The refresh_token grant, with rotation: the token is used up and a new one issued in the
   * same grant. The grant's absolute lifetime is not extended. A narrower `scope` gives an
   * access token with fewer scopes; the refresh token keeps the grant's.
   */
  async refresh(
    client: OAuthClient,
    refreshToken: string,
    requestedScope: string | undefined,
    address: string,
  ): Promise<TokenResponse> {
    const wanted = requestedScope === undefined ? null : parseScope(requestedScope);
    if (requestedScope !== undefined && wanted === null) throw new OAuthError('OA_SCOPE');

    const now = this.#now();
    const tokens = this.#newTokens(now);
    let scope = '';
    let userId = 0;

    const result = await this.#store.oauthGrants.redeemRefresh(
      sha256Hex(refreshToken),
      (stored, userAllowed): Redemption<OAuthError> => {
        const valid = stored.clientId === client.id && stored.expiresAt > now && userAllowed;
        if (!valid) return { refuse: new OAuthError('OA_INVALID_GRANT') };

        const granted = stored.grantScope.split(' ');
        if (wanted && !wanted.every((s) => granted.includes(s))) {
          return { refuse: new OAuthError('OA_SCOPE') };
        }
        scope = wanted ? formatScope(wanted) : stored.grantScope;
        userId = stored.userId;
        return { issue: tokens.rows(scope, stored.expiresAt, stored.grantScope) };
      },
    );
    await this.#recordRedemption('oauth_refresh', 'refresh_reused', result, {
      clientId: client.id,
      address,
      userId,
    });
    settle(result);
    return tokens.response(scope, this.#config.oauthAccessTokenSeconds);
  }

  /** RFC 7009: unknown tokens and other clients' tokens are ignored, as the RFC asks. */
  async revoke(client: OAuthClient, token: string, address: string): Promise<void> {
    const userId = await this.#store.oauthGrants.revokeToken(sha256Hex(token), client.id);
    if (userId === undefined) return;
    await this.#audit.revoked([userId], client.id, 'rfc7009', address);
  }

  /** The grant behind a Bearer token, or null when it is unknown, expired or revoked. */
  async validateAccess(token: string): Promise<AccessGrant | null> {
    if (!/^[A-Za-z0-9\-_]{43}$/.test(token)) return null;
    const stored = await this.#store.oauthGrants.findAccess(sha256Hex(token));
    if (!stored || stored.expiresAt <= this.#now()) return null;
    return {
      userId: stored.userId,
      clientId: stored.clientId,
      scopes: new Set(stored.scope.split(' ')),
    };
  }

  /**
   * An issue, or a replay (the grant it led to is now revoked), goes into the audit log; other
   * refusals are the client's mistakes and are only answered.
   */
  async #recordRedemption(
    event: 'oauth_code_exchange' | 'oauth_refresh',
    replayReason: string,
    result: RedeemResult<OAuthError>,
    details: { clientId: string; address: string; userId: number },
  ): Promise<void> {
    if (result.outcome === 'issued') {
      await this.#audit.record(event, 'success', details);
    } else if (result.outcome === 'replayed') {
      await this.#audit.record(event, 'failure', {
        ...details,
        userId: result.userId,
        reason: replayReason,
      });
    }
  }

  get #refreshLifetimeMs(): number {
    return this.#config.oauthRefreshTokenSeconds * 1000;
  }

  /** A fresh access and refresh token pair; rows to store, and the response to send. */
  #newTokens(now: number) {
    const access = newOpaqueToken();
    const refresh = newOpaqueToken();
    const accessExpiresAt = now + this.#config.oauthAccessTokenSeconds * 1000;
    return {
      rows: (scope: string, refreshExpiresAt: number, refreshScope = scope): NewToken[] => [
        { digest: sha256Hex(access), kind: 'access', scope, expiresAt: accessExpiresAt },
        {
          digest: sha256Hex(refresh),
          kind: 'refresh',
          scope: refreshScope,
          expiresAt: refreshExpiresAt,
        },
      ],
      response: (scope: string, expiresIn: number): TokenResponse => ({
        access_token: access,
        token_type: 'Bearer',
        expires_in: expiresIn,
        refresh_token: refresh,
        scope,
      }),
    };
  }
}

/** Anything but a fresh issue is `invalid_grant`, or the refusal `decide` chose. */
function settle(result: RedeemResult<OAuthError>): void {
  if (result.outcome === 'issued') return;
  if (result.outcome === 'refused') throw result.refusal;
  throw new OAuthError('OA_INVALID_GRANT');
}
