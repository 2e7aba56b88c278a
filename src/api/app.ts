import { openApp } from '../auth/app-access.js';
import type { App } from '../store/types.js';
import type { Endpoint } from './endpoint.js';

/** An app as `GET app.json` shows it: ids and revisions as strings, as Kintone sends them. */
export function appInfo(app: App) {
  return {
    appId: String(app.id),
    code: app.code,
    name: app.name,
    description: app.description,
    spaceId: app.spaceId === null ? null : String(app.spaceId),
    threadId: app.threadId === null ? null : String(app.threadId),
    createdAt: app.createdAt,
    creator: app.creator,
    modifiedAt: app.modifiedAt,
    modifier: app.modifier,
  };
}

export const getApp: Endpoint = {
  path: 'app',
  method: 'GET',
  // cli-kintone's token-only `record delete` reads the app, so tokens are accepted here.
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'readApp', { value: call.params.id, key: 'id' });
    return appInfo(app);
  },
};

/** The apps list; Kintone does not open it to API tokens. */
export const getApps: Endpoint = {
  path: 'apps',
  method: 'GET',
  acceptsApiToken: false,
  async handle(call) {
    const apps = await call.services.store.apps.list();
    const spaces = new Map((await call.services.store.spaces.list()).map((s) => [s.id, s]));

    // On a guest path only that guest space's apps are listed; on /k/v1/ the others.
    const visible = apps.filter((app) => {
      const space = app.spaceId === null ? undefined : spaces.get(app.spaceId);
      if (call.guestSpaceId !== null) return space?.id === call.guestSpaceId && space.isGuest;
      return !space?.isGuest;
    });

    const offset = call.params.offset === undefined ? 0 : Number(call.params.offset);
    const limit = call.params.limit === undefined ? 100 : Number(call.params.limit);
    return { apps: visible.slice(offset, offset + limit).map(appInfo) };
  },
};
