import { hmacHex, randomKey } from '../crypto/digest.js';

/**
 * Remembers, for a short while, that a user's password was verified, so a client that sends its
 * password on every request (as Kintone clients do) pays for one Argon2 verification per TTL
 * instead of one per request.
 *
 * Entries are HMACs under a key that exists only in this process, over the user id, the
 * password and the stored hash: a changed password or hash misses at once, and a memory dump
 * yields nothing usable elsewhere. Only successes are cached; the size is bounded and the
 * oldest entry goes first.
 */
export class VerifiedPasswordCache {
  readonly #key = randomKey();
  readonly #expiries = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: { ttlSeconds: number; maxEntries: number; now?: () => number }) {
    this.#ttlMs = options.ttlSeconds * 1000;
    this.#maxEntries = options.maxEntries;
    this.#now = options.now ?? Date.now;
  }

  keyFor(userId: number, password: string, passwordHash: string): string {
    return hmacHex(this.#key, String(userId), password, passwordHash);
  }

  has(key: string): boolean {
    const expiry = this.#expiries.get(key);
    if (expiry === undefined) return false;
    if (expiry > this.#now()) return true;

    this.#expiries.delete(key);
    return false;
  }

  remember(key: string): void {
    if (this.#maxEntries === 0 || this.#ttlMs === 0) return;

    this.#expiries.delete(key);
    if (this.#expiries.size >= this.#maxEntries) {
      const oldest = this.#expiries.keys().next().value;
      if (oldest !== undefined) this.#expiries.delete(oldest);
    }
    this.#expiries.set(key, this.#now() + this.#ttlMs);
  }
}
