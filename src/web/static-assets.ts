import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

/** The page script and style sheet, in `assets/` beside `src/` and `dist/` alike. */
const ASSETS = {
  'kintone.js': 'text/javascript; charset=utf-8',
  'kintone.css': 'text/css; charset=utf-8',
} as const;

/** Serves `/k/static/kintone.js` and `/k/static/kintone.css`, read once at startup. */
export function mountStaticAssets(app: FastifyInstance): void {
  for (const [name, type] of Object.entries(ASSETS)) {
    const content = readFileSync(new URL(`../../assets/${name}`, import.meta.url));
    app.get(`/k/static/${name}`, async (_request, reply) =>
      reply
        .header('content-type', type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-cache')
        .send(content),
    );
  }
}
