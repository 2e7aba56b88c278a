import { openApp } from '../../auth/app-access.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { Endpoint } from '../endpoint.js';
import { readPositiveId } from '../param-readers.js';

/**
 * `POST app/move.json`: moves an app into a space's default thread, or out of any space with
 * `space: null`. The caller needs to manage the app and to belong to the target space; apps
 * of guest spaces, and moves into one, are refused.
 */
export const moveApp: Endpoint = {
  path: 'app/move',
  method: 'POST',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const app = await openApp(call, 'manage');
    const store = call.services.store;
    if (call.guestSpaceId !== null) throw new KintoneError('CB_NO02');
    const target = call.params.space;
    if (target === undefined || target === null || target === '') {
      await store.apps.moveTo(app.id, null, null);
      return {};
    }

    const spaceId = readPositiveId(target, 'space');
    const space = await store.spaces.find(spaceId);
    if (!space) throw new KintoneError('KL_SP01', { id: spaceId });
    if (space.isGuest) throw new KintoneError('CB_NO02');
    if (
      call.principal.kind === 'user' &&
      !(await store.spaces.isMember(spaceId, call.principal.user.id))
    ) {
      throw new KintoneError('CB_NO02');
    }
    const { defaultThread } = await store.spaceDetails.details(spaceId, call.services.now());
    await store.apps.moveTo(app.id, spaceId, defaultThread);
    return {};
  },
};
