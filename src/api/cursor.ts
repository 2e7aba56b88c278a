import { randomUUID } from 'node:crypto';
import { openApp } from '../auth/app-access.js';
import type { Principal } from '../auth/principal.js';
import { sha256Hex } from '../crypto/digest.js';
import { invalidInput, KintoneError } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import { TooManyCursorsError } from '../store/cursors.js';
import type { ApiCall, Endpoint } from './endpoint.js';
import { readFieldCodes, readOptionalString, readPositiveId } from './param-readers.js';
import { toRecordJson } from './record-json.js';
import { callerCompileFor } from './record-query.js';
import { recordRightCondition } from '../auth/record-permissions.js';

/** Kintone's cursor limits: 10 open per domain, 10 minutes from creation or the last read. */
const MAX_OPEN_CURSORS = 10;
const CURSOR_LIFETIME_MS = 10 * 60 * 1000;
const PAGE_SIZE = { default: 100, max: 500 };

export const createCursor: Endpoint = {
  path: 'records/cursor',
  method: 'POST',
  acceptsApiToken: true,
  scope: 'k:app_record:read',
  async handle(call) {
    const app = await openApp(call, 'view');
    const query = readOptionalString(call.params.query, 'query') ?? '';
    const fields = readFieldCodes(call.params.fields) ?? null;
    const pageSize = readPageSize(call.params.size);

    const compiled = await callerCompileFor(call, app, query);
    if (compiled.limit !== null || compiled.offset !== 0) {
      throw invalidInput([{ key: 'query', text: inputMessage('NO_LIMIT_IN_CURSOR') }]);
    }

    const records = call.services.store.records;
    const recordIds = await records.selectIds(app.id, compiled.where, compiled.orderBy);
    const now = call.services.now().getTime();
    const cursor = {
      id: randomUUID(),
      appId: app.id,
      owner: ownerOf(call.principal),
      fieldCodes: fields,
      pageSize,
      recordIds,
      position: 0,
      expiresAt: now + CURSOR_LIFETIME_MS,
    };
    try {
      await call.services.store.cursors.create(cursor, now, MAX_OPEN_CURSORS);
    } catch (error) {
      if (error instanceof TooManyCursorsError) {
        throw new KintoneError('KL_CU01', { max: MAX_OPEN_CURSORS });
      }
      throw error;
    }
    return { id: cursor.id, totalCount: String(recordIds.length) };
  },
};

export const getCursorRecords: Endpoint = {
  path: 'records/cursor',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_record:read',
  async handle(call) {
    const cursor = await findOwnCursor(call);
    const app = await openApp(call, 'view', { value: cursor.appId, key: 'id' });

    // Each read moves the cursor on; a concurrent read of the same page loses and retries
    // nothing, it is told the cursor moved, as a second reader of a Kintone cursor would be.
    const page = cursor.recordIds.slice(cursor.position, cursor.position + cursor.pageSize);
    const position = cursor.position + page.length;
    const next = position < cursor.recordIds.length;
    const now = call.services.now().getTime();
    const cursors = call.services.store.cursors;
    const moved = next
      ? await cursors.advance(cursor, position, now + CURSOR_LIFETIME_MS)
      : await cursors.delete(cursor.id).then(() => true);
    if (!moved) throw new KintoneError('KL_CU02', { id: cursor.id });

    // Records hidden since the cursor was made (their values or the permissions changed) stay
    // hidden.
    const viewable = await recordRightCondition(call, app, 'viewable');
    const rows = await call.services.store.records.findMany(app.id, page, viewable);
    const fields = cursor.fieldCodes ?? undefined;
    return { records: await toRecordJson(call, app, rows, fields), next };
  },
};

export const deleteCursor: Endpoint = {
  path: 'records/cursor',
  method: 'DELETE',
  acceptsApiToken: true,
  scope: 'k:app_record:read',
  async handle(call) {
    const cursor = await findOwnCursor(call);
    await call.services.store.cursors.delete(cursor.id);
    return {};
  },
};

/** A cursor belongs to its creator: anyone else is told it does not exist. */
async function findOwnCursor(call: ApiCall) {
  const id = readOptionalString(call.params.id, 'id');
  if (id === undefined || id === '') {
    throw invalidInput([{ key: 'id', text: inputMessage('REQUIRED_PARAMETER') }]);
  }
  const cursor = await call.services.store.cursors.find(id, call.services.now().getTime());
  if (!cursor || cursor.owner !== ownerOf(call.principal)) {
    throw new KintoneError('KL_CU02', { id });
  }
  return cursor;
}

/** The user, or the exact set of tokens, that made a cursor. */
function ownerOf(principal: Principal): string {
  return principal.kind === 'user'
    ? `user:${principal.user.id}`
    : `tokens:${sha256Hex(principal.tokenSet)}`;
}

function readPageSize(value: unknown): number {
  if (value === undefined || value === null || value === '') return PAGE_SIZE.default;
  const size = readPositiveId(value, 'size');
  if (size > PAGE_SIZE.max) {
    throw invalidInput([{ key: 'size', text: inputMessage('AT_MOST', { max: PAGE_SIZE.max }) }]);
  }
  return size;
}
