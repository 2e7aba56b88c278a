import { openApp, type AppOperation } from '../auth/app-access.js';
import type { ApiCall, Endpoint } from './endpoint.js';

/**
 * An app's process management as Kintone answers it; `states` and `actions` are null for an
 * app that never had it set. The live settings need the rights that open the form; the preview
 * needs app management. Both show the same settings: there is nothing to deploy.
 */
function readAppStatus(operation: AppOperation, stage: 'live' | 'preview') {
  return async (call: ApiCall) => {
    const app = await openApp(call, operation);
    // The preview answers the app's preview revision, as every other preview setting does.
    const revision =
      stage === 'live'
        ? app.revision
        : await call.services.store.appSettings.previewRevision(app.id);
    return {
      enable: app.status?.enable ?? false,
      states: app.status?.states ?? null,
      actions: app.status?.actions ?? null,
      revision: String(revision),
    };
  };
}

export const getAppStatus: Endpoint = {
  path: 'app/status',
  method: 'GET',
  scope: 'k:app_settings:read',
  acceptsApiToken: true,
  handle: readAppStatus('readForm', 'live'),
};

export const getPreviewAppStatus: Endpoint = {
  path: 'preview/app/status',
  method: 'GET',
  scope: 'k:app_settings:read',
  acceptsApiToken: true,
  handle: readAppStatus('manage', 'preview'),
};
