import type { Endpoint } from '../endpoint.js';
import { memberUsers } from './member-users.js';
import { readPaging } from '../settings/setting-readers.js';

/**
 * `GET spaces/statistics.json`: spaces with their member and administrator counts, 1 to 100 at
 * a time. The system's administrators see every space; other users the public spaces and the
 * ones they belong to.
 */
export const getSpacesStatistics: Endpoint = {
  path: 'spaces/statistics',
  method: 'GET',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { offset, limit } = readPaging(call.params);
    const store = call.services.store;
    const user = call.principal.kind === 'user' ? call.principal.user : undefined;

    const visible = [];
    for (const space of await store.spaces.list()) {
      const details = await store.spaceDetails.details(space.id, call.services.now());
      const isMember = user ? (await store.spaces.role(space.id, user.id)).isMember : false;
      if (!user?.isAdmin && !isMember && (details.isPrivate || space.isGuest)) continue;
      const members = await memberUsers(store, space.id);
      visible.push({
        id: String(space.id),
        name: space.name,
        administratorCount: String(members.filter((m) => m.isAdmin).length),
        memberCount: String(members.length),
        isPrivate: details.isPrivate,
        isGuest: space.isGuest,
        creator: details.creator,
        createdAt: details.createdAt,
        modifier: details.modifier,
        modifiedAt: details.modifiedAt,
      });
    }
    return { spaces: visible.slice(offset, offset + limit) };
  },
};
