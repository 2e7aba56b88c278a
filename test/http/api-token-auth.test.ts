import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, fixtureToken, TOKENS } from '../support/fixture.js';
import { jsonRequest, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const UNKNOWN_TOKEN_EN =
  'The specified API token does not match the API token generated via an app.';
const UNKNOWN_TOKEN_JA =
  '指定したAPIトークンは、アプリで生成されたトークンと異なります。アプリのAPIトークンの設定を確認してください。' +
  '設定が正しい場合、APIトークンの設定がアプリに反映されていない場合があります。' +
  'アプリの設定を更新し、APIトークンの設定をアプリに反映します。';

describe.each(DIALECTS)('API token authentication [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const getRecords = (token: string | string[], language = 'en', app = 1) =>
    rawRequest(server.url, {
      path: `/k/v1/records.json?app=${app}`,
      headers: { 'x-cybozu-api-token': token, 'accept-language': language },
    });

  it("reads records with the app's token", async () => {
    const response = await getRecords(TOKENS.app1View);
    expect(response.status).toBe(200);
    expect(response.json.records).toHaveLength(5);
    expect(response.json.totalCount).toBeNull();
  });

  it.each([
    ['a comma list without spaces', `${TOKENS.app1View},${TOKENS.app4View}`],
    ['a comma list with spaces', `${TOKENS.app1View} , ${TOKENS.app4View}`],
    ['repeated headers', [TOKENS.app1View, TOKENS.app4View]],
  ])('accepts tokens of several apps as %s', async (_form, header) => {
    const response = await getRecords(header);
    expect(response.status).toBe(200);
    expect(response.json.records).toHaveLength(5);
  });

  it('refuses an unknown token with GAIA_IA02 in both languages', async () => {
    const en = await getRecords(fixtureToken('nosuchtoken'));
    expect(en.status).toBe(400);
    expect(en.json.code).toBe('GAIA_IA02');
    expect(en.json.message.startsWith(UNKNOWN_TOKEN_EN)).toBe(true);

    const ja = await getRecords(fixtureToken('nosuchtoken'), 'ja');
    expect(ja.json.message).toBe(UNKNOWN_TOKEN_JA);
  });

  it('refuses the whole request when one of several tokens is unknown', async () => {
    const response = await getRecords(`${TOKENS.app1Full},${fixtureToken('nosuchtoken')}`);
    expect(response.status).toBe(400);
    expect(response.json.code).toBe('GAIA_IA02');
  });

  it('refuses a token that is not 40 letters and digits as unknown', async () => {
    const response = await getRecords('short-token');
    expect(response.json.code).toBe('GAIA_IA02');
  });

  it('refuses two tokens of the same app with GAIA_DA03', async () => {
    const response = await getRecords(`${TOKENS.app1View},${TOKENS.app1Second}`);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: 'GAIA_DA03',
      message: 'You cannot specify a duplicate API token for the same app.',
    });
  });

  it('refuses ten tokens: Kintone takes at most nine', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => fixtureToken(`t${i}`)).join(',');
    const response = await getRecords(ten);
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: 'KL_TM01',
      message: 'You can specify up to 9 API tokens in one request.',
    });
  });

  it('refuses a token of another app with GAIA_AP15', async () => {
    const response = await getRecords(TOKENS.app4View, 'ja');
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: 'GAIA_AP15',
      message: 'APIトークンとアプリ(id: 1)の組み合わせが正しくありません。',
    });
  });

  it('refuses an operation the token has no checkbox for with GAIA_NO01', async () => {
    const add = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/record.json',
      { 'x-cybozu-api-token': TOKENS.app1View },
      { app: 1, record: { title: { value: 'x' } } },
    );
    expect(add.status).toBe(403);
    expect(add.json).toMatchObject({
      code: 'GAIA_NO01',
      message: 'Using this API token, you cannot run the specified API.',
    });

    const read = await getRecords(TOKENS.app1Add);
    expect(read.status).toBe(403);
    expect(read.json.code).toBe('GAIA_NO01');
  });

  it('lets an add-only token add a record, recorded as Administrator', async () => {
    const add = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/record.json',
      { 'x-cybozu-api-token': TOKENS.app1Add },
      { app: 1, record: { title: { value: 'added by token' } } },
    );
    expect(add.status).toBe(200);

    const read = await rawRequest(server.url, {
      path: `/k/v1/record.json?app=1&id=${add.json.id}`,
      headers: { 'x-cybozu-api-token': TOKENS.app1Full },
    });
    expect(read.json.record['作成者'].value).toEqual({
      code: 'Administrator',
      name: 'Administrator',
    });
  });

  it('lets any of view, add or manage read the form fields', async () => {
    for (const token of [TOKENS.app1View, TOKENS.app1Add, TOKENS.app1Manage]) {
      const response = await rawRequest(server.url, {
        path: '/k/v1/app/form/fields.json?app=1',
        headers: { 'x-cybozu-api-token': token },
      });
      expect(response.status).toBe(200);
      expect(response.json.properties.title.type).toBe('SINGLE_LINE_TEXT');
    }
  });

  it('refuses tokens on the apps list, which Kintone does not open to tokens', async () => {
    const response = await rawRequest(server.url, {
      path: '/k/v1/apps.json',
      headers: { 'x-cybozu-api-token': TOKENS.app1Full },
    });
    expect(response.status).toBe(403);
    expect(response.json.code).toBe('GAIA_NO01');
  });
});
