import type { Store } from '../store/store.js';
import {
  ADMINISTRATORS_GROUP,
  EVERYONE_GROUP,
  type AclEntity,
  type App,
  type AppAclEntry,
  type AppRights,
  type User,
} from '../store/types.js';

export { ADMINISTRATORS_GROUP, EVERYONE_GROUP };

const ALL_RECORD_RIGHTS = {
  recordViewable: true,
  recordAddable: true,
  recordEditable: true,
  recordDeletable: true,
  recordImportable: true,
  recordExportable: true,
};

/**
 * The permissions of a new Kintone app: its creator may do everything, including managing the
 * app; everyone else may do everything with records but not manage the app.
 */
export const DEFAULT_APP_ACL: readonly AppAclEntry[] = [
  {
    entity: { type: 'CREATOR', code: null },
    includeSubs: false,
    appEditable: true,
    ...ALL_RECORD_RIGHTS,
  },
  {
    entity: { type: 'GROUP', code: EVERYONE_GROUP },
    includeSubs: false,
    appEditable: false,
    ...ALL_RECORD_RIGHTS,
  },
];

export const NO_RIGHTS: AppRights = {
  appEditable: false,
  recordViewable: false,
  recordAddable: false,
  recordEditable: false,
  recordDeletable: false,
  recordImportable: false,
  recordExportable: false,
};

/** An app's permission entries in evaluation order: its own, or the defaults. */
export async function appAclOf(store: Store, app: App): Promise<readonly AppAclEntry[]> {
  return (await store.permissions.find(app.id, 'app', 'live')) ?? DEFAULT_APP_ACL;
}

/**
 * What a user may do in an app. Entries are evaluated top to bottom and the first one that
 * names the user, one of the user's groups or (for the app's creator) CREATOR decides; a user
 * no entry names has no rights. Administrators get nothing implicit: the app's entries apply.
 */
export async function userRightsIn(store: Store, app: App, user: User): Promise<AppRights> {
  const entries = await appAclOf(store, app);
  for (const entry of entries) {
    const { entity } = entry;
    const named =
      namesWithoutLookup(app, user, entity) ??
      (entity.type === 'GROUP' && (await store.groups.isMember(entity.code, user.id)));
    if (named) return rightsOf(entry);
  }
  return NO_RIGHTS;
}

/** Whether a user has any right in an app, as listing and opening it needs. */
export async function userMayOpen(store: Store, app: App, user: User): Promise<boolean> {
  const rights = await userRightsIn(store, app, user);
  return Object.values(rights).some(Boolean);
}

/**
 * Whether an entry names the user, when that is known without the store; undefined for a
 * group of the user's own making, whose members are in the store. Every user call evaluates
 * the app's entries, most of them users, the creator or the built-in groups.
 */
function namesWithoutLookup(app: App, user: User, entity: AclEntity): boolean | undefined {
  if (entity.type === 'USER') return entity.code === user.loginName;
  if (entity.type === 'CREATOR') return app.creator.code === user.loginName;
  if (entity.code === EVERYONE_GROUP) return true;
  if (entity.code === ADMINISTRATORS_GROUP) return user.isAdmin;
  return undefined;
}

function rightsOf(entry: AppAclEntry): AppRights {
  return {
    appEditable: entry.appEditable,
    recordViewable: entry.recordViewable,
    recordAddable: entry.recordAddable,
    recordEditable: entry.recordEditable,
    recordDeletable: entry.recordDeletable,
    recordImportable: entry.recordImportable,
    recordExportable: entry.recordExportable,
  };
}
