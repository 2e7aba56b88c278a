import { actorOf } from '../../auth/principal.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { Endpoint } from '../endpoint.js';
import { readMentions, withMentions } from '../mentions.js';
import { readObject, readPositiveId } from '../param-readers.js';
import { readText } from '../settings/setting-readers.js';
import { readCommentFiles } from './comment-files.js';
import { openSpace } from './open-space.js';

/** `POST space/thread.json`: a new thread, in spaces that use several threads. */
export const addThread: Endpoint = {
  path: 'space/thread',
  method: 'POST',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space, details } = await openSpace(call, 'member', {
      value: call.params.space,
      key: 'space',
    });
    const name = readText(call.params.name, 'name', '', { min: 1, max: 128 });
    if (!details.useMultiThread) throw new KintoneError('KL_SP03', { id: space.id });

    const id = await call.services.store.spaceDetails.addThread(space.id, name);
    return { id: String(id) };
  },
};

/** `PUT space/thread.json`: a thread's name (multi-thread spaces only) and body. */
export const updateThread: Endpoint = {
  path: 'space/thread',
  method: 'PUT',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const threadId = readPositiveId(call.params.id, 'id');
    const store = call.services.store.spaceDetails;
    const thread = await store.findThread(threadId);
    if (!thread) throw new KintoneError('KL_SP02', { id: threadId });
    const { details } = await openSpace(call, 'member', { value: thread.spaceId, key: 'id' });

    const name = readText(call.params.name, 'name', thread.name, { min: 1, max: 128 });
    if (name !== thread.name && !details.useMultiThread) {
      throw new KintoneError('KL_SP03', { id: thread.spaceId });
    }
    const body = readText(call.params.body, 'body', thread.body, { max: 65535 });
    await store.updateThread(threadId, { name, body });
    return {};
  },
};

/** `POST space/thread/comment.json`: a comment in a thread of a space the caller is in. */
export const addThreadComment: Endpoint = {
  path: 'space/thread/comment',
  method: 'POST',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space } = await openSpace(call, 'member', { value: call.params.space, key: 'space' });
    const threadId = readPositiveId(call.params.thread, 'thread');
    const store = call.services.store.spaceDetails;
    const thread = await store.findThread(threadId);
    if (thread?.spaceId !== space.id) throw new KintoneError('KL_SP02', { id: threadId });

    const comment = readObject(call.params.comment, 'comment');
    const text = readText(comment.text, 'comment.text', '', { max: 65535 });
    // In a guest space, its guest users may be named too, as `guest/<e-mail address>`.
    const guests = space.isGuest ? await call.services.store.guests.inSpace(space.id) : [];
    const mentions = await readMentions(call, comment.mentions, new Set(guests));
    const now = call.services.now();
    const files = comment.files === undefined ? [] : readCommentFiles(comment.files, now);
    // Kintone needs text or files; a comment of files alone has empty text.
    if (text === '' && files.length === 0) throw new KintoneError('KL_SP04');

    const added = await store.addComment(threadId, {
      text: withMentions(text, mentions),
      mentions,
      creator: actorOf(call.principal).code,
      createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      files,
      now: now.getTime(),
    });
    if ('refusedKey' in added) throw new KintoneError('GAIA_BL01', { key: added.refusedKey });
    return { id: String(added.id) };
  },
};
