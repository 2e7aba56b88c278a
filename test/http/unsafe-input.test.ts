import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest, type RawResponse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const UNSAFE = { messages: ['NUL characters and unpaired surrogates are not allowed.'] };
const PASSWORD_FAILED =
  'Password authentication failed. ' +
  'The value in http header of X-Cybozu-Authorization is not valid.';

/** The whole body of a CB_VA01 answer, with the id checked for shape. */
function expectInvalidInput(response: RawResponse, errors: Record<string, unknown>) {
  expect(response.status, response.text).toBe(400);
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(response.json).toEqual({
    code: 'CB_VA01',
    id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
    message: 'Missing or invalid input.',
    errors,
  });
}

describe.each(DIALECTS)('characters no store can keep [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const token = { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' };
  const call = (method: string, path: string, body: unknown) =>
    jsonRequest(server.url, method, path, token, body);
  const total = async () => {
    const response = await call('GET', '/k/v1/records.json', { app: 1, totalCount: true });
    return Number(response.json.totalCount);
  };

  it('refuses a NUL in a record value on add, and writes nothing', async () => {
    const before = await total();
    const response = await call('POST', '/k/v1/record.json', {
      app: 1,
      record: { title: { value: 'a\u0000b' } },
    });
    expectInvalidInput(response, { 'record.title.value': UNSAFE });
    expect(await total()).toBe(before);
  });

  it('keys a lone surrogate in a bulk add by the record index', async () => {
    const before = await total();
    const response = await call('POST', '/k/v1/records.json', {
      app: 1,
      records: [{ title: { value: 'fine' } }, { title: { value: 'half \ud83d' } }],
    });
    expectInvalidInput(response, { 'records[1].title.value': UNSAFE });
    expect(await total()).toBe(before);
  });

  it('refuses a NUL in an update and in an updateKey value, and changes nothing', async () => {
    const update = await call('PUT', '/k/v1/record.json', {
      app: 1,
      id: 1,
      record: { body: { value: 'line\u0000break' } },
    });
    expectInvalidInput(update, { 'record.body.value': UNSAFE });

    const byKey = await call('PUT', '/k/v1/record.json', {
      app: 1,
      updateKey: { field: 'code', value: 'a\u0000b' },
      record: { title: { value: 'x' } },
    });
    expectInvalidInput(byKey, { 'updateKey.value': UNSAFE });

    const stored = await call('GET', '/k/v1/record.json', { app: 1, id: 1 });
    expect(stored.json.record.body.value).not.toContain('\u0000');
  });

  it('refuses a NUL in a query-language literal, from a body or the query string', async () => {
    const query = 'title = "a\u0000b"';
    const fromBody = await call('GET', '/k/v1/records.json', { app: 1, query });
    expectInvalidInput(fromBody, { query: UNSAFE });

    const fromQueryString = await rawRequest(server.url, {
      path: `/k/v1/records.json?app=1&query=${encodeURIComponent('title like "\u0000"')}`,
      headers: token,
    });
    expectInvalidInput(fromQueryString, { query: UNSAFE });
  });

  it('keeps other control characters and astral characters', async () => {
    const value = 'tab\there \u0001\u001f 😀';
    const added = await call('POST', '/k/v1/record.json', { app: 1, record: { title: { value } } });
    expect(added.status, added.text).toBe(200);
    const stored = await call('GET', '/k/v1/record.json', { app: 1, id: added.json.id });
    expect(stored.json.record.title.value).toBe(value);
  });

  it('answers a NUL under a parameter named like an Object.prototype member', async () => {
    const response = await call('GET', '/k/v1/records.json', { app: 1, toString: '\u0000' });
    expectInvalidInput(response, { toString: UNSAFE });
  });

  it('checks credentials before parameters', async () => {
    const response = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/records.json',
      { 'accept-language': 'en' },
      { app: 1, query: '\u0000' },
    );
    expect(response.json.code).toBe('CB_AU01');
  });

  it('ignores a __proto__ field code and never lets app hide in __proto__', async () => {
    const added = await rawRequest(server.url, {
      method: 'POST',
      path: '/k/v1/record.json',
      headers: { ...token, 'content-type': 'application/json' },
      body: '{"app":1,"record":{"title":{"value":"proto"},"__proto__":{"value":"x"}}}',
    });
    expect(added.status, added.text).toBe(200);
    const stored = await call('GET', '/k/v1/record.json', { app: 1, id: added.json.id });
    expect(Object.keys(stored.json.record)).not.toContain('__proto__');

    const hidden = await rawRequest(server.url, {
      method: 'POST',
      path: '/k/v1/record.json',
      headers: { ...token, 'content-type': 'application/json' },
      body: '{"__proto__":{"app":1},"record":{"title":{"value":"proto app"}}}',
    });
    expect(hidden.json.code).toBe('CB_VA01');
    expect(Object.keys(hidden.json.errors)).toEqual(['app']);
  });
});

describe.each(DIALECTS)('credential bytes [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const withHeader = (value: string) =>
    rawRequest(server.url, {
      path: '/k/v1/record.json?app=1&id=1',
      headers: { 'x-cybozu-authorization': value, 'accept-language': 'en' },
    });
  const base64 = (bytes: number[] | string) => Buffer.from(bytes as never).toString('base64');

  const { loginName, password } = USERS.alice;

  it.each([
    ['a NUL after the login name', passwordHeader(`${loginName}\u0000`, password)],
    ['a NUL inside the password', passwordHeader(loginName, 'alice\u0000password')],
    ['a tab before the login name', passwordHeader(`\t${loginName}`, password)],
    ['an escape in the password', passwordHeader(loginName, `${password}\u001b`)],
    ['bytes that are not UTF-8', base64([0x61, 0x6c, 0xff, 0x3a, 0x70])],
    ['an encoded surrogate half', base64([0xed, 0xa0, 0x80, 0x3a, 0x70])],
    ['an overlong encoding of ":"', base64([0x61, 0xc0, 0xba, 0x70])],
  ])('refuses %s with CB_WA01', async (_name, value) => {
    const response = await withHeader(value);
    expect(response.status).toBe(401);
    expect(response.json).toEqual({
      code: 'CB_WA01',
      id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      message: PASSWORD_FAILED,
    });
  });

  it('still accepts the same user with clean credentials', async () => {
    const response = await withHeader(passwordHeader(loginName, password));
    expect(response.status).toBe(200);
  });
});
