import type { FastifyReply } from 'fastify';
import { LRUCache } from 'lru-cache';
import { seeOther } from './forms.js';

/** What a page says once after a form was saved; `secret` is a token shown only this time. */
export interface Notice {
  message: string;
  secret?: string;
}

/**
 * Messages carried from a POST to the page its 303 leads to, once, per session and page: a
 * message waits for exactly the URL it was left for, so opening another page in between loses
 * nothing. They live only in this process and for a few minutes: a newly generated API token's
 * value waits here for the page that shows it, and is gone as soon as that page was rendered.
 */
export class OneTimeNotices {
  readonly #waiting = new LRUCache<string, Notice>({ max: 10_000, ttl: 5 * 60 * 1000 });

  put(sessionId: string, location: string, notice: Notice): void {
    this.#waiting.set(`${sessionId} ${location}`, notice);
  }

  take(sessionId: string, location: string): Notice | undefined {
    const key = `${sessionId} ${location}`;
    const notice = this.#waiting.get(key);
    this.#waiting.delete(key);
    return notice;
  }
}

/** The 303 after a POST, leaving the page it leads to a message to show once. */
export function seeOtherWithNotice(
  reply: FastifyReply,
  notices: OneTimeNotices,
  sessionId: string,
  location: string,
  notice: Notice,
): FastifyReply {
  notices.put(sessionId, location, notice);
  return seeOther(reply, location);
}
