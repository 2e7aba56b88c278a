import type { ApiCall } from '../api/endpoint.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { App, AppRights, TokenPermission } from '../store/types.js';
import { readPositiveId } from '../api/param-readers.js';
import { userRightsIn } from './app-permissions.js';
import { requestDay } from '../apps/request-day.js';

/**
 * What a call wants to do with an app. Each maps to the token checkbox it needs and to the app
 * permission a user needs; `readForm` is satisfied by any of view, add or manage, as Kintone
 * decided in 2024.
 */
export type AppOperation =
  'view' | 'add' | 'edit' | 'delete' | 'manage' | 'readForm' | 'readApp' | 'viewOrAdd';

const TOKEN_PERMISSIONS_FOR: Record<AppOperation, readonly TokenPermission[]> = {
  view: ['view'],
  add: ['add'],
  edit: ['edit'],
  delete: ['delete'],
  manage: ['manage'],
  readForm: ['view', 'add', 'manage'],
  readApp: ['view', 'add', 'edit', 'delete', 'manage'],
  viewOrAdd: ['view', 'add'],
};

const USER_RIGHTS_FOR: Record<AppOperation, ReadonlyArray<keyof AppRights>> = {
  view: ['recordViewable'],
  add: ['recordAddable'],
  edit: ['recordEditable'],
  delete: ['recordDeletable'],
  manage: ['appEditable'],
  readForm: ['recordViewable', 'recordAddable', 'appEditable'],
  readApp: [
    'recordViewable',
    'recordAddable',
    'recordEditable',
    'recordDeletable',
    'recordImportable',
    'recordExportable',
    'appEditable',
  ],
  viewOrAdd: ['recordViewable', 'recordAddable'],
};

/**
 * Permission check and resource checks for the app a call names, in Kintone's order:
 * the token must belong to the app (GAIA_AP15) and carry the checkbox (GAIA_NO01); the app must
 * exist (GAIA_AP01); and the path must match the app's space: a guest-space app only through
 * its own `/k/guest/{id}/v1/` path (GAIA_IL23 from `/k/v1/`), any other app never through a
 * guest path (CB_NO02). Last, a user needs the app permission for the operation (CB_NO02);
 * tokens answer for their app and skip app permissions, as in Kintone.
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
  await requireUserPermission(call, app, operation);
  countRequest(call, app.id);
  return app;
}

/** Which apps each call has been counted for, so one request counts once per app. */
const countedCalls = new WeakMap<ApiCall, Set<number>>();

/** Adds an allowed call to the app's daily request count (`apps/statistics.json`). */
function countRequest(call: ApiCall, appId: number): void {
  const counted = countedCalls.get(call) ?? new Set<number>();
  if (counted.has(appId)) return;
  counted.add(appId);
  countedCalls.set(call, counted);
  call.services.store.requestCounts.count(appId, requestDay(call.services));
}

/**
 * The caller must also be allowed a second operation on an app it has opened: upsert adding a
 * record, or setting who created a record, which needs app management. Tokens need the
 * checkbox (GAIA_NO01), users the app permission (CB_NO02).
 */
export async function requirePermission(
  call: ApiCall,
  app: App,
  operation: AppOperation,
): Promise<void> {
  if (call.principal.kind === 'token') {
    const permissions = call.principal.grants.get(app.id);
    if (!permissions || !TOKEN_PERMISSIONS_FOR[operation].some((p) => permissions[p])) {
      throw new KintoneError('GAIA_NO01');
    }
    return;
  }
  await requireUserPermission(call, app, operation);
}

async function requireUserPermission(
  call: ApiCall,
  app: App,
  operation: AppOperation,
): Promise<void> {
  if (call.principal.kind !== 'user') return;
  const rights = await userRightsIn(call.services.store, app, call.principal.user);
  if (!USER_RIGHTS_FOR[operation].some((right) => rights[right])) {
    throw new KintoneError('CB_NO02');
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
