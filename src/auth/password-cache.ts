import { hash } from 'node:crypto';
import { randomKey } from '../crypto/digest.js';

/**
 * Remembers, for a short while, that a user's password was verified, so a client that sends its
 * password on every request (as Kintone clients do) pays for one Argon2 verification per TTL
 * instead of one per request.
 *
 * Entries are SHA-256 digests keyed by a secret that exists only in this process, over the user
 * id, the password and the stored hash: a changed password or hash misses at once, and a memory
 * dump yields nothing usable elsewhere. Only successes are cached; the size is bounded and the
 * oldest entry goes first. A user's entries can also be dropped at once, when any instance
 * changes that user.
 */
export class VerifiedPasswordCache {
  readonly #key = randomKey().toString('hex');
  readonly #entries = new Map<string, { expiry: number; userId: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlSeconds: number; maxEntries: number; now?: () => number }) {
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  keyFor(userId: number, password: string, passwordHash: string): string {
    // SHA-256 over the key and NUL-ended parts, not an HMAC: the digest never leaves this
    // process and is only compared with others made the same way, so HMAC's defence against
    // length extension buys nothing, while its setup costs several times the hash on every
    // password request.
    return hash('sha256', `${this.#key}\0${userId}\0${password}\0${passwordHash}\0`, 'hex');
  }

  has(key: string): boolean {
    const entry = this.#entries.get(key);
    if (entry === undefined) return false;
    if (entry.expiry > this.#now()) return true;

    this.#entries.delete(key);
    return false;
  }

  remember(key: string, userId: number): void {
    if (this.#maxEntries === 0 || this.#ttlMs === 0) return;

    this.#entries.delete(key);
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, { expiry: this.#now() + this.#ttlMs, userId });
  }

  /** Drops every entry of one user; rare (an account change), so a scan is fine. */
  forgetUser(userId: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.userId === userId) this.#entries.delete(key);
    }
  }

  forgetAll(): void {
    this.#entries.clear();
  }
}
