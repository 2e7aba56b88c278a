import { KintoneError } from '../errors/kintone-error.js';
import type { UserStore } from '../store/users.js';
import type { User } from '../store/types.js';
import { FailureThrottle } from './failure-throttle.js';
import { verifyAgainstNobody, verifyPassword } from './password-hash.js';
import { VerifiedPasswordCache } from './password-cache.js';

/**
 * Checks `X-Cybozu-Authorization: base64(login:password)`. Every failure, whatever its cause
 * (bad base64, no colon, unknown user, wrong password, disabled user, throttled), is the same
 * CB_WA01, so the answer never tells which part was wrong.
 */
export class PasswordAuthenticator {
  readonly #users: UserStore;
  readonly #cache: VerifiedPasswordCache;
  readonly #throttle: FailureThrottle;
  readonly #inFlight = new Map<string, Promise<boolean>>();

  constructor(users: UserStore, cache: VerifiedPasswordCache, throttle = new FailureThrottle()) {
    this.#users = users;
    this.#cache = cache;
    this.#throttle = throttle;
  }

  async authenticate(headerValue: string): Promise<User> {
    const decoded = decodeHeader(headerValue);
    if (!decoded) throw new KintoneError('CB_WA01');
    const { loginName, password } = decoded;

    if (this.#throttle.isBlocked(loginName)) throw new KintoneError('CB_WA01');

    const user = await this.#users.findByLoginName(loginName);
    if (!user) {
      await verifyAgainstNobody(password);
      this.#throttle.recordFailure(loginName);
      throw new KintoneError('CB_WA01');
    }

    const verified = await this.#verifyCached(user, password);
    if (!verified) {
      this.#throttle.recordFailure(loginName);
      throw new KintoneError('CB_WA01');
    }

    // Checked after the password so that a wrong password for a disabled user looks the same.
    if (!user.enabled) throw new KintoneError('CB_WA01');

    this.#throttle.recordSuccess(loginName);
    return user;
  }

  /** Forgets every cached verification, for example after a password or hash change. */
  forgetVerifiedPasswords(): void {
    this.#cache.clear();
  }

  async #verifyCached(user: User, password: string): Promise<boolean> {
    const key = this.#cache.keyFor(user.id, password, user.passwordHash);
    if (this.#cache.has(key)) return true;

    // Concurrent requests with the same credential share one verification.
    const pending = this.#inFlight.get(key);
    if (pending) return pending;

    const verification = verifyPassword(user.passwordHash, password).finally(() => {
      this.#inFlight.delete(key);
    });
    this.#inFlight.set(key, verification);

    const ok = await verification;
    if (ok) this.#cache.remember(key);
    return ok;
  }
}

/** base64 of UTF-8 `login:password`; the password may itself contain colons. */
function decodeHeader(value: string): { loginName: string; password: string } | null {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) return null;

  const text = Buffer.from(trimmed, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { loginName: text.slice(0, colon), password: text.slice(colon + 1) };
}
