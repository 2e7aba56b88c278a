/**
 * Break tests: reaching the wrong app or the wrong space. Ids in every odd shape, guest-space
 * paths with hostile ids, users outside a space, and fields only app managers may set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  addRecords,
  asAlice,
  asBob,
  asFullToken,
  countWhere,
  expectKintoneError,
  expectNoServerFault,
  fixtureSeed,
  jsonRequest,
  rawRequest,
  TOKENS,
} from './break-helpers.js';

describe.each(DIALECTS)('break: wrong app, wrong space [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const get = (path: string, headers: Record<string, string> = asAlice) =>
    rawRequest(server.url, { path, headers });

  describe('app and id parameter shapes', () => {
    it.each([
      ['an array', 'app[0]=1'],
      ['an object', 'app[x]=1'],
      ['two values', 'app=1&app=1'],
      ['a float', 'app=1.5'],
      ['zero', 'app=0'],
      ['negative', 'app=-1'],
      ['empty', 'app='],
      ['beyond 2^53', 'app=9007199254740993'],
      ['letters', 'app=abc'],
    ])('refuses app as %s with CB_VA01', async (_name, query) => {
      expectKintoneError(await get(`/k/v1/records.json?${query}`), 'CB_VA01');
    });

    it.each([
      ['exponent notation', '1e0'],
      ['hexadecimal', '0x1'],
      ['a leading space', '%201'],
      ['a trailing tab', '1%09'],
      ['a decimal point', '1.0'],
      ['binary notation', '0b1'],
    ])('refuses app in %s with CB_VA01 instead of reading app 1', async (_name, value) => {
      expectKintoneError(await get(`/k/v1/records.json?app=${value}`), 'CB_VA01');
    });

    it('refuses app "1e0" in a JSON body with CB_VA01', async () => {
      const response = await jsonRequest(server.url, 'GET', '/k/v1/records.json', asAlice, {
        app: '1e0',
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses id "0x2" with CB_VA01 instead of reading record 2', async () => {
      expectKintoneError(await get('/k/v1/record.json?app=1&id=0x2'), 'CB_VA01');
    });

    it.each([
      ['JSON true', true],
      ['an object', { value: 1 }],
      ['a nested array', [[1]]],
      ['a huge float', 1e308],
      ['a negative zero', -0],
    ])('refuses app as %s in a JSON body', async (_name, app) => {
      const response = await jsonRequest(server.url, 'GET', '/k/v1/records.json', asAlice, { app });
      expectKintoneError(response, 'CB_VA01');
    });

    it('answers GAIA_AP01 for an app id beyond 32 bits', async () => {
      for (const app of ['2147483648', '99999999999999', '9007199254740991']) {
        expectKintoneError(await get(`/k/v1/records.json?app=${app}`), 'GAIA_AP01');
        expectKintoneError(await get(`/k/v1/app.json?id=${app}`), 'GAIA_AP01');
        expectKintoneError(await get(`/k/v1/app/form/fields.json?app=${app}`), 'GAIA_AP01');
      }
    });

    it('answers GAIA_RE01 for a record id beyond 32 bits', async () => {
      for (const id of [2147483648, 9007199254740991]) {
        expectKintoneError(await get(`/k/v1/record.json?app=1&id=${id}`), 'GAIA_RE01');
        const put = await jsonRequest(server.url, 'PUT', '/k/v1/record.json', asFullToken, {
          app: 1,
          id,
          record: { title: { value: 'x' } },
        });
        expectKintoneError(put, 'GAIA_RE01');
        const bulk = await jsonRequest(server.url, 'PUT', '/k/v1/records.json', asFullToken, {
          app: 1,
          records: [{ id, record: { title: { value: 'x' } } }],
        });
        expectKintoneError(bulk, 'GAIA_RE01');
        const del = await rawRequest(server.url, {
          method: 'DELETE',
          path: `/k/v1/records.json?app=1&ids[0]=${id}`,
          headers: asFullToken,
        });
        expectKintoneError(del, 'GAIA_RE01');
      }
    });

    it('answers a revision beyond 32 bits with GAIA_CO02, never 500', async () => {
      const [id] = await addRecords(server, [{ title: { value: 'big revision' } }]);
      const response = await jsonRequest(server.url, 'PUT', '/k/v1/record.json', asFullToken, {
        app: 1,
        id,
        revision: 2147483648,
        record: {},
      });
      expectKintoneError(response, 'GAIA_CO02');
      const del = await jsonRequest(server.url, 'DELETE', '/k/v1/records.json', asFullToken, {
        app: 1,
        ids: [id],
        revisions: [9007199254740991],
      });
      expectKintoneError(del, 'GAIA_CO02');
    });
  });

  describe('guest-space paths', () => {
    it.each([
      ['zero', '0'],
      ['negative', '-1'],
      ['letters', 'abc'],
      ['a float', '2.0'],
      ['leading zeros', '002'],
      ['17 digits', '12345678901234567'],
      ['a plus sign', '+2'],
      ['encoded slash', '2%2F..'],
      ['empty', ''],
    ])('refuses guest space id %s without reaching the app', async (_name, id) => {
      const response = await get(`/k/guest/${id}/v1/records.json?app=2`, asAlice);
      expect(response.status).not.toBe(200);
      expectNoServerFault(response);
    });

    it('refuses a guest app through a huge guest space id with CB_NO02', async () => {
      const response = await get('/k/guest/9999999999999999/v1/records.json?app=2');
      expectKintoneError(response, 'CB_NO02');
    });

    it('refuses a guest app through a normal space id used as a guest path', async () => {
      expectKintoneError(await get('/k/guest/1/v1/records.json?app=3'), 'CB_NO02');
      expectKintoneError(await get('/k/guest/1/v1/records.json?app=2'), 'CB_NO02');
    });

    it('refuses a user who is not a member of the guest space (read) with CB_NO02', async () => {
      // bob belongs to space 1 only; the fixture makes alice the only member of guest space 2.
      expectKintoneError(await get('/k/guest/2/v1/records.json?app=2', asBob), 'CB_NO02');
      expectKintoneError(await get('/k/guest/2/v1/record.json?app=2&id=1', asBob), 'CB_NO02');
      expectKintoneError(await get('/k/guest/2/v1/app.json?id=2', asBob), 'CB_NO02');
      expectKintoneError(await get('/k/guest/2/v1/app/form/fields.json?app=2', asBob), 'CB_NO02');
    });

    it('refuses a user who is not a member of the guest space (write) with CB_NO02', async () => {
      const put = await jsonRequest(server.url, 'PUT', '/k/guest/2/v1/record.json', asBob, {
        app: 2,
        id: 1,
        record: { title: { value: 'bob was here' } },
      });
      expectKintoneError(put, 'CB_NO02');
      const add = await jsonRequest(server.url, 'POST', '/k/guest/2/v1/record.json', asBob, {
        app: 2,
        record: { title: { value: 'bob added this' } },
      });
      expectKintoneError(add, 'CB_NO02');
      const del = await jsonRequest(server.url, 'DELETE', '/k/guest/2/v1/records.json', asBob, {
        app: 2,
        ids: [3],
      });
      expectKintoneError(del, 'CB_NO02');

      const check = await jsonRequest(server.url, 'GET', '/k/guest/2/v1/records.json', asAlice, {
        app: 2,
        query: 'title = "bob was here" or title = "bob added this"',
        totalCount: true,
      });
      expect(check.json.totalCount).toBe('0');
    });

    it("does not list a guest space's apps to a user outside it", async () => {
      const response = await get('/k/guest/2/v1/apps.json', asBob);
      if (response.status === 200) expect(response.json.apps).toEqual([]);
      else expectKintoneError(response, 'CB_NO02');
    });
  });

  describe('fields only an app manager may set', () => {
    it('refuses a creator set by a user without app management, and stores nothing', async () => {
      const response = await jsonRequest(server.url, 'POST', '/k/v1/record.json', asBob, {
        app: 1,
        record: {
          title: { value: 'forged by bob' },
          作成者: { value: { code: 'alice' } },
          作成日時: { value: '2000-01-01T00:00:00Z' },
        },
      });
      expect(response.status, response.text).not.toBe(200);
      expectNoServerFault(response);
      expect(await countWhere(server, 'title = "forged by bob"')).toBe(0);
    });

    it('refuses a creator set with a token lacking the manage checkbox', async () => {
      const response = await jsonRequest(server.url, 'POST', '/k/v1/record.json', asFullToken, {
        app: 1,
        record: { title: { value: 'forged by token' }, 作成者: { value: { code: 'alice' } } },
      });
      expectKintoneError(response, 'GAIA_NO01');
    });

    it('refuses a creator who is not a user', async () => {
      const response = await jsonRequest(server.url, 'POST', '/k/v1/record.json', asAlice, {
        app: 1,
        record: { title: { value: 'ghost creator' }, 作成者: { value: { code: 'nobody-at-all' } } },
      });
      expect(response.status, response.text).toBe(400);
      expectNoServerFault(response);
      expect(await countWhere(server, 'title = "ghost creator"')).toBe(0);
    });

    it('ignores $id, $revision and the record number sent on add', async () => {
      const response = await jsonRequest(server.url, 'POST', '/k/v1/record.json', asFullToken, {
        app: 1,
        record: {
          title: { value: 'system fields' },
          $id: { value: '999999' },
          $revision: { value: '77' },
          レコード番号: { value: '555' },
        },
      });
      expect(response.status).toBe(200);
      expect(response.json.revision).toBe('1');
      expect(response.json.id).not.toBe('999999');
    });
  });

  describe('apps.json paging', () => {
    it.each([
      ['a negative offset', 'offset=-1'],
      ['a non-numeric limit', 'limit=abc'],
      ['a limit above 100', 'limit=1000'],
      ['a limit of 0', 'limit=0'],
      ['a fractional offset', 'offset=1.5'],
      ['ids that are not numbers', 'ids[0]=abc'],
    ])('refuses %s with CB_VA01', async (_name, query) => {
      expectKintoneError(await get(`/k/v1/apps.json?${query}`), 'CB_VA01');
    });

    it('refuses apps.json to an API token with GAIA_NO01', async () => {
      expectKintoneError(
        await get('/k/v1/apps.json', { 'x-cybozu-api-token': TOKENS.app1Full }),
        'GAIA_NO01',
      );
    });
  });
});
