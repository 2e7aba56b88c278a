import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS } from '../support/fixture.js';
import { rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ILLEGAL = {
  code: 'CB_IL02',
  id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
  message: 'Illegal request.',
};
const INVALID_JSON = { ...ILLEGAL, code: 'CB_IJ01', message: 'Invalid JSON string.' };

/** Writes bytes on a bare socket and resolves with everything the server sent until it closed. */
function exchange(url: string, data: string | Buffer): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(port), hostname, () => socket.write(data));
    socket.setTimeout(5000, () => reject(new Error('the server left the connection open')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

/** The status line, lower-cased headers and body of one raw HTTP/1.1 answer. */
function split(raw: string) {
  const end = raw.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
    }),
  );
  return { statusLine, headers, body: raw.slice(end + 4) };
}

describe.each(DIALECTS)('requests refused before routing [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const withHeaderLine = (line: string) =>
    exchange(server.url, `GET /k/v1/records.json?app=1 HTTP/1.1\r\nHost: x\r\n${line}\r\n\r\n`);

  it.each([
    ['a NUL byte in a header value', `X-Cybozu-API-Token: ${TOKENS.app1Full}\u0000secret`],
    ['a control byte in a header value', 'X-Cybozu-Authorization: YWxp\u0001c2VjcmV0'],
    ['a header line without a colon', 'secret-without-colon'],
  ])('answers %s with a complete CB_IL02 response and closes', async (_name, line) => {
    const { statusLine, headers, body } = split(await withHeaderLine(line));

    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers.connection).toBe('close');
    expect(headers['x-cybozu-error']).toBe('CB_IL02');
    expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body));
    expect(JSON.parse(body)).toEqual(ILLEGAL);
    expect(body).not.toMatch(/secret|YWxp|statusCode/);
  });

  it('answers a malformed request line the same way', async () => {
    const { statusLine, body } = split(await exchange(server.url, 'BREW /secret HTTP/9.9\r\n\r\n'));
    expect(statusLine).toBe('HTTP/1.1 400 Bad Request');
    expect(JSON.parse(body)).toEqual(ILLEGAL);
  });

  it('answers headers over the size limit with 431 and a Kintone body', async () => {
    const { statusLine, headers, body } = split(
      await withHeaderLine(`X-Cybozu-Authorization: ${'A'.repeat(20_000)}`),
    );
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(headers.connection).toBe('close');
    expect(JSON.parse(body)).toEqual(ILLEGAL);
  });

  it('gives each refusal its own id', async () => {
    const first = split(await withHeaderLine('X: \u0000')).body;
    const second = split(await withHeaderLine('X: \u0000')).body;
    expect(JSON.parse(first).id).not.toBe(JSON.parse(second).id);
  });

  it.each(['/k/guest/%ZZ/v1/records.json?app=1', '/k/guest/%E0%A4%A/v1/records.json?app=1'])(
    'answers broken percent-encoding in %s with CB_IL02, not echoing the path',
    async (path) => {
      const response = await rawRequest(server.url, {
        path,
        headers: { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' },
      });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['x-cybozu-error']).toBe('CB_IL02');
      expect(response.json).toEqual(ILLEGAL);
    },
  );

  it('answers broken percent-encoding in Japanese when asked', async () => {
    const response = await rawRequest(server.url, {
      path: '/k/guest/%ZZ/v1/records.json?app=1',
      headers: { 'accept-language': 'ja' },
    });
    expect(response.json).toEqual({ ...ILLEGAL, message: '不正なリクエストです。' });
  });
});

describe('requests refused before routing, with legacy status codes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', fixtureSeed(), { legacyStatusCodes: true });
  });
  afterAll(() => server.close());

  it('answers a parser refusal with CB_IL02 under its legacy status', async () => {
    const raw = await exchange(server.url, 'GET /k/v1/records.json HTTP/1.1\r\nX: \u0000\r\n\r\n');
    const { statusLine, body } = split(raw);
    expect(statusLine).toBe('HTTP/1.1 520 Unknown Error');
    expect(JSON.parse(body)).toEqual(ILLEGAL);
  });
});

describe.each(DIALECTS)('JSON bodies as UTF-8 [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const token = { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' };
  const send = (method: string, path: string, body: Buffer | string) =>
    rawRequest(server.url, {
      method,
      path,
      headers: { ...token, 'content-type': 'application/json' },
      body,
    });
  const withBytes = (before: string, bytes: number[], after: string) =>
    Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);

  it.each([
    ['a stray continuation byte', [0x80]],
    ['FF FE C3', [0xff, 0xfe, 0xc3]],
    ['a truncated sequence at the end of a string', [0xe3, 0x81]],
    ['an encoded surrogate half', [0xed, 0xa0, 0x80]],
    ['an overlong encoding', [0xc0, 0xaf]],
  ])('refuses a POST body holding %s with CB_IJ01', async (_name, bytes) => {
    const body = withBytes('{"app":1,"record":{"title":{"value":"', bytes, '"}}}');
    const response = await send('POST', '/k/v1/record.json', body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual(INVALID_JSON);
  });

  it('refuses a GET body that is not UTF-8 with CB_IJ01', async () => {
    const body = withBytes('{"app":1,"query":"', [0xff], '"}');
    const response = await send('GET', '/k/v1/records.json', body);
    expect(response.status).toBe(400);
    expect(response.json).toEqual(INVALID_JSON);
  });

  it('still refuses a leading BOM with CB_IJ01', async () => {
    const response = await send('POST', '/k/v1/record.json', Buffer.from('\uFEFF{"app":1}'));
    expect(response.json).toEqual(INVALID_JSON);
  });

  it('stores multi-byte UTF-8 as sent', async () => {
    const value = '日本語 😀 ｶﾀｶﾅ';
    const added = await send(
      'POST',
      '/k/v1/record.json',
      Buffer.from(JSON.stringify({ app: 1, record: { title: { value } } })),
    );
    expect(added.status, added.text).toBe(200);

    const read = await send('GET', '/k/v1/record.json', `{"app":1,"id":${added.json.id}}`);
    expect(read.status, read.text).toBe(200);
    expect(read.json.record.title.value).toBe(value);
  });

  it('treats a blank JSON body as no body', async () => {
    const response = await send('DELETE', '/k/v1/records.json?app=1&ids[0]=999999', ' \r\n\t');
    expect(response.json.code).not.toBe('CB_IJ01');
  });
});
