/**
 * Slows down password guessing: after too many failures for one login name within a window,
 * further attempts for that name fail without being checked until the window has passed.
 * The answer is the same CB_WA01 either way, so the throttle reveals nothing about the account.
 */
export class FailureThrottle {
  readonly #failures = new Map<string, number[]>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #maxTracked: number;
  readonly #now: () => number;

  constructor(options: { limit?: number; windowSeconds?: number; now?: () => number } = {}) {
    this.#limit = options.limit ?? 10;
    this.#windowMs = (options.windowSeconds ?? 300) * 1000;
    this.#maxTracked = 10_000;
    this.#now = options.now ?? Date.now;
  }

  isBlocked(name: string): boolean {
    // Most names have never failed: answered without building the recent list.
    if (!this.#failures.has(name)) return false;
    return this.#recent(name).length >= this.#limit;
  }

  recordFailure(name: string): void {
    const recent = this.#recent(name);
    recent.push(this.#now());

    // Bounded memory: a flood of random names forgets the oldest names first.
    this.#failures.delete(name);
    if (this.#failures.size >= this.#maxTracked) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
    this.#failures.set(name, recent);
  }

  recordSuccess(name: string): void {
    this.#failures.delete(name);
  }

  #recent(name: string): number[] {
    const since = this.#now() - this.#windowMs;
    return (this.#failures.get(name) ?? []).filter((at) => at > since);
  }
}
