import { openApp } from '../../auth/app-access.js';
import type { Endpoint } from '../endpoint.js';

/**
 * `app/plugins`: the plugins an app uses. kintone-local installs no plugins, so the list is
 * always empty; the revision is the live or preview one as in Kintone.
 */
export const getAppPlugins: Endpoint = {
  path: 'app/plugins',
  method: 'GET',
  acceptsApiToken: true,
  scope: null,
  async handle(call) {
    const app = await openApp(call, 'manage');
    return { plugins: [], revision: String(app.revision) };
  },
};

export const getPreviewAppPlugins: Endpoint = {
  path: 'preview/app/plugins',
  method: 'GET',
  acceptsApiToken: true,
  scope: null,
  async handle(call) {
    const app = await openApp(call, 'manage');
    const revision = await call.services.store.appSettings.previewRevision(app.id);
    return { plugins: [], revision: String(revision) };
  },
};
