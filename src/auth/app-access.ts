import type { ApiCall } from '../api/endpoint.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { App, TokenPermission } from '../store/types.js';
import { readPositiveId } from '../api/param-readers.js';

/**
 * What a call wants to do with an app. Each maps to the token checkbox it needs; `readForm`
 * is satisfied by any of view, add or manage, as Kintone decided in 2024.
 */
export type AppOperation = 'view' | 'add' | 'edit' | 'delete' | 'manage' | 'readForm' | 'readApp';

const TOKEN_PERMISSIONS_FOR: Record<AppOperation, readonly TokenPermission[]> = {
  view: ['view'],
  add: ['add'],
  edit: ['edit'],
  delete: ['delete'],
  manage: ['manage'],
  readForm: ['view', 'add', 'manage'],
  readApp: ['view', 'add', 'edit', 'delete', 'manage'],
};

/**
 * Permission check and resource checks for the app a call names, in Kintone's order:
 * the token must belong to the app (GAIA_AP15) and carry the checkbox (GAIA_NO01); the app must
 * exist (GAIA_AP01); and the path must match the app's space: a guest-space app only through
 * its own `/k/guest/{id}/v1/` path (GAIA_IL23 from `/k/v1/`), any other app never through a
 * guest path (CB_NO02).
 */
export async function openApp(
  call: ApiCall,
  operation: AppOperation,
  appParam: { value: unknown; key: string } = { value: call.params.app, key: 'app' },
): Promise<App> {
  const appId = readPositiveId(appParam.value, appParam.key);

  if (call.principal.kind === 'token') {
    const permissions = call.principal.grants.get(appId);
    if (!permissions) throw new KintoneError('GAIA_AP15', { app: appId });
    const allowed = TOKEN_PERMISSIONS_FOR[operation].some((p) => permissions[p]);
    if (!allowed) throw new KintoneError('GAIA_NO01');
  }

  const app = await call.services.store.apps.find(appId);
  if (!app) throw new KintoneError('GAIA_AP01', { app: appId });

  await checkSpacePath(call, app);
  return app;
}

/**
 * Setting who created or updated a record needs app management. For tokens that is the manage
 * checkbox; for users, until app permissions exist, administrators and the app's creator (who
 * manages a new app by default in Kintone).
 */
export function requireManagePermission(call: ApiCall, app: App): void {
  if (call.principal.kind === 'token') {
    requireTokenPermission(call, app, 'manage');
    return;
  }
  const user = call.principal.user;
  if (!user.isAdmin && user.loginName !== app.creator.code) throw new KintoneError('CB_NO02');
}

/** The token must also allow a second operation, e.g. upsert adding a record. */
export function requireTokenPermission(call: ApiCall, app: App, operation: AppOperation): void {
  if (call.principal.kind !== 'token') return;
  const permissions = call.principal.grants.get(app.id);
  if (!permissions || !TOKEN_PERMISSIONS_FOR[operation].some((p) => permissions[p])) {
    throw new KintoneError('GAIA_NO01');
  }
}

async function checkSpacePath(call: ApiCall, app: App): Promise<void> {
  const spaces = call.services.store.spaces;
  const space = app.spaceId === null ? undefined : await spaces.find(app.spaceId);
  const appIsInGuestSpace = space?.isGuest === true;

  if (appIsInGuestSpace && call.guestSpaceId === null) throw new KintoneError('GAIA_IL23');
  if (call.guestSpaceId !== null && call.guestSpaceId !== space?.id) {
    throw new KintoneError('CB_NO02');
  }
  if (call.guestSpaceId !== null && !appIsInGuestSpace) throw new KintoneError('CB_NO02');

  // An app in a space is reachable only by the space's members; tokens answer for their app.
  if (space && call.principal.kind === 'user') {
    if (!(await spaces.isMember(space.id, call.principal.user.id)))
      throw new KintoneError('CB_NO02');
  }
}
