import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const AUTH_KINDS = [
  ['password', { username: USERS.alice.loginName, password: USERS.alice.password }],
  ['API token', { apiToken: TOKENS.app1Full }],
] as const;

describe.each(DIALECTS)('the official client against kintone-local [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  describe.each(AUTH_KINDS)('with %s authentication', (kind, auth) => {
    const marker = kind.replace(/\W/g, '');
    const client = () => new KintoneRestAPIClient({ baseUrl: server.url, auth });

    it('adds, reads, updates and deletes a record', async () => {
      const kintone = client();
      const added = await kintone.record.addRecord({
        app: 1,
        record: {
          title: { value: 'Write the report' },
          amount: { value: '1500' },
          due: { value: '2026-12-24' },
          tags: { value: ['red', 'blue'] },
        },
      });
      expect(added).toEqual({ id: expect.stringMatching(/^\d+$/), revision: '1' });

      const { record } = await kintone.record.getRecord({ app: 1, id: added.id });
      expect(record.title).toEqual({ type: 'SINGLE_LINE_TEXT', value: 'Write the report' });
      expect(record.amount).toEqual({ type: 'NUMBER', value: '1500' });
      expect(record.tags).toEqual({ type: 'CHECK_BOX', value: ['red', 'blue'] });
      expect(record.priority).toEqual({ type: 'RADIO_BUTTON', value: 'Low' });
      expect(record.$id).toEqual({ type: '__ID__', value: added.id });
      expect(record.$revision).toEqual({ type: '__REVISION__', value: '1' });

      const updated = await kintone.record.updateRecord({
        app: 1,
        id: added.id,
        revision: 1,
        record: { state: { value: 'Closed' } },
      });
      expect(updated).toEqual({ revision: '2' });
      const after = await kintone.record.getRecord({ app: 1, id: added.id });
      expect(after.record.state?.value).toBe('Closed');
      expect(after.record.title?.value).toBe('Write the report');

      await kintone.record.deleteRecords({ app: 1, ids: [added.id], revisions: [2] });
      const gone = await clientFailure(kintone.record.getRecord({ app: 1, id: added.id }));
      expect(gone.status).toBe(404);
      expect(gone.code).toBe('GAIA_RE01');
    });

    it('refuses an update with a stale revision with GAIA_CO02 and keeps the record', async () => {
      const kintone = client();
      const { id } = await kintone.record.addRecord({ app: 1, record: { title: { value: 'v1' } } });
      await kintone.record.updateRecord({
        app: 1,
        id,
        revision: 1,
        record: { title: { value: 'v2' } },
      });

      const stale = await clientFailure(
        kintone.record.updateRecord({
          app: 1,
          id,
          revision: 1,
          record: { title: { value: 'lost' } },
        }),
      );
      expect(stale.status).toBe(409);
      expect(stale.code).toBe('GAIA_CO02');
      expect((await kintone.record.getRecord({ app: 1, id })).record.title?.value).toBe('v2');
    });

    it('queries with conditions, order, limit and totalCount', async () => {
      const result = await client().record.getRecords({
        app: 1,
        query: 'amount >= 20 and state in ("Open") order by amount desc limit 2',
        fields: ['$id', 'title', 'amount'],
        totalCount: true,
      });
      expect(result.records.map((r) => r.title?.value)).toEqual(['Task 5', 'Task 3']);
      expect(result.totalCount).toBe('2');
      expect(Object.keys(result.records[0]!).sort()).toEqual(['$id', 'amount', 'title']);
    });

    it('pages through every record with getAllRecords', async () => {
      const kintone = client();
      await kintone.record.addRecords({
        app: 1,
        records: Array.from({ length: 30 }, (_, i) => ({
          title: { value: `bulk-${marker} ${i}` },
        })),
      });
      const all = await kintone.record.getAllRecords({
        app: 1,
        condition: `title like "bulk-${marker}"`,
      });
      expect(all).toHaveLength(30);

      const ids = all.map((r) => Number(r.$id!.value));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    });

    it('updates by updateKey and upserts a record that does not exist yet', async () => {
      const kintone = client();
      const byKey = await kintone.record.updateRecord({
        app: 1,
        updateKey: { field: 'code', value: 'Task-2' },
        record: { body: { value: 'updated by key' } },
      });
      expect(Number(byKey.revision)).toBeGreaterThan(1);

      const upserted = await kintone.record.updateRecords({
        app: 1,
        upsert: true,
        records: [
          { updateKey: { field: 'code', value: 'Task-3' }, record: { body: { value: 'again' } } },
          {
            updateKey: { field: 'code', value: `NEW-${marker}` },
            record: { title: { value: 'Fresh' } },
          },
        ],
      });
      expect(upserted.records.map((r) => ('operation' in r ? r.operation : undefined))).toEqual([
        'UPDATE',
        'INSERT',
      ]);
      const fresh = await kintone.record.getRecords({ app: 1, query: `code = "NEW-${marker}"` });
      expect(fresh.records[0]?.title?.value).toBe('Fresh');
    });

    it('refuses an invalid record with CB_VA01 naming the field, and writes nothing', async () => {
      const kintone = client();
      const before = await kintone.record.getRecords({ app: 1, totalCount: true });
      const error = await clientFailure(
        kintone.record.addRecords({
          app: 1,
          records: [
            { title: { value: 'fine' } },
            { title: { value: '' }, state: { value: 'Nope' } },
          ],
        }),
      );
      expect(error.status).toBe(400);
      expect(error.code).toBe('CB_VA01');
      expect(Object.keys(error.errors as object)).toEqual(
        expect.arrayContaining(['records[1].title.value', 'records[1].state.value']),
      );
      const after = await kintone.record.getRecords({ app: 1, totalCount: true });
      expect(after.totalCount).toBe(before.totalCount);
    });
  });

  describe('in a guest space', () => {
    const guestClient = (auth: object) =>
      new KintoneRestAPIClient({ baseUrl: server.url, auth: auth as never, guestSpaceId: 2 });

    it.each([
      ['password', { username: USERS.alice.loginName, password: USERS.alice.password }],
      ['API token', { apiToken: TOKENS.guestAppFull }],
    ])('adds, reads, updates and deletes with %s authentication', async (_kind, auth) => {
      const kintone = guestClient(auth);
      const { id } = await kintone.record.addRecord({
        app: 2,
        record: { title: { value: 'guest' } },
      });
      await kintone.record.updateRecord({ app: 2, id, record: { title: { value: 'guest 2' } } });
      const { record } = await kintone.record.getRecord({ app: 2, id });
      expect(record.title?.value).toBe('guest 2');

      const all = await kintone.record.getAllRecords({ app: 2 });
      expect(all.map((r) => r.title?.value)).toContain('guest 2');

      await kintone.record.deleteRecords({ app: 2, ids: [id] });
      expect((await clientFailure(kintone.record.getRecord({ app: 2, id }))).code).toBe(
        'GAIA_RE01',
      );
    });

    it('is refused with GAIA_IL23 without guestSpaceId', async () => {
      const kintone = new KintoneRestAPIClient({
        baseUrl: server.url,
        auth: { apiToken: TOKENS.guestAppFull },
      });
      const error = await clientFailure(kintone.record.getRecords({ app: 2 }));
      expect(error.status).toBe(400);
      expect(error.code).toBe('GAIA_IL23');
    });
  });

  it('reports a wrong password as CB_WA01 through the client', async () => {
    const kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: 'alice', password: 'wrong' },
    });
    const error = await clientFailure(kintone.record.getRecords({ app: 1 }));
    expect(error.status).toBe(401);
    expect(error.code).toBe('CB_WA01');
  });

  it('sends long queries as POST with the override header, and they work', async () => {
    const kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1Full },
    });
    const manyIds = Array.from({ length: 900 }, (_, i) => i + 1).join(', ');
    const result = await kintone.record.getRecords({
      app: 1,
      query: `$id in (${manyIds}) and $id <= 3`,
    });
    expect(result.records.map((r) => r.$id?.value).sort()).toEqual(['1', '2', '3']);
  });
});
