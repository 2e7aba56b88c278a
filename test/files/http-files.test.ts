import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest, type RawResponse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { filesSeed, multipartBody } from './files-seed.js';

const MAX_FILE_BYTES = 1024;
const ALICE = {
  'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
};

describe.each(DIALECTS)('file.json over HTTP [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, filesSeed(), { maxFileBytes: MAX_FILE_BYTES });
  });
  afterAll(() => server.close());

  function upload(
    headers: Record<string, string>,
    parts: Parameters<typeof multipartBody>[0],
    path = '/k/v1/file.json',
  ): Promise<RawResponse> {
    const { body, contentType } = multipartBody(parts);
    return rawRequest(server.url, {
      method: 'POST',
      path,
      headers: { 'content-type': contentType, ...headers },
      body,
    });
  }

  const filePart = (data: string | Buffer, filename = 'note.txt') => ({
    name: 'file',
    filename,
    type: 'text/plain',
    data,
  });

  async function attach(headers: Record<string, string>, app: number, fileKey: string) {
    return jsonRequest(server.url, 'POST', '/k/v1/record.json', headers, {
      app,
      record: { title: { value: 'attached' }, attachment: { value: [{ fileKey }] } },
    });
  }

  it('answers a temporary key, which only a record turns into a download', async () => {
    const response = await upload(ALICE, [filePart('hello')]);
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ fileKey: expect.any(String) });

    const early = await rawRequest(server.url, {
      path: `/k/v1/file.json?fileKey=${response.json.fileKey}`,
      headers: ALICE,
    });
    expect(early.status).toBe(404);
    expect(early.json.code).toBe('GAIA_BL01');
  });

  it('refuses a malformed multipart body with CB_IL02, never a server error', async () => {
    const cutShort = '--zz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\nabc';
    for (const [contentType, body] of [
      ['multipart/form-data', 'garbage'],
      ['multipart/form-data; boundary=zz', cutShort],
    ]) {
      const response = await rawRequest(server.url, {
        method: 'POST',
        path: '/k/v1/file.json',
        headers: { ...ALICE, 'content-type': contentType!, 'accept-language': 'en' },
        body: body!,
      });
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ code: 'CB_IL02', message: 'Illegal request.' });
    }
  });

  it('answers 404 GAIA_BL01 naming an unknown key', async () => {
    const response = await rawRequest(server.url, {
      path: '/k/v1/file.json?fileKey=no-such-key',
      headers: { ...ALICE, 'accept-language': 'en' },
    });
    expect(response.status).toBe(404);
    expect(response.json).toEqual({
      code: 'GAIA_BL01',
      id: expect.any(String),
      message: 'The specified file (id: no-such-key) not found.',
    });

    const ja = await rawRequest(server.url, {
      path: '/k/v1/file.json?fileKey=no-such-key',
      headers: { ...ALICE, 'accept-language': 'ja' },
    });
    expect(ja.json.message).toBe('指定したファイル（id: no-such-key）が見つかりません。');
  });

  it('refuses an upload without a file part, or sent as JSON, with CB_VA01 on "file"', async () => {
    const fieldsOnly = await upload(ALICE, [{ name: 'other', value: 'x' }]);
    expect(fieldsOnly.status).toBe(400);
    expect(fieldsOnly.json.code).toBe('CB_VA01');
    expect(fieldsOnly.json.errors).toEqual({ file: { messages: [expect.any(String)] } });

    const json = await jsonRequest(server.url, 'POST', '/k/v1/file.json', ALICE, {});
    expect(json.status).toBe(400);
    expect(json.json.code).toBe('CB_VA01');
  });

  it('refuses a file over the configured limit', async () => {
    const response = await upload(ALICE, [filePart(Buffer.alloc(MAX_FILE_BYTES + 1, 97))]);
    expect(response.status).toBe(413);
    expect(response.json.code).toBe('KL_FI01');

    const exact = await upload(ALICE, [filePart(Buffer.alloc(MAX_FILE_BYTES, 97))]);
    expect(exact.status).toBe(200);
  });

  it('authenticates before reading a file, and keeps multipart away from other APIs', async () => {
    const anonymous = await upload({}, [filePart('x')]);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.code).toBe('CB_AU01');

    const elsewhere = await upload(ALICE, [filePart('x')], '/k/v1/record.json');
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.json.code).toBe('CB_IL02');
  });

  it('lets a token of another app upload, but not attach to an app it does not cover', async () => {
    const token = { 'x-cybozu-api-token': TOKENS.app4View };
    const uploaded = await upload(token, [filePart('from app 4')]);
    expect(uploaded.status).toBe(200);

    const refused = await attach(token, 1, uploaded.json.fileKey);
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('GAIA_AP15');

    // The key is still unused, so a caller allowed to add records can attach it.
    const added = await attach({ 'x-cybozu-api-token': TOKENS.app1Full }, 1, uploaded.json.fileKey);
    expect(added.status).toBe(200);
  });

  it('refuses an unknown key in a record write with GAIA_BL01, storing nothing', async () => {
    const response = await attach(ALICE, 1, 'made-up');
    expect(response.status).toBe(404);
    expect(response.json.code).toBe('GAIA_BL01');
  });

  it('sends the bytes with the type and an RFC 5987 name, to viewers of the app only', async () => {
    const uploaded = await upload(ALICE, [filePart('データ', '請求書.txt')]);
    const added = await attach(ALICE, 1, uploaded.json.fileKey);
    const record = await jsonRequest(
      server.url,
      'GET',
      `/k/v1/record.json?app=1&id=${added.json.id}`,
      ALICE,
    );
    const [file] = record.json.record.attachment.value;

    const download = await rawRequest(server.url, {
      path: `/k/v1/file.json?fileKey=${file.fileKey}`,
      headers: ALICE,
    });
    expect(download.status).toBe(200);
    expect(download.text).toBe('データ');
    expect(download.headers['content-type']).toBe('text/plain');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="___.txt"; filename*=UTF-8''${encodeURIComponent('請求書.txt')}`,
    );

    const otherApp = await rawRequest(server.url, {
      path: `/k/v1/file.json?fileKey=${file.fileKey}`,
      headers: { 'x-cybozu-api-token': TOKENS.app4View },
    });
    expect(otherApp.status).toBe(400);
    expect(otherApp.json.code).toBe('GAIA_AP15');
  });
});

function sessionCookieOf(response: RawResponse): string | undefined {
  const line = (response.headers['set-cookie'] ?? []).find((c) => c.startsWith('kintone-session='));
  return line?.split(';')[0];
}

describe.each(DIALECTS)('file uploads in a browser session [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, filesSeed());
  });
  afterAll(() => server.close());

  async function session(): Promise<{ cookie: string; token: string }> {
    const login = await rawRequest(server.url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: new URLSearchParams({
        username: USERS.alice.loginName,
        password: USERS.alice.password,
      }).toString(),
    });
    const cookie = sessionCookieOf(login)!;
    const page = await rawRequest(server.url, { path: '/k/', headers: { cookie } });
    const token = /"requestToken":"([^"]+)"/.exec(page.text)![1]!;
    return { cookie, token };
  }

  function upload(cookie: string, parts: Parameters<typeof multipartBody>[0]) {
    const { body, contentType } = multipartBody(parts);
    return rawRequest(server.url, {
      method: 'POST',
      path: '/k/v1/file.json',
      headers: {
        'content-type': contentType,
        cookie,
        'x-requested-with': 'XMLHttpRequest',
        origin: server.url,
      },
      body,
    });
  }

  const file = { name: 'file', filename: 'a.txt', type: 'text/plain', data: 'session file' };

  it('takes the request token as a multipart field, after or before the file', async () => {
    const { cookie, token } = await session();
    const after = await upload(cookie, [file, { name: '__REQUEST_TOKEN__', value: token }]);
    expect(after.status).toBe(200);
    expect(after.json).toEqual({ fileKey: expect.any(String) });

    const before = await upload(cookie, [{ name: '__REQUEST_TOKEN__', value: token }, file]);
    expect(before.status).toBe(200);
  });

  it('refuses an upload without the token or with a wrong one', async () => {
    const { cookie } = await session();
    const missing = await upload(cookie, [file]);
    expect(missing.status).toBe(400);
    expect(missing.json.code).toBe('CB_IL02');

    const wrong = await upload(cookie, [file, { name: '__REQUEST_TOKEN__', value: 'nope' }]);
    expect(wrong.status).toBe(400);
    expect(wrong.json.code).toBe('CB_IL02');
  });
});
