import { createHmac } from 'node:crypto';
import { secretsEqual } from '../crypto/constant-time.js';
import { sha256Hex } from '../crypto/digest.js';
import { randomAlphanumeric } from '../crypto/random.js';
import type { SessionStore, StoredSession } from '../store/sessions.js';
import type { UserStore } from '../store/users.js';
import type { User } from '../store/types.js';

/** Session lifetimes, in milliseconds. */
export interface SessionLimits {
  /** A session unused this long ends. */
  idleMs: number;
  /** A session ends this long after login, however active. */
  absoluteMs: number;
  /** The last-use time is written at most this often, so busy pages do not write per call. */
  touchEveryMs: number;
  /** The request token stops working this long after its last use (Kintone: 86,400 s). */
  requestTokenMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 8 * 60 * 60 * 1000,
  absoluteMs: 7 * 24 * 60 * 60 * 1000,
  touchEveryMs: 60 * 1000,
  requestTokenMs: 86_400 * 1000,
};

/** A session that passed validation, with the secret that proved it. */
export interface ActiveSession {
  id: string;
  user: User;
  /** The CSRF token pages embed as `kintone.getRequestToken()`. */
  requestToken: string;
}

/**
 * Browser sessions in the lucia style: the cookie value is `id.secret`, the row is found by id,
 * and the SHA-256 of the secret is compared in constant time. Nothing stored can be replayed.
 *
 * The request token is an HMAC of a fixed label under the session secret: bound to the session,
 * never stored, and computable only by someone holding the cookie.
 */
export class SessionManager {
  readonly #sessions: SessionStore;
  readonly #users: UserStore;
  readonly #limits: SessionLimits;
  readonly #now: () => number;

  constructor(
    sessions: SessionStore,
    users: UserStore,
    now: () => number,
    limits: SessionLimits = DEFAULT_SESSION_LIMITS,
  ) {
    this.#sessions = sessions;
    this.#users = users;
    this.#now = now;
    this.#limits = limits;
  }

  /** Starts a session for a user whose password was just verified; returns the cookie value. */
  async start(user: User): Promise<string> {
    const id = randomAlphanumeric(24);
    const secret = randomAlphanumeric(32);
    const at = this.#now();
    await this.#sessions.create({
      id,
      secretDigest: sha256Hex(secret),
      userId: user.id,
      createdAt: at,
      lastSeenAt: at,
    });
    await this.#sessions.deleteExpired(at - this.#limits.idleMs, at - this.#limits.absoluteMs);
    return `${id}.${secret}`;
  }

  /**
   * The session a cookie value names, or null when it is malformed, unknown, expired, or its
   * user is disabled or gone. Sliding expiry: a use more than a minute after the last recorded
   * one moves the idle deadline.
   */
  async validate(cookieValue: string | undefined): Promise<ActiveSession | null> {
    const parts = parseCookieValue(cookieValue);
    if (!parts) return null;

    const stored = await this.#sessions.find(parts.id);
    if (!stored || !secretsEqual(sha256Hex(parts.secret), stored.secretDigest)) return null;

    const at = this.#now();
    if (this.#expired(stored, at)) {
      await this.#sessions.delete(stored.id);
      return null;
    }

    const user = await this.#users.findById(stored.userId);
    if (!user || !user.enabled) return null;

    if (at - stored.lastSeenAt >= this.#limits.touchEveryMs) {
      await this.#sessions.touch(stored.id, at);
    }
    return { id: stored.id, user, requestToken: requestTokenFor(parts.secret) };
  }

  /** True when `given` is this session's request token, compared in constant time. */
  checkRequestToken(session: ActiveSession, given: unknown): boolean {
    return typeof given === 'string' && secretsEqual(given, session.requestToken);
  }

  async end(cookieValue: string | undefined): Promise<void> {
    const parts = parseCookieValue(cookieValue);
    if (parts) await this.#sessions.delete(parts.id);
  }

  #expired(stored: StoredSession, at: number): boolean {
    // The request token's own 24 hours from last use are covered: the idle limit is shorter,
    // and every use of the token is a use of the session.
    const idleLimit = Math.min(this.#limits.idleMs, this.#limits.requestTokenMs);
    return at - stored.lastSeenAt >= idleLimit || at - stored.createdAt >= this.#limits.absoluteMs;
  }
}

function parseCookieValue(value: string | undefined): { id: string; secret: string } | null {
  const match = /^([A-Za-z0-9]{24})\.([A-Za-z0-9]{32})$/.exec(value ?? '');
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

function requestTokenFor(secret: string): string {
  const mac = createHmac('sha256', secret).update('kintone-local request token').digest('hex');
  // Shaped like Kintone's documented sample, a UUID; clients treat it as opaque.
  return [
    mac.slice(0, 8),
    mac.slice(8, 12),
    mac.slice(12, 16),
    mac.slice(16, 20),
    mac.slice(20, 32),
  ].join('-');
}
