import { openApp } from '../auth/app-access.js';
import { userMayOpen } from '../auth/app-permissions.js';
import { invalidInput } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { ApiParams } from '../http/params.js';
import type { App } from '../store/types.js';
import { readList, readOptionalString, readPositiveId } from './param-readers.js';
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
  scope: 'k:app_settings:read',
  async handle(call) {
    const app = await openApp(call, 'readApp', { value: call.params.id, key: 'id' });
    return appInfo(app);
  },
};

/** The apps list, of the apps the user may open; Kintone does not open it to API tokens. */
export const getApps: Endpoint = {
  path: 'apps',
  method: 'GET',
  acceptsApiToken: false,
  scope: 'k:app_settings:read',
  async handle(call) {
    const filter = readAppsFilter(call.params);
    const store = call.services.store;
    const spaces = new Map((await store.spaces.list()).map((s) => [s.id, s]));
    const memberOf =
      call.principal.kind === 'user'
        ? await store.spaces.memberSpaceIds(call.principal.user.id)
        : new Set<number>();

    const visible: App[] = [];
    for (const app of await store.apps.list()) {
      const space = app.spaceId === null ? undefined : spaces.get(app.spaceId);
      // A guest path lists only that guest space's apps; /k/v1/ lists the others.
      const onThisPath =
        call.guestSpaceId !== null
          ? space?.id === call.guestSpaceId && space.isGuest
          : !space?.isGuest;
      const reachable = !space || memberOf.has(space.id);
      if (!onThisPath || !reachable || !filter.matches(app)) continue;
      // Apps in which the user's permissions grant nothing are not listed.
      if (call.principal.kind === 'user' && !(await userMayOpen(store, app, call.principal.user)))
        continue;
      visible.push(app);
    }

    return { apps: visible.slice(filter.offset, filter.offset + filter.limit).map(appInfo) };
  },
};

/** `apps.json` filters: ids, codes, a name fragment, space ids, and paging of 1 to 100. */
function readAppsFilter(params: ApiParams) {
  const ids = optionalList(params.ids, 'ids').map((v, i) => readPositiveId(v, `ids[${i}]`));
  const codes = optionalList(params.codes, 'codes').map(String);
  const spaceIds = optionalList(params.spaceIds, 'spaceIds').map((v, i) =>
    readPositiveId(v, `spaceIds[${i}]`),
  );
  const name = readOptionalString(params.name, 'name')?.toLowerCase();
  const limit = params.limit === undefined ? 100 : readPositiveId(params.limit, 'limit');
  if (limit > 100)
    throw invalidInput([{ key: 'limit', text: inputMessage('AT_MOST', { max: 100 }) }]);
  const offset =
    params.offset === undefined || params.offset === '0' || params.offset === 0
      ? 0
      : readPositiveId(params.offset, 'offset');

  return {
    limit,
    offset,
    matches(app: App): boolean {
      if (ids.length > 0 && !ids.includes(app.id)) return false;
      if (codes.length > 0 && !codes.includes(app.code)) return false;
      if (spaceIds.length > 0 && (app.spaceId === null || !spaceIds.includes(app.spaceId)))
        return false;
      return name === undefined || app.name.toLowerCase().includes(name);
    },
  };
}

function optionalList(value: unknown, key: string): unknown[] {
  return value === undefined ? [] : readList(value, key, { min: 0, max: 100 });
}
