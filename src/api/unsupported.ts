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
  ['POST', 'record/comment', true],
  ['DELETE', 'record/comment', true],
  ['GET', 'record/comments', true],
  ['PUT', 'record/assignees', true],
  ['PUT', 'record/status', true],
  ['PUT', 'records/status', true],
  ...settingsPair('field/acl'),
  ['PUT', 'preview/app/acl', true],
  ...settingsPair('record/acl'),
  ['GET', 'records/acl/evaluate', true],
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
