import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS } from '../support/fixture.js';
import { jsonRequest, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('request shapes [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const token = { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' };
  const countRecords = async () => {
    const response = await rawRequest(server.url, {
      path: '/k/v1/records.json?app=1&totalCount=true',
      headers: token,
    });
    return Number(response.json.totalCount);
  };

  it('runs POST with X-HTTP-Method-Override: GET as a read, never as a create', async () => {
    const before = await countRecords();
    const response = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      { ...token, 'x-http-method-override': 'GET' },
      { app: 1, query: 'order by $id asc limit 2', fields: ['$id', 'title'] },
    );
    expect(response.status).toBe(200);
    expect(response.json.records.map((r: any) => r.$id.value)).toEqual(['1', '2']);
    expect(await countRecords()).toBe(before);
  });

  it('refuses an override that is not an exact upper-case method', async () => {
    const response = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/records.json',
      { ...token, 'x-http-method-override': 'get' },
      { app: 1 },
    );
    expect(response.status).toBe(400);
    expect(response.json.code).toBe('CB_IL02');
  });

  it('reads parameters from a JSON body on GET', async () => {
    const response = await jsonRequest(server.url, 'GET', '/k/v1/record.json', token, {
      app: 1,
      id: 2,
    });
    expect(response.status).toBe(200);
    expect(response.json.record.$id.value).toBe('2');
  });

  it('refuses a GET that declares JSON but sends no body, with CB_IL02', async () => {
    const response = await rawRequest(server.url, {
      path: '/k/v1/record.json?app=1&id=1',
      headers: { ...token, 'content-type': 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(response.json.code).toBe('CB_IL02');
  });

  it('answers CB_IJ01 for a body that is not JSON, and writes nothing', async () => {
    const before = await countRecords();
    for (const body of ['{"app": 1, "record": ', 'not json at all', '[1, 2']) {
      const response = await rawRequest(server.url, {
        method: 'POST',
        path: '/k/v1/record.json',
        headers: { ...token, 'content-type': 'application/json' },
        body,
      });
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ code: 'CB_IJ01', message: 'Invalid JSON string.' });
    }
    expect(await countRecords()).toBe(before);
  });

  it('answers 404 for an unknown API and for an upper-case extension', async () => {
    for (const path of ['/k/v1/nothing.json?app=1', '/k/v1/records.JSON?app=1']) {
      const response = await rawRequest(server.url, { path, headers: token });
      expect(response.status).toBe(404);
      expect(response.json.code).toBe('KL_UR01');
    }
  });

  it('reads qs-style bracket arrays with sparse indices on DELETE', async () => {
    const added = await jsonRequest(server.url, 'POST', '/k/v1/records.json', token, {
      app: 1,
      records: [{ title: { value: 'x1' } }, { title: { value: 'x2' } }],
    });
    const [first, second] = added.json.ids as string[];

    // The official client leaves out unknown revisions, so index 0 is missing here.
    const response = await rawRequest(server.url, {
      method: 'DELETE',
      path: `/k/v1/records.json?app=1&ids%5B0%5D=${first}&ids%5B1%5D=${second}&revisions%5B1%5D=1`,
      headers: token,
    });
    expect(response.status).toBe(200);
    expect(response.json).toEqual({});

    const gone = await rawRequest(server.url, {
      path: `/k/v1/record.json?app=1&id=${first}`,
      headers: token,
    });
    expect(gone.json.code).toBe('GAIA_RE01');
  });

  it('answers CB_VA01 naming the parameter when app is missing', async () => {
    const response = await rawRequest(server.url, { path: '/k/v1/records.json', headers: token });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: 'CB_VA01',
      message: 'Missing or invalid input.',
      errors: { app: { messages: ['Required field.'] } },
    });
  });
});
