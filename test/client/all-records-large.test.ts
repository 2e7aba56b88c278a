import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** More than the 2,000 records one bulk request carries and the 500 one page holds. */
const COUNT = 5_123;

describe.each(DIALECTS)('the official client over 5,000 records [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    const seed = fixtureSeed();
    // App 4 starts empty, so every count below is exact.
    seed.apps[3]!.records = [];
    server = await startTestServer(dialect, seed);
  });
  afterAll(() => server.close());

  it.each([
    ['password', { username: USERS.alice.loginName, password: USERS.alice.password }],
  ] as const)(
    'adds, reads, updates and deletes them all with the helpers [%s]',
    async (_kind, auth) => {
      const kintone = new KintoneRestAPIClient({ baseUrl: server.url, auth });
      const records = Array.from({ length: COUNT }, (_, i) => ({
        title: { value: `Row ${i + 1}` },
        amount: { value: String(i + 1) },
      }));

      const added = await kintone.record.addAllRecords({ app: 4, records });
      expect(added.records).toHaveLength(COUNT);
      const ids = added.records.map((r) => Number(r.id));
      expect(new Set(ids).size).toBe(COUNT);

      // Without an order the client seeks by id; with one it opens a cursor.
      const bySeek = await kintone.record.getAllRecords({ app: 4, fields: ['amount'] });
      expect(bySeek.map((r) => Number(r.amount?.value))).toEqual(
        Array.from({ length: COUNT }, (_, i) => i + 1),
      );
      const byCursor = await kintone.record.getAllRecords({
        app: 4,
        condition: 'amount > 100',
        orderBy: 'amount desc',
      });
      expect(byCursor).toHaveLength(COUNT - 100);
      expect(byCursor[0]?.amount?.value).toBe(String(COUNT));
      expect(byCursor.at(-1)?.amount?.value).toBe('101');
      const byOffset = await kintone.record.getAllRecords({
        app: 4,
        condition: 'amount <= 1200',
        orderBy: 'amount asc',
        withCursor: false,
      });
      expect(byOffset.map((r) => r.amount?.value)).toEqual(
        Array.from({ length: 1200 }, (_, i) => String(i + 1)),
      );

      const updated = await kintone.record.updateAllRecords({
        app: 4,
        records: ids.map((id) => ({ id, record: { state: { value: 'Closed' } } })),
      });
      expect(updated.records.every((r) => r.revision === '2')).toBe(true);
      const closed = await kintone.record.getRecords({
        app: 4,
        query: 'state in ("Closed")',
        totalCount: true,
      });
      expect(closed.totalCount).toBe(String(COUNT));

      await kintone.record.deleteAllRecords({
        app: 4,
        records: ids.map((id, i) => ({ id, revision: i % 2 === 0 ? 2 : undefined })),
      });
      const left = await kintone.record.getRecords({ app: 4, totalCount: true });
      expect(left.totalCount).toBe('0');
    },
  );

  it('reads every record of an app with getAllRecords through an API token', async () => {
    const kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1Full },
    });
    const records = Array.from({ length: COUNT }, (_, i) => ({ title: { value: `Bulk-${i}` } }));
    await kintone.record.addAllRecords({ app: 1, records });
    const all = await kintone.record.getAllRecords({ app: 1, condition: 'title like "Bulk-"' });
    expect(all).toHaveLength(COUNT);
  });
});
