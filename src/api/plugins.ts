import { openApp } from '../auth/app-access.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiCall, Endpoint, HttpMethod } from './endpoint.js';
import { readList, readOptionalString } from './param-readers.js';
import { readPaging } from './settings/setting-readers.js';

/**
 * The plugin APIs, answered as a Kintone with no plugin installed would answer them:
 * installing a plugin (`POST plugin.json`) is not supported, so the lists are empty and every
 * API that names a plugin finds none. Managing the system's plugins needs a system
 * administrator; tokens are refused, as in Kintone.
 */
function pluginApi(method: HttpMethod, path: string, answer: (call: ApiCall) => unknown): Endpoint {
  return {
    path,
    method,
    acceptsApiToken: false,
    // Kintone's OAuth scopes do not open the plugin APIs.
    scope: null,
    async handle(call) {
      if (call.principal.kind !== 'user' || !call.principal.user.isAdmin) {
        throw new KintoneError('CB_NO02');
      }
      return answer(call);
    },
  };
}

function noSuchPlugin(call: ApiCall, key = 'id'): never {
  const id = readOptionalString(call.params[key], key) ?? '';
  throw new KintoneError('KL_PL01', { id });
}

export const pluginEndpoints: Endpoint[] = [
  pluginApi('GET', 'plugins', (call) => {
    readPaging(call.params);
    return { plugins: [] };
  }),
  pluginApi('GET', 'plugins/required', (call) => {
    readPaging(call.params);
    return { plugins: [] };
  }),
  pluginApi('GET', 'plugin/apps', (call) => noSuchPlugin(call)),
  pluginApi('PUT', 'plugin', (call) => noSuchPlugin(call)),
  pluginApi('DELETE', 'plugin', (call) => noSuchPlugin(call)),
];

/** `POST preview/app/plugins.json`: no plugin is installed, so the first id names none. */
export const addAppPlugins: Endpoint = {
  path: 'preview/app/plugins',
  method: 'POST',
  acceptsApiToken: true,
  scope: null,
  async handle(call) {
    const ids = readList(call.params.ids, 'ids', { min: 1, max: 100 });
    await openApp(call, 'manage');
    throw new KintoneError('KL_PL01', { id: String(ids[0]) });
  },
};
