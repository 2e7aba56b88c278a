import { DEFAULT_APP_ACL } from '../../auth/app-permissions.js';
import { actorOf } from '../../auth/principal.js';
import { invalidInput, KintoneError } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import { defaultSystemFields } from '../../kintone/fields/index.js';
import type { ApiCall, Endpoint } from '../endpoint.js';
import { readPositiveId } from '../param-readers.js';
import { openSpace } from '../spaces/open-space.js';
import { readText } from './setting-readers.js';

/**
 * `POST preview/app.json`: creates an app with the system fields only, owned by its creator:
 * Kintone's default permissions let everyone view, add, edit and delete records and the
 * creator manage the app. Kintone does not open this API to tokens.
 */
export const addApp: Endpoint = {
  path: 'preview/app',
  method: 'POST',
  acceptsApiToken: false,
  scope: 'k:app_settings:write',
  async handle(call) {
    const name = readText(call.params.name, 'name', '', { min: 1, max: 64 });
    const { spaceId, threadId } = await readPlace(call);
    const store = call.services.store;

    const app = await store.apps.create({
      name,
      spaceId,
      threadId,
      properties: defaultSystemFields(call.language),
      creator: actorOf(call.principal),
      createdAt: call.services
        .now()
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z'),
    });
    await store.permissions.replace(app.id, 'app', 'live', [...DEFAULT_APP_ACL]);
    return { app: String(app.id), revision: String(app.revision) };
  },
};

/**
 * Where the app goes: nowhere, or a space the caller belongs to and one of its threads (its
 * default thread when none is named). A guest path creates apps only in its own space, and a
 * space only on its own path.
 */
async function readPlace(call: ApiCall) {
  const p = call.params;
  if (p.space === undefined || p.space === null) {
    if (call.guestSpaceId !== null) {
      throw invalidInput([{ key: 'space', text: inputMessage('REQUIRED_PARAMETER') }]);
    }
    return { spaceId: null, threadId: null };
  }

  // Members may create apps in a space, or only its administrators when the space says so.
  const where = { value: p.space, key: 'space' };
  const { space, details } = await openSpace(call, 'member', where);
  if (details.createApp === 'ADMIN') await openSpace(call, 'admin', where);
  const spaceId = space.id;
  const defaultThread = details.defaultThread;
  if (p.thread === undefined || p.thread === null) return { spaceId, threadId: defaultThread };

  const threadId = readPositiveId(p.thread, 'thread');
  const thread = await call.services.store.spaceDetails.findThread(threadId);
  if (thread?.spaceId !== spaceId) throw new KintoneError('KL_SP02', { id: threadId });
  return { spaceId, threadId };
}
