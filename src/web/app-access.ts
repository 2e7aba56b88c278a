import { userMayOpen } from '../auth/app-permissions.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { Store } from '../store/store.js';
import type { App, Space, User } from '../store/types.js';

/** An app a user may open, with the space it lives in. */
export interface ReachableApp {
  app: App;
  space: Space | undefined;
}

/**
 * The apps a user can reach, as `apps.json` decides: apps outside spaces, and apps of spaces
 * the user is a member of (guest spaces included, reached through their own paths), in which
 * the user's app permissions grant some right.
 */
export async function reachableApps(store: Store, user: User): Promise<ReachableApp[]> {
  const spaces = new Map((await store.spaces.list()).map((s) => [s.id, s]));
  const memberOf = await store.spaces.memberSpaceIds(user.id);
  const reachable: ReachableApp[] = [];
  for (const app of await store.apps.list()) {
    const space = app.spaceId === null ? undefined : spaces.get(app.spaceId);
    if (space && !memberOf.has(space.id)) continue;
    if (await userMayOpen(store, app, user)) reachable.push({ app, space });
  }
  return reachable;
}

/**
 * The app a page names, checked like the API checks it: it must exist, be opened through the
 * path of its own kind (a guest-space app only under `/k/guest/{its space}/`), be in a space
 * the user belongs to, and grant the user some right.
 */
export async function appForPage(
  store: Store,
  user: User,
  rawAppId: string,
  guestSpaceId: number | null,
): Promise<ReachableApp> {
  if (!/^[1-9]\d{0,15}$/.test(rawAppId)) throw new KintoneError('KL_UR01');
  const app = await store.apps.find(Number(rawAppId));
  if (!app) throw new KintoneError('GAIA_AP01', { app: rawAppId });

  const space = app.spaceId === null ? undefined : await store.spaces.find(app.spaceId);
  const expectedGuestSpace = space?.isGuest ? space.id : null;
  if (expectedGuestSpace !== guestSpaceId) throw new KintoneError('KL_UR01');
  if (space && !(await store.spaces.isMember(space.id, user.id))) {
    throw new KintoneError('CB_NO02');
  }
  if (!(await userMayOpen(store, app, user))) throw new KintoneError('CB_NO02');
  return { app, space };
}

/** The path of an app's record list, under its guest space when it has one. */
export function appPath({ app, space }: ReachableApp): string {
  return space?.isGuest ? `/k/guest/${space.id}/${app.id}/` : `/k/${app.id}/`;
}
