import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, fixtureToken, TOKENS, USERS } from '../support/fixture.js';
import { passwordHeader, rawRequest, type RawResponse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

type Trigger = (server: TestServer, language: string) => Promise<RawResponse>;

const alice = passwordHeader(USERS.alice.loginName, USERS.alice.password);
const asAlice = { 'x-cybozu-authorization': alice };
const asToken = { 'x-cybozu-api-token': TOKENS.app1Full };

function get(path: string, headers: Record<string, string | string[]> = asAlice): Trigger {
  return (server, language) =>
    rawRequest(server.url, { path, headers: { ...headers, 'accept-language': language } });
}

function send(method: string, path: string, body: unknown, headers = asAlice): Trigger {
  return (server, language) =>
    rawRequest(server.url, {
      method,
      path,
      headers: { ...headers, 'content-type': 'application/json', 'accept-language': language },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
}

/**
 * One request that provokes each error, and Kintone's answer for it: status, code, and the
 * message in English and Japanese, written out here rather than read from the table.
 */
const CATALOGUE: Array<[string, Trigger, number, string, string]> = [
  ['CB_AU01', get('/k/v1/records.json?app=1', {}), 401, 'Please login.', 'ログインしてください。'],
  [
    'CB_WA01',
    get('/k/v1/records.json?app=1', { 'x-cybozu-authorization': passwordHeader('alice', 'no') }),
    401,
    'Password authentication failed. The value in http header of X-Cybozu-Authorization is not valid.',
    'ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」ヘッダーの値が正しくありません。',
  ],
  [
    'GAIA_IA02',
    get('/k/v1/records.json?app=1', { 'x-cybozu-api-token': fixtureToken('unknown') }),
    400,
    'The specified API token does not match the API token generated via an app. ' +
      "Check the app's API token settings. If the settings are correct, the API token settings " +
      'may not have been applied to the app yet: update the app to apply them.',
    '指定したAPIトークンは、アプリで生成されたトークンと異なります。アプリのAPIトークンの設定を確認してください。' +
      '設定が正しい場合、APIトークンの設定がアプリに反映されていない場合があります。' +
      'アプリの設定を更新し、APIトークンの設定をアプリに反映します。',
  ],
  [
    'GAIA_AP15',
    get('/k/v1/records.json?app=1', { 'x-cybozu-api-token': TOKENS.app4View }),
    400,
    'The API token does not match the app (ID: 1).',
    'APIトークンとアプリ(id: 1)の組み合わせが正しくありません。',
  ],
  [
    'GAIA_NO01',
    get('/k/v1/records.json?app=1', { 'x-cybozu-api-token': TOKENS.app1Add }),
    403,
    'Using this API token, you cannot run the specified API.',
    'このAPIトークンでは、指定したAPIを実行できません。',
  ],
  [
    'GAIA_DA03',
    get('/k/v1/records.json?app=1', { 'x-cybozu-api-token': [TOKENS.app1Full, TOKENS.app1View] }),
    400,
    'You cannot specify a duplicate API token for the same app.',
    '同じアプリのAPIトークンを重複して指定することはできません。',
  ],
  [
    'KL_TM01',
    get('/k/v1/records.json?app=1', {
      'x-cybozu-api-token': Array.from({ length: 10 }, (_, i) => fixtureToken(`x${i}`)).join(','),
    }),
    400,
    'You can specify up to 9 API tokens in one request.',
    '1回のリクエストで指定できるAPIトークンは9個までです。',
  ],
  [
    'CB_NO02',
    get('/k/guest/2/v1/records.json?app=1'),
    403,
    'No privilege to proceed.',
    '権限がありません。',
  ],
  [
    'CB_IL02',
    get('/k/v1/records.json?app=1', { ...asAlice, 'content-type': 'application/json' }),
    400,
    'Illegal request.',
    '不正なリクエストです。',
  ],
  [
    'CB_IJ01',
    send('POST', '/k/v1/record.json', '{"app":'),
    400,
    'Invalid JSON string.',
    '不正なJSON文字列です。',
  ],
  [
    'CB_VA01',
    get('/k/v1/records.json'),
    400,
    'Missing or invalid input.',
    '入力内容が正しくありません。',
  ],
  [
    'KL_UR01',
    get('/k/v1/no-such-api.json'),
    404,
    'The specified API does not exist.',
    '指定したAPIは存在しません。',
  ],
  [
    'KL_NI01',
    send('POST', '/k/v1/search.json', { keyword: 'report' }),
    400,
    'This feature is not supported by kintone-local yet: POST /k/v1/search.json',
    'この機能はkintone-localではまだ使えません: POST /k/v1/search.json',
  ],
  [
    'GAIA_RE02',
    send('DELETE', '/k/v1/record/comment.json', { app: 1, record: 1, comment: 999 }),
    400,
    'The specified comment does not exist. The comment may have been deleted.',
    '指定したコメントが存在しません。削除された可能性があります。',
  ],
  [
    'GAIA_AP01',
    get('/k/v1/records.json?app=77'),
    404,
    'The app (ID: 77) not found. The app may have been deleted.',
    '指定したアプリ（id: 77）が見つかりません。削除されている可能性があります。',
  ],
  [
    'GAIA_IL23',
    get('/k/v1/records.json?app=2'),
    400,
    "When you operate an app in a guest space, please send the request to '/k/guest/(guest space ID)/v1/...'.",
    'ゲストスペース内のアプリを操作する場合は、リクエストの送信先を「/k/guest/（ゲストスペースのID）/v1/...」にします。',
  ],
  [
    'GAIA_RE01',
    get('/k/v1/record.json?app=1&id=9999'),
    404,
    'The specified record (ID: 9999) is not found.',
    '指定したレコード（id: 9999）が見つかりません。',
  ],
  [
    'GAIA_RE20',
    send('PUT', '/k/v1/record.json', {
      app: 1,
      updateKey: { field: 'code', value: 'none' },
      record: {},
    }),
    404,
    'The specified record (code: none) is not found.',
    '指定したレコード（code: none）が見つかりません。',
  ],
  [
    'GAIA_CO02',
    send('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: 99, record: {} }, asToken as never),
    409,
    'The revision is not the latest. Someone may update a record.',
    '指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。',
  ],
  [
    'GAIA_QU01',
    get('/k/v1/records.json?app=1&query=limit%20501'),
    400,
    'The limit must be 500 or less.',
    'limitには500以下の値を指定してください。',
  ],
  [
    'GAIA_QU02',
    get('/k/v1/records.json?app=1&query=offset%2010001'),
    400,
    'The offset must be 10,000 or less.',
    'offsetには10000以下の値を指定してください。',
  ],
];

describe.each(DIALECTS)('every error in both languages [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  it.each(CATALOGUE)('%s', async (code, trigger, status, english, japanese) => {
    for (const [language, message] of [
      ['en', english],
      ['ja', japanese],
    ] as const) {
      const response = await trigger(server, language);
      expect(response.status).toBe(status);
      expect(response.headers['x-cybozu-error']).toBe(code);
      expect(response.json).toMatchObject({ code, message });
      expect(response.json.id).toMatch(/^[A-Za-z0-9]{20}$/);
    }
  });
});
