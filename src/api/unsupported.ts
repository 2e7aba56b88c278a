import { KintoneError } from '../errors/kintone-error.js';
import type { Endpoint, HttpMethod } from './endpoint.js';

/**
 * Kintone APIs the official client can call that this server does not implement yet. They are
 * declared, not left to a generic 404: a caller gets 501 KL_NI01 naming the API, after the
 * same authentication as everything else (so a token still gets GAIA_NO01 on the APIs Kintone
 * closes to tokens).
 *
 * The third column says whether Kintone accepts API tokens there: record and per-app
 * settings APIs do; the app list and app creation, spaces, guests, plugins, statistics and
 * search do not.
 */
const DECLARED: ReadonlyArray<readonly [HttpMethod, string, boolean]> = [
  ['PUT', 'preview/app/status', true],
  ['POST', 'template/space', false],
  ['POST', 'plugin', false],
  ['POST', 'search', false],
];

export function unsupportedEndpoints(): Endpoint[] {
  return DECLARED.map(([method, path, acceptsApiToken]) => ({
    path,
    method,
    acceptsApiToken,
    async handle() {
      throw new KintoneError('KL_NI01', { feature: `${method} /k/v1/${path}.json` });
    },
  }));
}
