import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS } from '../support/fixture.js';
import { jsonRequest, type RawResponse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** Kintone closes a cursor 10 minutes after it was made or last read. */
const LIFETIME_MS = 10 * 60 * 1000;
const CURSOR_PATH = '/k/v1/records/cursor.json';

/**
 * The server reads time from an injected clock, so a cursor can be aged without waiting. Each
 * test moves the clock only forward from wherever the previous one left it.
 */
describe.each(DIALECTS)('cursor lifetime [%s]', (dialect) => {
  let server: TestServer;
  let clock = Date.parse('2026-12-03T10:00:00Z');

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed(), {}, { now: () => new Date(clock) });
  });
  afterAll(() => server.close());

  const headers = { 'x-cybozu-api-token': TOKENS.app1View, 'accept-language': 'en' };

  async function createCursor(): Promise<string> {
    const created = await jsonRequest(server.url, 'POST', CURSOR_PATH, headers, {
      app: 1,
      fields: ['code'],
      query: 'order by $id asc',
      size: 2,
    });
    expect(created.status).toBe(200);
    return created.json.id as string;
  }

  function readCursor(id: string): Promise<RawResponse> {
    return jsonRequest(server.url, 'GET', `${CURSOR_PATH}?id=${id}`, headers);
  }

  function codesOf(page: RawResponse): string[] {
    return (page.json.records as Array<{ code: { value: string } }>).map((r) => r.code.value);
  }

  function expectExpired(answer: RawResponse, id: string): void {
    expect(answer.status).toBe(404);
    expect(answer.json).toMatchObject({
      code: 'KL_CU02',
      message: `The cursor (ID: ${id}) not found. It may have expired or been deleted.`,
    });
  }

  it('reads a cursor just under its lifetime, and refuses it once older', async () => {
    const id = await createCursor();

    clock += LIFETIME_MS - 1;
    const first = await readCursor(id);
    expect(first.status).toBe(200);
    expect(codesOf(first)).toEqual(['Task-1', 'Task-2']);
    expect(first.json.next).toBe(true);

    // The read restarted the lifetime: the old deadline has passed, the new one has not.
    clock += LIFETIME_MS - 1;
    const second = await readCursor(id);
    expect(second.status).toBe(200);
    expect(codesOf(second)).toEqual(['Task-3', 'Task-4']);

    clock += LIFETIME_MS + 1;
    expectExpired(await readCursor(id), id);
  });

  it('refuses an unread cursor older than its lifetime, for reading and deleting', async () => {
    const id = await createCursor();

    clock += LIFETIME_MS + 1;
    expectExpired(await readCursor(id), id);
    expectExpired(await jsonRequest(server.url, 'DELETE', CURSOR_PATH, headers, { id }), id);
  });

  it('frees the slots of expired cursors for new ones', async () => {
    for (let i = 0; i < 10; i++) await createCursor();
    const eleventh = await jsonRequest(server.url, 'POST', CURSOR_PATH, headers, { app: 1 });
    expect(eleventh.status).toBe(400);
    expect(eleventh.json.code).toBe('KL_CU01');

    clock += LIFETIME_MS + 1;
    const id = await createCursor();
    expect(codesOf(await readCursor(id))).toEqual(['Task-1', 'Task-2']);
  });
});
