import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('record cursors [%s]', (dialect) => {
  let server: TestServer;
  let kintone: KintoneRestAPIClient;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app4View },
    });
    const writer = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
    // App 4 gets 1,202 records: more than two pages of 500 and not a multiple of it.
    for (let start = 0; start < 1200; start += 100) {
      await writer.record.addRecords({
        app: 4,
        records: Array.from({ length: 100 }, (_, i) => ({
          title: { value: `row ${start + i}` },
          amount: { value: String((start + i) % 7) },
        })),
      });
    }
  });
  afterAll(() => server.close());

  it('runs getAllRecords with an order through a cursor, every record once, in order', async () => {
    const all = await kintone.record.getAllRecords({
      app: 4,
      orderBy: 'amount asc, $id asc',
      fields: ['$id', 'amount'],
    });
    expect(all).toHaveLength(1202);

    const keys = all.map((r) => [Number(r.amount!.value), Number(r.$id!.value)] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(keys).toEqual(sorted);
    expect(new Set(keys.map(([, id]) => id)).size).toBe(1202);
  });

  it('pages with getAllRecordsWithCursor and removes the cursor when it is exhausted', async () => {
    const rows = await kintone.record.getAllRecordsWithCursor({ app: 4, query: 'amount = 3' });
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.amount?.value === '3')).toBe(true);
  });

  it('keeps the records matched at creation even when others are added meanwhile', async () => {
    const { id, totalCount } = await kintone.record.createCursor({
      app: 4,
      query: 'title like "row 11"',
      size: 5,
    });
    const writer = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
    await writer.record.addRecord({ app: 4, record: { title: { value: 'row 11 late' } } });

    let seen = 0;
    for (let next = true; next;) {
      const page = await kintone.record.getRecordsByCursor({ id });
      seen += page.records.length;
      next = page.next;
    }
    expect(seen).toBe(Number(totalCount));

    const gone = await clientFailure(kintone.record.getRecordsByCursor({ id }));
    expect(gone.status).toBe(404);
    expect(gone.code).toBe('KL_CU02');
  });

  it('refuses limit and offset in a cursor query, and a size over 500', async () => {
    const limited = await clientFailure(kintone.record.createCursor({ app: 4, query: 'limit 10' }));
    expect(limited.code).toBe('CB_VA01');
    expect(limited.errors).toEqual({
      query: { messages: ['limit and offset cannot be used in the query of a cursor.'] },
    });

    const large = await clientFailure(kintone.record.createCursor({ app: 4, size: 501 }));
    expect(large.code).toBe('CB_VA01');
    expect(Object.keys(large.errors as object)).toEqual(['size']);
  });

  it('lets only its creator read or delete a cursor', async () => {
    const { id } = await kintone.record.createCursor({ app: 4 });
    const other = await rawRequest(server.url, {
      path: `/k/v1/records/cursor.json?id=${id}`,
      headers: {
        'x-cybozu-authorization': passwordHeader(USERS.bob.loginName, USERS.bob.password),
      },
    });
    expect(other.status).toBe(404);
    expect(other.json.code).toBe('KL_CU02');

    // Another token of the same app is another caller too.
    const sameAppOtherToken = await rawRequest(server.url, {
      path: `/k/v1/records/cursor.json?id=${id}`,
      headers: { 'x-cybozu-api-token': TOKENS.app4Second },
    });
    expect(sameAppOtherToken.status).toBe(404);
    expect(sameAppOtherToken.json.code).toBe('KL_CU02');

    await kintone.record.deleteCursor({ id });
    expect((await clientFailure(kintone.record.getRecordsByCursor({ id }))).code).toBe('KL_CU02');
  });

  it('allows ten open cursors per domain and refuses the eleventh', async () => {
    const ids: string[] = [];
    try {
      for (let i = 0; i < 10; i++) ids.push((await kintone.record.createCursor({ app: 4 })).id);
      const eleventh = await jsonRequest(
        server.url,
        'POST',
        '/k/v1/records/cursor.json',
        { 'x-cybozu-api-token': TOKENS.app4View, 'accept-language': 'en' },
        { app: 4 },
      );
      expect(eleventh.status).toBe(400);
      expect(eleventh.json).toMatchObject({
        code: 'KL_CU01',
        message:
          'You can have up to 10 cursors at the same time. ' +
          'Delete the cursors you no longer need.',
      });
    } finally {
      for (const id of ids) await kintone.record.deleteCursor({ id });
    }
  });
});
