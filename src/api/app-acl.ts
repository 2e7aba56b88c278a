import { openApp } from '../auth/app-access.js';
import { appAclOf } from '../auth/app-permissions.js';
import type { ApiCall, Endpoint } from './endpoint.js';

/**
 * An app's permissions, in evaluation order, as Kintone answers them. Reading them needs app
 * management: the manage checkbox for a token, the app permission for a user. There is no
 * separate preview: the settings in effect are also the ones being edited.
 */
async function readAppAcl(call: ApiCall) {
  const app = await openApp(call, 'manage');
  const rights = await appAclOf(call.services.store, app);
  return { rights, revision: String(app.revision) };
}

export const getAppAcl: Endpoint = {
  path: 'app/acl',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_settings:read',
  handle: readAppAcl,
};

export const getPreviewAppAcl: Endpoint = {
  path: 'preview/app/acl',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_settings:read',
  handle: readAppAcl,
};
