/**
 * Break tests: X-HTTP-Method-Override and unusual HTTP methods. Kintone honours the override
 * only on POST, only as an exact upper-case GET, POST, PUT or DELETE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  addRecords,
  asFullToken,
  countWhere,
  expectKintoneError,
  fixtureSeed,
  jsonRequest,
  rawRequest,
  TOKENS,
} from './break-helpers.js';

describe.each(DIALECTS)('break: method override [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const withOverride = (
    override: string | string[],
    headers: Record<string, string> = asFullToken,
  ) => ({
    ...headers,
    'x-http-method-override': override,
  });
  const total = () => countWhere(server, '');

  it.each([
    ['lower case', 'get'],
    ['mixed case', 'Get'],
    ['an unknown method', 'PATCH'],
    ['HEAD', 'HEAD'],
    ['an empty value', ''],
    ['a comma list', 'GET, DELETE'],
    ['two headers', ['GET', 'DELETE']],
  ])('refuses an override given as %s with CB_IL02 and writes nothing', async (_name, override) => {
    const before = await total();
    const response = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      withOverride(override),
      {
        app: 1,
        records: [{ title: { value: 'override refused' } }],
      },
    );
    expectKintoneError(response, 'CB_IL02');
    expect(await total()).toBe(before);
  });

  it('ignores an override on GET: a GET stays a read', async () => {
    const [id] = await addRecords(server, [{ title: { value: 'survives GET override' } }]);
    const response = await rawRequest(server.url, {
      path: `/k/v1/records.json?app=1&ids[0]=${id}`,
      headers: withOverride('DELETE'),
    });
    expect(response.status).toBe(200);
    expect(await countWhere(server, `$id = ${id}`)).toBe(1);
  });

  it('ignores an override on PUT: a PUT stays an update', async () => {
    const [id] = await addRecords(server, [{ title: { value: 'survives PUT override' } }]);
    const response = await jsonRequest(
      server.url,
      'PUT',
      '/k/v1/records.json',
      withOverride('DELETE'),
      {
        app: 1,
        ids: [id],
      },
    );
    expectKintoneError(response, 'CB_VA01');
    expect(await countWhere(server, `$id = ${id}`)).toBe(1);
  });

  it('ignores an override on DELETE: a DELETE stays a delete, never a read', async () => {
    const response = await rawRequest(server.url, {
      method: 'DELETE',
      path: '/k/v1/records.json?app=1&ids[0]=999999',
      headers: withOverride('GET'),
    });
    expectKintoneError(response, 'GAIA_RE01');
  });

  it('runs POST + override DELETE as a delete, with the delete permission checked', async () => {
    const [id] = await addRecords(server, [{ title: { value: 'override delete' } }]);
    const viewOnly = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      withOverride('DELETE', { 'x-cybozu-api-token': TOKENS.app1View }),
      { app: 1, ids: [id] },
    );
    expectKintoneError(viewOnly, 'GAIA_NO01');
    expect(await countWhere(server, `$id = ${id}`)).toBe(1);

    const full = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      withOverride('DELETE'),
      {
        app: 1,
        ids: [id],
      },
    );
    expect(full.status).toBe(200);
    expect(await countWhere(server, `$id = ${id}`)).toBe(0);
  });

  it('checks the view permission on POST + override GET, never the add permission', async () => {
    const addOnly = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      withOverride('GET', { 'x-cybozu-api-token': TOKENS.app1Add }),
      { app: 1 },
    );
    expectKintoneError(addOnly, 'GAIA_NO01');
  });

  it('refuses POST + override GET on apps.json to a token', async () => {
    const response = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/apps.json',
      withOverride('GET'),
      {},
    );
    expectKintoneError(response, 'GAIA_NO01');
  });

  it('answers POST + override GET with a JSON array body with CB_IJ01', async () => {
    const response = await rawRequest(server.url, {
      method: 'POST',
      path: '/k/v1/records.json',
      headers: { ...withOverride('GET'), 'content-type': 'application/json' },
      body: '[{"app":1}]',
    });
    expectKintoneError(response, 'CB_IJ01');
  });

  it('answers an override to a method the API lacks with KL_UR02', async () => {
    const response = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/apps.json',
      withOverride('DELETE', {
        'x-cybozu-authorization': Buffer.from('alice:alice-password').toString('base64'),
      }),
      {},
    );
    expectKintoneError(response, ['KL_UR02', 'KL_NI01']);
  });

  it.each(['PATCH', 'OPTIONS', 'TRACE'])(
    'answers %s on a known API with a Kintone JSON error',
    async (method) => {
      const response = await rawRequest(server.url, {
        method,
        path: '/k/v1/records.json?app=1',
        headers: asFullToken,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.json?.code, response.text).toBeTypeOf('string');
    },
  );
});
