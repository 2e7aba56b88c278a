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
  ['POST', 'preview/app', false],
  ['GET', 'preview/app/form/fields', true],
  ['POST', 'preview/app/form/fields', true],
  ['PUT', 'preview/app/form/fields', true],
  ['DELETE', 'preview/app/form/fields', true],
  ['PUT', 'preview/app/form/layout', true],
  ...settingsPair('app/views'),
  ...settingsPair('app/settings'),
  ['PUT', 'preview/app/status', true],
  ...settingsPair('app/customize'),
  ...settingsPair('app/notifications/general'),
  ...settingsPair('app/notifications/perRecord'),
  ...settingsPair('app/notifications/reminder'),
  ...settingsPair('app/reports'),
  ...settingsPair('app/actions'),
  ...settingsPair('app/adminNotes'),
  ['GET', 'app/plugins', true],
  ['GET', 'preview/app/plugins', true],
  ['POST', 'preview/app/plugins', true],
  ['GET', 'preview/app/deploy', true],
  ['POST', 'preview/app/deploy', true],
  ['POST', 'app/move', false],
  ['GET', 'apps/statistics', false],
  ['GET', 'space', false],
  ['PUT', 'space', false],
  ['DELETE', 'space', false],
  ['PUT', 'space/body', false],
  ['GET', 'space/members', false],
  ['PUT', 'space/members', false],
  ['POST', 'space/thread', false],
  ['PUT', 'space/thread', false],
  ['POST', 'space/thread/comment', false],
  ['PUT', 'space/guests', false],
  ['POST', 'guests', false],
  ['DELETE', 'guests', false],
  ['POST', 'template/space', false],
  ['GET', 'spaces/statistics', false],
  ['GET', 'plugins', false],
  ['GET', 'plugins/required', false],
  ['GET', 'plugin/apps', false],
  ['POST', 'plugin', false],
  ['PUT', 'plugin', false],
  ['DELETE', 'plugin', false],
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
const NO_SCOPE =
  /^(space|guests|template|plugins?|plugin\/|search|apps\/statistics|spaces\/|app\/move|app\/plugins|preview\/app\/plugins)/;

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
