import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PLEASE_LOGIN = { ja: 'ログインしてください。', en: 'Please login.' };
const PASSWORD_FAILED = {
  ja: 'ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」ヘッダーの値が正しくありません。',
  en: 'Password authentication failed. The value in http header of X-Cybozu-Authorization is not valid.',
};

describe.each(DIALECTS)('password authentication [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const getRecord = (headers: Record<string, string>) =>
    rawRequest(server.url, { path: '/k/v1/record.json?app=1&id=1', headers });

  it('reads a record with a correct login name and password', async () => {
    const response = await getRecord({
      'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
    });
    expect(response.status).toBe(200);
    expect(response.json.record.title).toEqual({ type: 'SINGLE_LINE_TEXT', value: 'Task 1' });
  });

  it('accepts a non-ASCII login name and password encoded as UTF-8', async () => {
    const response = await getRecord({
      'x-cybozu-authorization': passwordHeader(USERS.yuki.loginName, USERS.yuki.password),
    });
    expect(response.status).toBe(200);
  });

  it('matches passwords after NFKC normalisation (full-width digits)', async () => {
    const response = await getRecord({
      'x-cybozu-authorization': passwordHeader(USERS.yuki.loginName, 'パスワード123'),
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['en', 'en'],
    ['ja', 'ja'],
    ['en-US,en;q=0.9', 'en'],
    ['fr;q=1, ja;q=0.8, en;q=0.5', 'ja'],
  ] as const)(
    'answers CB_AU01 without credentials [Accept-Language: %s]',
    async (header, language) => {
      const response = await getRecord({ 'accept-language': header });
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json).toEqual({
        code: 'CB_AU01',
        id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
        message: PLEASE_LOGIN[language],
      });
    },
  );

  it.each([
    ['a wrong password', passwordHeader('alice', 'not-the-password')],
    ['an unknown user', passwordHeader('nobody', 'alice-password')],
    ['an empty password', passwordHeader('alice', '')],
    [
      'the password "undefined" the client sends when none is set',
      passwordHeader('alice', 'undefined'),
    ],
    ['a value that is not base64', '***not base64***'],
    ['base64 without a colon', Buffer.from('alicealice-password').toString('base64')],
    ['a disabled user with the right password', passwordHeader('carol', 'carol-password')],
  ])('answers CB_WA01 for %s', async (_case, value) => {
    for (const language of ['ja', 'en'] as const) {
      const response = await getRecord({
        'x-cybozu-authorization': value,
        'accept-language': language,
      });
      expect(response.status).toBe(401);
      expect(response.json.code).toBe('CB_WA01');
      expect(response.json.message).toBe(PASSWORD_FAILED[language]);
    }
  });

  it('gives each error response its own id', async () => {
    const first = await getRecord({});
    const second = await getRecord({});
    expect(first.json.id).not.toBe(second.json.id);
  });

  it('never lets a valid token rescue a wrong password: the password header wins', async () => {
    const response = await getRecord({
      'x-cybozu-authorization': passwordHeader('alice', 'wrong'),
      'x-cybozu-api-token': '0'.repeat(40),
    });
    expect(response.json.code).toBe('CB_WA01');
  });
});

describe.each(DIALECTS)('legacy status codes [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed(), { legacyStatusCodes: true });
  });
  afterAll(() => server.close());

  it('answers 520 for CB_AU01 and CB_WA01 as Kintone did before 2024', async () => {
    const none = await rawRequest(server.url, { path: '/k/v1/record.json?app=1&id=1' });
    expect(none.status).toBe(520);
    expect(none.json.code).toBe('CB_AU01');

    const wrong = await rawRequest(server.url, {
      path: '/k/v1/record.json?app=1&id=1',
      headers: { 'x-cybozu-authorization': passwordHeader('alice', 'x') },
    });
    expect(wrong.status).toBe(520);
    expect(wrong.json.code).toBe('CB_WA01');
  });
});
