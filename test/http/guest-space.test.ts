import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const GUEST_PATH_JA =
  'ゲストスペース内のアプリを操作する場合は、リクエストの送信先を「/k/guest/（ゲストスペースのID）/v1/...」にします。';

describe.each(DIALECTS)('guest-space paths [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const alice = {
    'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
  };
  const get = (path: string, headers: Record<string, string> = alice) =>
    rawRequest(server.url, { path, headers: { 'accept-language': 'ja', ...headers } });

  it('serves a guest-space app through its own guest path', async () => {
    const response = await get('/k/guest/2/v1/records.json?app=2');
    expect(response.status).toBe(200);
    expect(response.json.records).toHaveLength(3);
  });

  it('answers GAIA_IL23 for a guest-space app through /k/v1/, with passwords and tokens', async () => {
    for (const headers of [alice, { 'x-cybozu-api-token': TOKENS.guestAppFull }]) {
      const response = await get('/k/v1/records.json?app=2', headers);
      expect(response.status).toBe(400);
      expect(response.json).toMatchObject({ code: 'GAIA_IL23', message: GUEST_PATH_JA });
    }
  });

  it('answers CB_NO02 for a normal app through a guest path', async () => {
    const response = await get('/k/guest/2/v1/record.json?app=1&id=1');
    expect(response.status).toBe(403);
    expect(response.json).toMatchObject({ code: 'CB_NO02', message: '権限がありません。' });
  });

  it("answers CB_NO02 for a guest app through another space's guest path", async () => {
    const response = await get('/k/guest/1/v1/record.json?app=2&id=1');
    expect(response.status).toBe(403);
    expect(response.json.code).toBe('CB_NO02');
  });

  it('serves an app of a normal space through /k/v1/', async () => {
    const response = await get('/k/v1/records.json?app=3', {
      'x-cybozu-api-token': TOKENS.spaceAppFull,
    });
    expect(response.status).toBe(200);
    expect(response.json.records).toHaveLength(2);
  });

  it("lists only that guest space's apps on a guest path", async () => {
    const guest = await get('/k/guest/2/v1/apps.json');
    expect(guest.json.apps.map((a: { appId: string }) => a.appId)).toEqual(['2']);

    const normal = await get('/k/v1/apps.json');
    expect(normal.json.apps.map((a: { appId: string }) => a.appId)).toEqual(['1', '3', '4']);
  });

  it('answers GAIA_AP01 for an app that does not exist', async () => {
    const response = await get('/k/v1/records.json?app=99');
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({
      code: 'GAIA_AP01',
      message: '指定したアプリ（id: 99）が見つかりません。削除されている可能性があります。',
    });
  });
});
