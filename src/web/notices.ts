import { LRUCache } from 'lru-cache';

/** What a page says once after a form was saved; `secret` is a token shown only this time. */
export interface Notice {
  message: string;
  secret?: string;
}

/**
 * Messages carried from a POST to the page its 303 leads to, once, per session. They live only
 * in this process and for a few minutes: a newly generated API token's value waits here for
 * the page that shows it, and is gone as soon as that page was rendered.
 */
export class OneTimeNotices {
  readonly #waiting = new LRUCache<string, Notice>({ max: 10_000, ttl: 5 * 60 * 1000 });

  put(sessionId: string, notice: Notice): void {
    this.#waiting.set(sessionId, notice);
  }

  take(sessionId: string): Notice | undefined {
    const notice = this.#waiting.get(sessionId);
    this.#waiting.delete(sessionId);
    return notice;
  }
}
