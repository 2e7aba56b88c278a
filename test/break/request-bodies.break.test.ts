/**
 * Break tests: request bodies and query strings. JSON that is not an object, bodies that are
 * deep, huge or not UTF-8, prototype keys, qs bombs, content types that are not JSON, and
 * paths whose percent-encoding is broken.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  asFullToken,
  countWhere,
  expectKintoneError,
  expectNoServerFault,
  fixtureSeed,
  getRecord,
  jsonRequest,
  parseRawHttp,
  rawRequest,
  rawSocket,
  TOKENS,
} from './break-helpers.js';

describe.each(DIALECTS)('break: request bodies and query strings [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const send = (
    body: string | Buffer,
    contentType = 'application/json',
    method = 'POST',
    path = '/k/v1/record.json',
  ) =>
    rawRequest(server.url, {
      method,
      path,
      headers: { ...asFullToken, 'content-type': contentType },
      body,
    });
  const total = () => countWhere(server, '');

  describe('JSON that is not an object', () => {
    it.each([
      ['an array', '[{"app":1}]'],
      ['a number', '42'],
      ['a string', '"app=1"'],
      ['true', 'true'],
      ['an array nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
      ['a trailing comma', '{"app":1,}'],
      ['a BOM before the object', '\uFEFF{"app":1}'],
      ['two objects', '{"app":1}{"app":1}'],
      ['NaN', '{"app":NaN}'],
      ['single quotes', "{'app':1}"],
    ])('refuses %s with CB_IJ01 and writes nothing', async (_name, body) => {
      const before = await total();
      expectKintoneError(await send(body), 'CB_IJ01');
      expect(await total()).toBe(before);
    });

    it('answers JSON null like an empty body (app is required)', async () => {
      expectKintoneError(await send('null'), ['CB_VA01', 'CB_IJ01']);
    });

    it('survives a record object nested 50,000 deep', async () => {
      const deep = `{"app":1,"record":{"body":${'{"value":'.repeat(50_000)}"x"${'}'.repeat(50_000)}}}`;
      const before = await total();
      const response = await send(deep);
      expectKintoneError(response, ['CB_IJ01', 'CB_VA01']);
      expect(await total()).toBe(before);
    });

    it('refuses a 65 MB body without a hang or a 500', async () => {
      const body = `{"app":1,"record":{"title":{"value":"${'x'.repeat(65 * 1024 * 1024)}"}}}`;
      const response = await send(body).catch((error: Error) => ({ status: -1, error }));
      if ('error' in response) return; // the server may close the socket while the body streams
      expectKintoneError(response, 'CB_IL02');
    }, 60_000);
  });

  describe('content types that are not JSON', () => {
    const record = '{"app":1,"record":{"title":{"value":"from a non-JSON type"}}}';

    it.each([
      ['text/plain', 'text/plain'],
      ['form-urlencoded', 'application/x-www-form-urlencoded'],
      ['multipart', 'multipart/form-data; boundary=b'],
      ['application/jsonx', 'application/jsonx'],
      ['application/xml', 'application/xml'],
      ['an empty type', ''],
      ['a type with a NUL-like junk parameter', 'application/octet-stream; x=y'],
    ])('refuses a POST body typed %s and writes nothing', async (_name, type) => {
      const before = await total();
      const response = await send(record, type);
      expect(response.status).not.toBe(200);
      expectKintoneError(response, ['CB_IL02', 'CB_IJ01']);
      expect(await total()).toBe(before);
    });

    it('refuses a PUT body typed text/plain and changes nothing', async () => {
      const response = await send(
        '{"app":1,"id":1,"record":{"title":{"value":"changed via text/plain"}}}',
        'text/plain',
        'PUT',
      );
      expectKintoneError(response, ['CB_IL02', 'CB_IJ01']);
      expect((await getRecord(server, 1)).json.record.title.value).not.toBe(
        'changed via text/plain',
      );
    });

    it('refuses a form-encoded DELETE and deletes nothing', async () => {
      const before = await total();
      const response = await send(
        'app=1&ids[0]=1',
        'application/x-www-form-urlencoded',
        'DELETE',
        '/k/v1/records.json',
      );
      expectKintoneError(response, ['CB_IL02', 'CB_IJ01']);
      expect(await total()).toBe(before);
    });

    it('refuses a body that is not valid UTF-8 with CB_IJ01 instead of storing U+FFFD', async () => {
      const body = Buffer.concat([
        Buffer.from('{"app":1,"record":{"title":{"value":"bad-utf8-'),
        Buffer.from([0xff, 0xfe, 0xc3]),
        Buffer.from('"}}}'),
      ]);
      const before = await total();
      expectKintoneError(await send(body), 'CB_IJ01');
      expect(await total()).toBe(before);
    });
  });

  describe('prototype keys', () => {
    it('never pollutes Object.prototype from a JSON body', async () => {
      const body =
        '{"app":1,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted2":"yes"}},' +
        '"record":{"title":{"value":"proto","__proto__":{"polluted3":"yes"}},' +
        '"__proto__":{"value":"x"},"constructor":{"value":"y"},"toString":{"value":"z"},' +
        '"hasOwnProperty":{"value":"w"}}}';
      const response = await send(body);
      expectNoServerFault(response);
      const probe = {} as Record<string, unknown>;
      expect(probe.polluted).toBeUndefined();
      expect(probe.polluted2).toBeUndefined();
      expect(probe.polluted3).toBeUndefined();
      if (response.status === 200) {
        const record = (await getRecord(server, response.json.id)).json.record;
        expect(Object.keys(record)).not.toContain('__proto__');
        expect(Object.keys(record)).not.toContain('toString');
      }
    });

    it('never pollutes Object.prototype from a query string', async () => {
      const response = await rawRequest(server.url, {
        path:
          '/k/v1/records.json?app=1&__proto__[polluted4]=1&constructor[prototype][polluted5]=1' +
          '&a[__proto__][polluted6]=1&toString=1&hasOwnProperty=1',
        headers: asFullToken,
      });
      expectNoServerFault(response);
      const probe = {} as Record<string, unknown>;
      expect(probe.polluted4).toBeUndefined();
      expect(probe.polluted5).toBeUndefined();
      expect(probe.polluted6).toBeUndefined();
    });

    it('does not let app or id hide in __proto__ of a JSON body', async () => {
      const response = await send(
        '{"__proto__":{"app":1},"record":{"title":{"value":"proto app"}}}',
      );
      expectKintoneError(response, 'CB_VA01');
    });

    it('does not accept query-language field codes that are prototype names', async () => {
      for (const code of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
        const response = await jsonRequest(server.url, 'GET', '/k/v1/records.json', asFullToken, {
          app: 1,
          query: `${code} = "x"`,
        });
        expectKintoneError(response, 'GAIA_IQ11');
      }
    });

    it('does not accept an updateKey field that is a prototype name', async () => {
      for (const field of ['__proto__', 'constructor', 'toString']) {
        const response = await jsonRequest(server.url, 'PUT', '/k/v1/record.json', asFullToken, {
          app: 1,
          updateKey: { field, value: 'x' },
          record: {},
        });
        expectKintoneError(response, 'CB_VA01');
      }
    });
  });

  describe('query-string bombs', () => {
    const get = (query: string) =>
      rawRequest(server.url, { path: `/k/v1/records.json?${query}`, headers: asFullToken });

    it('shrugs off a sparse index of 999,999', async () => {
      const started = Date.now();
      expectNoServerFault(await get('app=1&a[999999]=1'));
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('refuses ids[9999]=1 on DELETE without deleting anything', async () => {
      const before = await total();
      const response = await rawRequest(server.url, {
        method: 'DELETE',
        path: '/k/v1/records.json?app=1&ids[9999]=1',
        headers: asFullToken,
      });
      expectKintoneError(response, 'CB_VA01');
      expect(await total()).toBe(before);
    });

    it('shrugs off 30,000 parameters in a GET body', async () => {
      const params: Record<string, number> = { app: 1 };
      for (let i = 0; i < 30_000; i += 1) params[`p${i}`] = i;
      const started = Date.now();
      const response = await jsonRequest(
        server.url,
        'GET',
        '/k/v1/records.json',
        asFullToken,
        params,
      );
      expectNoServerFault(response);
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('shrugs off deep qs nesting', async () => {
      expectNoServerFault(await get(`app=1&${'a'}${'[b]'.repeat(500)}=1`));
    });

    it('refuses fields given as a huge sparse index', async () => {
      expectKintoneError(await get('app=1&fields[99999]=title'), 'CB_VA01');
    });

    it('answers broken percent-encoding in the path with a Kintone JSON error', async () => {
      for (const path of [
        '/k/guest/%ZZ/v1/records.json?app=1',
        '/k/v1/%ZZ.json?app=1',
        '/k/v1/records%.json',
      ]) {
        const raw = await rawSocket(
          server.url,
          `GET ${path} HTTP/1.1\r\nHost: localhost\r\nX-Cybozu-API-Token: ${TOKENS.app1Full}\r\nConnection: close\r\n\r\n`,
        );
        const response = parseRawHttp(raw);
        expectKintoneError(response, ['CB_IL02', 'KL_UR01']);
      }
    });

    it('answers broken percent-encoding in the query with a Kintone JSON error', async () => {
      const raw = await rawSocket(
        server.url,
        `GET /k/v1/records.json?app=%E0%A4%A HTTP/1.1\r\nHost: localhost\r\nX-Cybozu-API-Token: ${TOKENS.app1Full}\r\nConnection: close\r\n\r\n`,
      );
      expectKintoneError(parseRawHttp(raw), ['CB_VA01', 'CB_IL02']);
    });
  });

  describe('GET bodies', () => {
    it('refuses a GET body over 8 MB with CB_IL02', async () => {
      const body = JSON.stringify({ app: 1, query: ' '.repeat(9 * 1024 * 1024) });
      const raw = await rawSocket(
        server.url,
        `GET /k/v1/records.json HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${body.length}\r\nX-Cybozu-API-Token: ${TOKENS.app1Full}\r\nConnection: close\r\n\r\n${body}`,
        10_000,
      );
      expectKintoneError(parseRawHttp(raw), 'CB_IL02');
    }, 30_000);

    it('refuses a GET body that is not JSON-typed with CB_IL02', async () => {
      const response = await rawRequest(server.url, {
        path: '/k/v1/records.json',
        headers: { ...asFullToken, 'content-type': 'text/plain' },
        body: '{"app":1}',
      });
      expectKintoneError(response, 'CB_IL02');
    });

    it('refuses a GET body that is a JSON array with CB_IJ01', async () => {
      const response = await rawRequest(server.url, {
        path: '/k/v1/records.json?app=1',
        headers: { ...asFullToken, 'content-type': 'application/json' },
        body: '[1]',
      });
      expectKintoneError(response, 'CB_IJ01');
    });
  });
});
