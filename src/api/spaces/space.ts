import { actorOf } from '../../auth/principal.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { SpaceDetails } from '../../store/space-details.js';
import type { App } from '../../store/types.js';
import type { ApiCall, Endpoint } from '../endpoint.js';
import { readObject } from '../param-readers.js';
import { readChoice, readFlag, readText } from '../settings/setting-readers.js';
import { memberUsers } from './member-users.js';
import { openSpace } from './open-space.js';

/** `GET space.json`: the space, its settings and the apps it holds. */
export const getSpace: Endpoint = {
  path: 'space',
  method: 'GET',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space, details } = await openSpace(call, 'view');
    const store = call.services.store;
    const apps = (await store.apps.list()).filter((app) => app.spaceId === space.id);
    const memberCount = (await memberUsers(store, space.id)).length;

    return {
      id: String(space.id),
      name: space.name,
      defaultThread: String(details.defaultThread),
      isPrivate: details.isPrivate,
      creator: details.creator,
      modifier: details.modifier,
      memberCount: String(memberCount),
      coverType: 'PRESET',
      coverKey: 'GREEN',
      coverUrl: '',
      body: details.body,
      useMultiThread: details.useMultiThread,
      isGuest: space.isGuest,
      attachedApps: apps.map(attachedApp),
      fixedMember: details.fixedMember,
      showAnnouncement: details.showAnnouncement,
      showThreadList: details.showThreadList,
      showAppList: details.showAppList,
      showMemberList: details.showMemberList,
      showRelatedLinkList: details.showRelatedLinkList,
      permissions: { createApp: details.createApp },
    };
  },
};

/** Who changed a space's settings, and when. */
export function modified(call: ApiCall) {
  return {
    modifier: actorOf(call.principal),
    modifiedAt: call.services
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  };
}

function attachedApp(app: App) {
  return {
    threadId: String(app.threadId ?? app.spaceId),
    appId: String(app.id),
    code: app.code,
    name: app.name,
    description: app.description,
    createdAt: app.createdAt,
    creator: app.creator,
    modifiedAt: app.modifiedAt,
    modifier: app.modifier,
  };
}

const SWITCHES = [
  'isPrivate',
  'fixedMember',
  'useMultiThread',
  'showAnnouncement',
  'showThreadList',
  'showAppList',
  'showMemberList',
  'showRelatedLinkList',
] as const;

/** `PUT space.json`: changes the name and switches a space administrator may change. */
export const updateSpace: Endpoint = {
  path: 'space',
  method: 'PUT',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space, details } = await openSpace(call, 'admin');
    const p = call.params;
    const name = readText(p.name, 'name', space.name, { min: 1, max: 128 });
    const next: SpaceDetails = { ...details, ...modified(call) };
    for (const key of SWITCHES) next[key] = readFlag(p[key], key, details[key]);
    if (p.permissions !== undefined) {
      const permissions = readObject(p.permissions, 'permissions');
      next.createApp = readChoice(
        permissions.createApp,
        'permissions.createApp',
        ['EVERYONE', 'ADMIN'] as const,
        details.createApp,
      );
    }

    const store = call.services.store.spaceDetails;
    await store.saveDetails(space.id, next);
    if (name !== space.name) await store.rename(space.id, name);
    return {};
  },
};

/** `PUT space/body.json`: the space's announcement text (HTML). */
export const updateSpaceBody: Endpoint = {
  path: 'space/body',
  method: 'PUT',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space, details } = await openSpace(call, 'admin');
    const body = readText(call.params.body, 'body', details.body, { max: 65535 });
    await call.services.store.spaceDetails.saveDetails(space.id, {
      ...details,
      body,
      ...modified(call),
    });
    return {};
  },
};

/**
 * `DELETE space.json`: removes a space with its threads and its apps, records and tokens
 * included, as Kintone does. Every instance is told to forget the apps and their tokens.
 */
export const deleteSpace: Endpoint = {
  path: 'space',
  method: 'DELETE',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space } = await openSpace(call, 'admin');
    const store = call.services.store;
    const appIds = await store.spaceDetails.deleteSpace(space.id);

    for (const appId of appIds) await store.apps.changed(appId);
    if (appIds.length > 0) await store.apiTokens.announceChange();
    return {};
  },
};
