import { openApp, type AppOperation } from '../auth/app-access.js';
import type { ApiCall, Endpoint } from './endpoint.js';

/**
 * An app's process management as Kintone answers it; `states` and `actions` are null for an
 * app that never had it set. The live settings need the rights that open the form; the preview
 * needs app management. Both show the same settings: there is nothing to deploy.
 */
function readAppStatus(operation: AppOperation) {
  return async (call: ApiCall) => {
    const app = await openApp(call, operation);
    return {
      enable: app.status?.enable ?? false,
      states: app.status?.states ?? null,
      actions: app.status?.actions ?? null,
      revision: String(app.revision),
    };
  };
}

export const getAppStatus: Endpoint = {
  path: 'app/status',
  method: 'GET',
  scope: 'k:app_settings:read',
  acceptsApiToken: true,
  handle: readAppStatus('readForm'),
};

export const getPreviewAppStatus: Endpoint = {
  path: 'preview/app/status',
  method: 'GET',
  scope: 'k:app_settings:read',
  acceptsApiToken: true,
  handle: readAppStatus('manage'),
};
