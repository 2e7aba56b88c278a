import { openApp } from '../../auth/app-access.js';
import { actorOf } from '../../auth/principal.js';
import { KintoneError } from '../../errors/kintone-error.js';
import { StaleRevisionError, type Deployer } from '../../store/app-settings.js';
import type { Store } from '../../store/store.js';
import type { App } from '../../store/types.js';
import { DEPLOYABLE_SETTINGS } from '../../apps/update-app.js';
import type { ApiCall, Endpoint } from '../endpoint.js';
import { readList, readObject, readOptionalBoolean, readRevision } from '../param-readers.js';

/**
 * What a deploy runs for each app, inside its one transaction: every setting that waits for
 * "Update App" (src/apps/update-app.ts), so this API and the settings pages deploy alike.
 */
function deployersFor(store: Store): Deployer[] {
  return DEPLOYABLE_SETTINGS.map((setting) => (trx, appId) => setting.deploy(trx, store, appId));
}

function discardersFor(store: Store): Deployer[] {
  return DEPLOYABLE_SETTINGS.map((setting) => (trx, appId) => setting.discard(trx, store, appId));
}

/** Kintone deploys up to 300 apps in one call. */
const MOST_APPS = 300;

/**
 * `POST preview/app/deploy.json`: makes the preview settings of the named apps live, or with
 * `revert: true` discards them. All apps or none: a revision mismatch on any leaves every app
 * as it was. The deploy is done before the call answers, so the status is SUCCESS at once.
 */
export const deployApps: Endpoint = {
  path: 'preview/app/deploy',
  method: 'POST',
  acceptsApiToken: true,
  scope: 'k:app_settings:write',
  async handle(call) {
    const requested = readList(call.params.apps, 'apps', { min: 1, max: MOST_APPS }).map(
      (entry, i) => {
        const item = readObject(entry, `apps[${i}]`);
        return { item, revision: readRevision(item.revision, `apps[${i}].revision`), i };
      },
    );
    const revert = readOptionalBoolean(call.params.revert, 'revert');

    const apps: App[] = [];
    for (const { item, i } of requested) {
      apps.push(await openApp(call, 'manage', { value: item.app, key: `apps[${i}].app` }));
    }
    const store = call.services.store;

    if (revert) {
      await store.appSettings.revert(
        apps.map((app) => app.id),
        discardersFor(store),
      );
      return {};
    }
    try {
      await store.appSettings.deploy(
        apps.map((app, i) => ({ appId: app.id, expectedRevision: requested[i]?.revision ?? null })),
        deployersFor(store),
        { ...actorOf(call.principal), at: timestamp(call) },
      );
    } catch (error) {
      if (error instanceof StaleRevisionError) throw new KintoneError('GAIA_CO02');
      throw error;
    } finally {
      await store.apiTokens.announceChange();
      for (const app of apps) await store.apps.changed(app.id);
    }
    return {};
  },
};

/** `GET preview/app/deploy.json`: each named app's deploy status. */
export const getDeployStatus: Endpoint = {
  path: 'preview/app/deploy',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_settings:read',
  async handle(call) {
    const ids = readList(call.params.apps, 'apps', { min: 1, max: MOST_APPS });
    const statuses = [];
    for (const [i, id] of ids.entries()) {
      const app = await openApp(call, 'manage', { value: id, key: `apps[${i}]` });
      statuses.push({ app: String(app.id), status: 'SUCCESS' });
    }
    return { apps: statuses };
  },
};

function timestamp(call: ApiCall): string {
  return call.services
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}
