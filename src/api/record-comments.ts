import { openApp } from '../auth/app-access.js';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP } from '../auth/app-permissions.js';
import { actorOf } from '../auth/principal.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import { invalidInput, KintoneError, type LocalText } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { Mention } from '../store/comments.js';
import type { RecordWriter } from '../store/records.js';
import type { App } from '../store/types.js';
import type { ApiCall, Endpoint } from './endpoint.js';
import { readList, readObject, readPositiveId } from './param-readers.js';
import { timestamp } from './record-writes.js';

/** Kintone's limits: 65,535 characters of text, 10 mentions, 10 comments per read. */
const MAX_TEXT = 65_535;
const MAX_MENTIONS = 10;
const MAX_PAGE = 10;
const MENTION_TYPES = ['USER', 'GROUP', 'ORGANIZATION'] as const;

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
    const mentions = await readMentions(call, comment.mentions);

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

/** Mentions name users and groups that exist; kintone-local has no organizations. */
async function readMentions(call: ApiCall, value: unknown): Promise<Mention[]> {
  if (value === undefined || value === null) return [];
  const list = readList(value, 'comment.mentions', { min: 0, max: MAX_MENTIONS });
  const mentions: Mention[] = [];
  const problems: Array<{ key: string; text: LocalText }> = [];

  for (const [i, item] of list.entries()) {
    const key = `comment.mentions[${i}]`;
    const entry = readObject(item, key);
    const code = entry.code;
    const type = entry.type;
    if (typeof code !== 'string' || code === '') {
      problems.push({ key: `${key}.code`, text: inputMessage('REQUIRED_PARAMETER') });
      continue;
    }
    if (!MENTION_TYPES.includes(type as Mention['type'])) {
      problems.push({ key: `${key}.type`, text: inputMessage('NOT_IN_ENUM') });
      continue;
    }
    const problem = await mentionProblem(call, code, type as Mention['type']);
    if (problem) problems.push({ key: `${key}.code`, text: problem });
    // Naming someone twice mentions (and notifies) them once.
    else if (!mentions.some((m) => m.code === code && m.type === type)) {
      mentions.push({ code, type: type as Mention['type'] });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
  return mentions;
}

async function mentionProblem(
  call: ApiCall,
  code: string,
  type: Mention['type'],
): Promise<LocalText | undefined> {
  const store = call.services.store;
  if (type === 'ORGANIZATION') return inputMessage('NO_ORGANIZATIONS', { code });
  if (type === 'USER') {
    return (await store.users.findByLoginName(code))
      ? undefined
      : inputMessage('UNKNOWN_USER', { code });
  }
  const builtIn = code === EVERYONE_GROUP || code === ADMINISTRATORS_GROUP;
  return builtIn || (await store.groups.exists(code))
    ? undefined
    : inputMessage('UNKNOWN_GROUP', { code });
}

/**
 * Kintone puts the people a comment mentions in front of its text, without the "@", on a line
 * of their own.
 */
function withMentions(text: string, mentions: readonly Mention[]): string {
  if (mentions.length === 0) return text;
  return `${mentions.map((m) => m.code).join(' ')} \n${text}`;
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
