/**
 * Caps how many record-write transactions one instance keeps open at once.
 *
 * A write transaction holds a pooled connection while it waits for its app's row lock, and the
 * permission checks inside it read through other pooled connections (prepared reads). Without a
 * cap, a burst of writes to one app fills the pool with transactions queued on the lock, and
 * the one holding the lock waits forever for a connection to read with. Writers beyond the cap
 * wait here, holding nothing.
 */
export class WriteSlots {
  readonly #capacity: number;
  readonly #waiting: (() => void)[] = [];
  #used = 0;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.#used >= this.#capacity) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#used += 1;
    }

    try {
      return await work();
    } finally {
      // The slot passes straight to the next writer in line, or is given back.
      const next = this.#waiting.shift();
      if (next) next();
      else this.#used -= 1;
    }
  }
}
