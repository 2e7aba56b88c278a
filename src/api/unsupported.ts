import { KintoneError } from '../errors/kintone-error.js';
import type { Endpoint, EndpointScope, HttpMethod } from './endpoint.js';

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
  ['POST', 'template/space', false],
  ['POST', 'plugin', false],
  ['POST', 'search', false],
];

/** An app setting: read live or in preview, written in preview. */
function settingsPair(path: string): Array<readonly [HttpMethod, string, boolean]> {
  return [
    ['GET', path, true],
    ['GET', `preview/${path}`, true],
    ['PUT', `preview/${path}`, true],
  ];
}

/** Record APIs among the declared ones: OAuth scope `k:app_record:read` or `write`. */
const RECORD_APIS = new Set([
  'record/comment',
  'record/comments',
  'record/assignees',
  'record/status',
  'records/status',
  'records/acl/evaluate',
]);

/** APIs Kintone's OAuth scopes do not cover: no access token can call them. */
const NO_SCOPE = new RegExp(
  '^(space|guests|template|plugins?|plugin/|search|apps/statistics|spaces/|app/move' +
    '|app/plugins|preview/app/plugins)',
);

/**
 * The scope each declared API will need, from Kintone's scope list: record APIs by record
 * scopes, plugins, spaces, guests, statistics and search by none, and every other (app
 * settings, live or in preview) by the settings scopes, reading with GET.
 */
function scopeOf(method: HttpMethod, path: string): EndpointScope {
  if (RECORD_APIS.has(path)) return method === 'GET' ? 'k:app_record:read' : 'k:app_record:write';
  if (NO_SCOPE.test(path)) return null;
  return method === 'GET' ? 'k:app_settings:read' : 'k:app_settings:write';
}

export function unsupportedEndpoints(): Endpoint[] {
  return DECLARED.map(([method, path, acceptsApiToken]) => ({
    path,
    method,
    acceptsApiToken,
    scope: scopeOf(method, path),
    async handle() {
      throw new KintoneError('KL_NI01', { feature: `${method} /k/v1/${path}.json` });
    },
  }));
}
