import type { AuthEventRecorder, AuthMethod } from '../audit/auth-events.js';
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
  readonly #audit: AuthEventRecorder;
  readonly #inFlight = new Map<string, Promise<boolean>>();

  constructor(
    users: UserStore,
    cache: VerifiedPasswordCache,
    audit: AuthEventRecorder,
    throttle = new FailureThrottle(),
  ) {
    this.#users = users;
    this.#cache = cache;
    this.#audit = audit;
    this.#throttle = throttle;
  }

  /**
   * `client` (the caller's address) scopes the failure throttle: guesses from one address slow
   * down that address only, so nobody can lock a user out by failing on purpose elsewhere.
   */
  async authenticate(headerValue: string, client: string): Promise<User> {
    const decoded = decodeHeader(headerValue);
    if (!decoded) {
      this.#audit.recordAuthEvent({
        event: 'password_auth',
        outcome: 'failure',
        method: 'password',
        client,
        reason: 'malformed',
      });
      throw new KintoneError('CB_WA01');
    }
    // Successes are not recorded: clients send the password on every request.
    return this.#check(decoded.loginName, decoded.password, client, 'password');
  }

  /**
   * The same check for a login name and password typed into the login form, with the same
   * throttle and the same single failure.
   */
  async verifyLogin(loginName: string, password: string, client: string): Promise<User> {
    const user = await this.#check(loginName, password, client, 'login_form');
    this.#audit.recordAuthEvent({
      event: 'login',
      outcome: 'success',
      method: 'login_form',
      userId: user.id,
      loginName: user.loginName,
      client,
    });
    return user;
  }

  async #check(
    loginName: string,
    password: string,
    client: string,
    method: AuthMethod,
  ): Promise<User> {
    const refuse = (reason: string, user?: User): never => {
      this.#audit.recordAuthEvent({
        event: method === 'login_form' ? 'login' : 'password_auth',
        outcome: 'failure',
        method,
        client,
        reason,
        ...(user ? { userId: user.id, loginName: user.loginName } : {}),
      });
      throw new KintoneError('CB_WA01');
    };

    // A NUL cannot reach PostgreSQL, and no login name or password holds control characters.
    if (loginName === '' || /[\u0000-\u001f]/.test(loginName + password)) {
      return refuse('malformed');
    }

    const attempt = `${client}\0${loginName}`;
    if (this.#throttle.isBlocked(attempt)) return refuse('throttled');

    let user = await this.#users.recentByLoginName(loginName);
    let verified = user !== undefined && (await this.#verifyCached(user, password));
    if (user && (!verified || !user.enabled)) {
      // Refusals are decided on the stored row: the remembered one may be up to a second old,
      // from before another process gave the user a new password or enabled them again.
      const stored = await this.#users.findByLoginName(loginName);
      if (stored && stored.passwordHash !== user.passwordHash) {
        verified = await this.#verifyCached(stored, password);
      }
      user = stored;
    }

    if (!user) {
      await verifyAgainstNobody(password);
      this.#throttle.recordFailure(attempt);
      return refuse('unknown_user');
    }

    if (!verified) {
      this.#throttle.recordFailure(attempt);
      return refuse('wrong_password', user);
    }

    // Checked after the password so that a wrong password for a disabled user looks the same.
    if (!user.enabled) return refuse('disabled', user);

    this.#throttle.recordSuccess(attempt);
    return user;
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
    if (ok) this.#cache.remember(key, user.id);
    return ok;
  }
}

/** Refuses bytes that are not UTF-8; one decoder serves every request (a call is complete). */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * base64 of UTF-8 `login:password`; the password may itself contain colons.
 *
 * Bytes that are not UTF-8 and C0 control characters are refused here, before any lookup, so
 * they never reach the store: PostgreSQL fails on a NUL in a text parameter, and a lenient
 * decoder would turn different byte strings into the same U+FFFD login.
 */
function decodeHeader(value: string): { loginName: string; password: string } | null {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || trimmed.length % 4 !== 0) return null;

  let text: string;
  try {
    const bytes = Buffer.from(trimmed, 'base64');
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return null;
  }
  if (/[\u0000-\u001f]/.test(text)) return null;

  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { loginName: text.slice(0, colon), password: text.slice(colon + 1) };
}
