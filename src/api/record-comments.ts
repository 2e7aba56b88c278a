import { openApp } from '../auth/app-access.js';
import { actorOf } from '../auth/principal.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import { invalidInput, KintoneError } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { RecordWriter } from '../store/records.js';
import type { App } from '../store/types.js';
import type { ApiCall, Endpoint } from './endpoint.js';
import { readMentions, withMentions } from './mentions.js';
import { readObject, readPositiveId } from './param-readers.js';
import { timestamp } from './record-writes.js';

/** Kintone's limits: 65,535 characters of text, 10 comments per read. */
const MAX_TEXT = 65_535;
const MAX_PAGE = 10;

export const addRecordComment: Endpoint = {
  path: 'record/comment',
  method: 'POST',
  scope: 'k:app_record:write',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'view');
    const recordId = readPositiveId(call.params.record, 'record');
    const comment = readObject(call.params.comment, 'comment');
    const text = readText(comment.text);
    const mentions = await readMentions(call, comment.mentions, await guestsOf(call, app));

    const id = await call.services.store.records.write(app.id, async (writer) => {
      await requireViewableRecord(call, app, recordId, writer);
      return writer.comments.add(
        recordId,
        { text: withMentions(text, mentions), mentions },
        actorOf(call.principal),
        timestamp(call.services.now()),
      );
    });
    if (id === undefined) throw new KintoneError('GAIA_RE01', { id: recordId });
    // The documented answer carries the new id as a number, unlike the string ids of reads.
    return { id };
  },
};

export const deleteRecordComment: Endpoint = {
  path: 'record/comment',
  method: 'DELETE',
  scope: 'k:app_record:write',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'view');
    const recordId = readPositiveId(call.params.record, 'record');
    const commentId = readPositiveId(call.params.comment, 'comment');

    await call.services.store.records.write(app.id, async (writer) => {
      await requireViewableRecord(call, app, recordId, writer);
      const comment = await writer.comments.find(recordId, commentId);
      if (!comment) throw new KintoneError('GAIA_RE02');

      // Only the poster may delete a comment; token callers post as "Administrator".
      if (comment.creator.code !== actorOf(call.principal).code) {
        throw new KintoneError('CB_NO02');
      }
      await writer.comments.remove(recordId, commentId);
    });
    return {};
  },
};

export const getRecordComments: Endpoint = {
  path: 'record/comments',
  method: 'GET',
  scope: 'k:app_record:read',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'view');
    const recordId = readPositiveId(call.params.record, 'record');
    const order = readOrder(call.params.order);
    const offset = readCount(call.params.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
    const limit = readCount(call.params.limit, 'limit', MAX_PAGE, MAX_PAGE);

    await requireViewableRecord(call, app, recordId);
    const page = await call.services.store.comments.page(app.id, recordId, order, offset, limit);
    return {
      comments: page.comments.map((comment) => ({
        id: String(comment.id),
        text: comment.text,
        createdAt: comment.createdAt,
        creator: comment.creator,
        mentions: comment.mentions,
      })),
      older: page.older,
      newer: page.newer,
    };
  },
};

/**
 * The guest users a comment may mention, as `guest/<e-mail address>`: those of the app's guest
 * space; an app outside a guest space has none to name.
 */
async function guestsOf(call: ApiCall, app: App): Promise<Set<string>> {
  if (app.spaceId === null) return new Set();
  const space = await call.services.store.spaces.find(app.spaceId);
  if (!space?.isGuest) return new Set();
  return new Set(await call.services.store.guests.inSpace(space.id));
}

/** Comments are read and written by those who may view their record. */
async function requireViewableRecord(
  call: ApiCall,
  app: App,
  recordId: number,
  writer?: RecordWriter,
): Promise<void> {
  const found = writer
    ? await writer.find(recordId)
    : await call.services.store.records.find(app.id, recordId);
  if (!found) throw new KintoneError('GAIA_RE01', { id: recordId });
  await requireRecordRight(call, app, recordId, 'viewable', writer);
}

function readText(value: unknown): string {
  if (value === undefined || value === null || value === '') {
    throw invalidInput([{ key: 'comment.text', text: inputMessage('REQUIRED_PARAMETER') }]);
  }
  if (typeof value !== 'string') {
    throw invalidInput([{ key: 'comment.text', text: inputMessage('NOT_STRING') }]);
  }
  if ([...value].length > MAX_TEXT) {
    throw invalidInput([
      { key: 'comment.text', text: inputMessage('TOO_LONG', { limit: MAX_TEXT + 1 }) },
    ]);
  }
  return value;
}

function readOrder(value: unknown): 'asc' | 'desc' {
  if (value === undefined || value === null || value === '') return 'desc';
  if (value === 'asc' || value === 'desc') return value;
  throw invalidInput([{ key: 'order', text: inputMessage('NOT_IN_ENUM') }]);
}

function readCount(value: unknown, key: string, fallback: number, max: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d{1,16}$/.test(text)) {
    throw invalidInput([{ key, text: inputMessage('NOT_INTEGER') }]);
  }
  const number = Number(text);
  if (number > max) throw invalidInput([{ key, text: inputMessage('AT_MOST', { max }) }]);
  return number;
}
