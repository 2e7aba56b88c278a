import type { FastifyInstance } from 'fastify';
import { KintoneError } from '../errors/kintone-error.js';

/**
 * Kintone serves at most 100 concurrent API requests per domain and answers the one beyond
 * with 429 GAIA_TO04. Every API response carries the limit and the number running, in the
 * headers Kintone uses. The count is per instance: behind a load balancer each instance
 * applies the limit to its own share.
 */
export function applyConcurrencyLimit(app: FastifyInstance, limit: number): void {
  let running = 0;

  app.addHook('onRequest', async (request, reply) => {
    if (!isApiPath(request.url)) return;

    running += 1;
    let released = false;
    // 'close' fires for finished and for abandoned requests alike, so the count never leaks.
    reply.raw.once('close', () => {
      if (!released) running -= 1;
      released = true;
    });

    reply.header('x-concurrencylimit-limit', String(limit));
    reply.header('x-concurrencylimit-running', String(running));
    if (running > limit) {
      reply.header('cache-control', 'no-cache, no-store, must-revalidate');
      throw new KintoneError('GAIA_TO04');
    }
  });
}

function isApiPath(url: string): boolean {
  return url.startsWith('/k/v1/') || url.startsWith('/k/guest/');
}
