import {
  KintoneAllRecordsError,
  KintoneRestAPIClient,
  KintoneRestAPIError,
} from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('bulk requests [%s]', (dialect) => {
  let server: TestServer;
  let alice: KintoneRestAPIClient;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    alice = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
  });
  afterAll(() => server.close());

  const countIn = async (app: number, query = '') =>
    Number((await alice.record.getRecords({ app, query, totalCount: true })).totalCount);

  it('adds, updates and deletes 5,000 records with the official client helpers', async () => {
    const before = await countIn(4);
    const added = await alice.record.addAllRecords({
      app: 4,
      records: Array.from({ length: 5000 }, (_, i) => ({
        title: { value: `bulk ${i}` },
        amount: { value: String(i) },
      })),
    });
    expect(added.records).toHaveLength(5000);
    expect(await countIn(4)).toBe(before + 5000);

    const updated = await alice.record.updateAllRecords({
      app: 4,
      records: added.records.map(({ id }) => ({ id, record: { state: { value: 'Closed' } } })),
    });
    expect(updated.records.every((r) => r.revision === '2')).toBe(true);
    expect(await countIn(4, 'state in ("Closed") and title like "bulk"')).toBe(5000);

    await alice.record.deleteAllRecords({
      app: 4,
      records: updated.records.map(({ id, revision }) => ({ id, revision })),
    });
    expect(await countIn(4)).toBe(before);
  });

  it('writes nothing when one sub-request fails, and says which one', async () => {
    const before = await countIn(1);
    const error = await alice.record
      .addAllRecords({
        app: 1,
        records: Array.from({ length: 250 }, (_, i) => ({
          // Record 203 lacks the required title: the third chunk of 100, item 3.
          title: { value: i === 203 ? '' : `chunk ${i}` },
        })),
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(KintoneAllRecordsError);
    expect((error as KintoneAllRecordsError).errorIndex).toBe(203);
    expect(await countIn(1)).toBe(before);
  });

  it('runs sub-requests over several apps with one token per app, all or nothing', async () => {
    const both = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: [TOKENS.app1Full, TOKENS.spaceAppFull] },
    });
    const result = await both.bulkRequest({
      requests: [
        {
          method: 'POST',
          api: '/k/v1/record.json',
          payload: { app: 1, record: { title: { value: 'x' } } },
        },
        {
          method: 'POST',
          api: '/k/v1/record.json',
          payload: { app: 3, record: { title: { value: 'y' } } },
        },
      ],
    });
    expect(result.results).toEqual([
      { id: expect.any(String), revision: '1' },
      { id: expect.any(String), revision: '1' },
    ]);

    const onlyApp1 = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1Full },
    });
    const before = await countIn(1);
    const refused = await onlyApp1
      .bulkRequest({
        requests: [
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app: 1, record: { title: { value: 'a' } } },
          },
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app: 3, record: { title: { value: 'b' } } },
          },
        ],
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(KintoneRestAPIError);
    expect((refused as KintoneRestAPIError).code).toBe('GAIA_AP15');
    expect((refused as KintoneRestAPIError).bulkRequestIndex).toBe(1);
    expect(await countIn(1)).toBe(before);
  });

  it("answers in Kintone's shape: the error at its index, empty objects elsewhere", async () => {
    const response = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/bulkRequest.json',
      { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' },
      {
        requests: [
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app: 1, record: { title: { value: 'z' } } },
          },
          {
            method: 'PUT',
            api: '/k/v1/record.json',
            payload: { app: 1, id: 1, revision: 99, record: {} },
          },
          { method: 'DELETE', api: '/k/v1/records.json', payload: { app: 1, ids: [2] } },
        ],
      },
    );
    expect(response.status).toBe(409);
    expect(response.json).toEqual({
      results: [
        {},
        {
          code: 'GAIA_CO02',
          id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
          message: 'The revision is not the latest. Someone may update a record.',
        },
        {},
      ],
    });
  });

  it('takes guest-space paths inside the sub-requests', async () => {
    const guest = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.guestAppFull },
      guestSpaceId: 2,
    });
    const result = await guest.bulkRequest({
      requests: [
        {
          method: 'POST',
          endpointName: 'record',
          payload: { app: 2, record: { title: { value: 'g' } } },
        },
      ],
    });
    expect(result.results[0]).toMatchObject({ revision: '1' });

    const wrongPath = await jsonRequest(
      server.url,
      'POST',
      '/k/guest/2/v1/bulkRequest.json',
      { 'x-cybozu-api-token': TOKENS.guestAppFull },
      { requests: [{ method: 'POST', api: '/k/v1/record.json', payload: { app: 2, record: {} } }] },
    );
    expect(wrongPath.status).toBe(400);
    expect(wrongPath.json.errors).toEqual({
      'requests[0].api': { messages: ['This API cannot be used in a bulk request.'] },
    });

    const guestAppOnPlainPath = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/bulkRequest.json',
      { 'x-cybozu-api-token': TOKENS.guestAppFull },
      { requests: [{ method: 'POST', api: '/k/v1/record.json', payload: { app: 2, record: {} } }] },
    );
    expect(guestAppOnPlainPath.status).toBe(400);
    expect(guestAppOnPlainPath.json.results[0].code).toBe('GAIA_IL23');
  });

  it('refuses more than 20 sub-requests and APIs a bulk request cannot run', async () => {
    const many = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/bulkRequest.json',
      { 'x-cybozu-api-token': TOKENS.app1Full },
      {
        requests: Array.from({ length: 21 }, () => ({
          method: 'POST',
          api: '/k/v1/record.json',
          payload: { app: 1, record: {} },
        })),
      },
    );
    expect(many.status).toBe(400);
    expect(Object.keys(many.json.errors)).toEqual(['requests']);

    const wrongApi = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/bulkRequest.json',
      { 'x-cybozu-api-token': TOKENS.app1Full },
      { requests: [{ method: 'GET', api: '/k/v1/records.json', payload: { app: 1 } }] },
    );
    expect(wrongApi.status).toBe(400);
    expect(Object.keys(wrongApi.json.errors)).toEqual(['requests[0].method']);
  });
});
