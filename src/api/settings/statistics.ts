import { userRightsIn } from '../../auth/app-permissions.js';
import { isSystemFieldType } from '../../kintone/fields/system-fields.js';
import { requestDay } from '../../apps/request-day.js';
import type { Endpoint } from '../endpoint.js';
import { readPaging } from './setting-readers.js';

/**
 * `GET apps/statistics.json`: usage of the apps the caller manages, 1 to 100 at a time. The
 * daily request count is today's, in the server's time zone, from every instance; the webhook
 * count is "0" (there are none).
 */
export const getAppsStatistics: Endpoint = {
  path: 'apps/statistics',
  method: 'GET',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { offset, limit } = readPaging(call.params);
    const store = call.services.store;
    const managed = [];
    for (const app of await store.apps.list()) {
      if (call.principal.kind !== 'user') break;
      const rights = await userRightsIn(store, app, call.principal.user);
      if (rights.appEditable) managed.push(app);
    }

    const today = requestDay(call.services);
    const apps = [];
    for (const app of managed.slice(offset, offset + limit)) {
      const space = app.spaceId === null ? undefined : await store.spaces.find(app.spaceId);
      const preview = await store.appSettings.previewRevision(app.id);
      const customize = await store.customize.forApp(app.id);
      apps.push({
        id: String(app.id),
        name: app.name,
        space: space ? { id: String(space.id), name: space.name } : null,
        appGroup: '',
        status: preview === app.revision ? 'ACTIVATED' : 'CHANGED',
        recordUpdatedAt: app.modifiedAt,
        recordCount: String(await store.records.count(app.id, null)),
        fieldCount: String(
          Object.values(app.properties).filter((f) => !isSystemFieldType(f.type)).length,
        ),
        dailyRequestCount: String(await store.requestCounts.dailyCount(app.id, today)),
        apiTokenCount: String(await store.apiTokens.countForApp(app.id)),
        webhookCount: '0',
        storageUsage: String(await store.files.usage(app.id)),
        customized: customize.js.length + customize.css.length > 0,
        creator: app.creator,
        createdAt: app.createdAt,
        modifier: app.modifier,
        modifiedAt: app.modifiedAt,
      });
    }
    return { apps };
  },
};
