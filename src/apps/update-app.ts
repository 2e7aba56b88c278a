import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import {
  deployPermissionPreviews,
  discardPermissionPreviews,
  hasPermissionPreviews,
} from '../store/permission-settings.js';
import type { Store } from '../store/store.js';

/**
 * One kind of app setting that waits for "Update App": it applies the app's saved settings
 * inside the deployment's transaction, and tells whether anything is waiting.
 */
export interface DeployableSetting {
  hasUndeployed(store: Store, appId: number): Promise<boolean>;
  deploy(trx: Kysely<Schema>, store: Store, appId: number): Promise<void>;
  /** Drops the saved settings, leaving those in use as they are. */
  discard(trx: Kysely<Schema>, store: Store, appId: number): Promise<void>;
}

/** API tokens: drafts, changed checkboxes and notes, regenerated values and removals. */
const apiTokenSettings: DeployableSetting = {
  hasUndeployed: (store, appId) => store.apiTokens.hasUndeployed(appId),
  deploy: (trx, store, appId) => store.apiTokens.deploy(trx, appId),
  discard: (trx, store, appId) => store.apiTokens.discard(trx, appId),
};

/** App, record and field permissions written in preview (the `preview/...acl.json` APIs). */
const permissionSettings: DeployableSetting = {
  hasUndeployed: (store, appId) => hasPermissionPreviews(store.database.db, appId),
  deploy: (trx, _store, appId) => deployPermissionPreviews(trx, appId),
  discard: (trx, _store, appId) => discardPermissionPreviews(trx, appId),
};

/** Every setting "Update App" applies, in order; a new kind of setting joins this list. */
export const DEPLOYABLE_SETTINGS: readonly DeployableSetting[] = [
  permissionSettings,
  apiTokenSettings,
];

/**
 * Kintone's "Update App": applies everything saved in the app's settings at once, all or
 * nothing. Then every instance forgets the tokens it remembers, so the result is seen at once.
 */
export async function updateApp(store: Store, appId: number): Promise<void> {
  await store.database.db.transaction().execute(async (trx) => {
    for (const setting of DEPLOYABLE_SETTINGS) await setting.deploy(trx, store, appId);
  });
  await store.apiTokens.announceChange();
}

/** Kintone's "Cancel Changes": drops everything saved since the last "Update App". */
export async function discardAppChanges(store: Store, appId: number): Promise<void> {
  await store.database.db.transaction().execute(async (trx) => {
    for (const setting of DEPLOYABLE_SETTINGS) await setting.discard(trx, store, appId);
  });
}

/** Whether the app's settings hold anything "Update App" would apply. */
export async function hasUndeployedSettings(store: Store, appId: number): Promise<boolean> {
  for (const setting of DEPLOYABLE_SETTINGS) {
    if (await setting.hasUndeployed(store, appId)) return true;
  }
  return false;
}
