import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSeed, TOKENS } from '../support/fixture.js';
import { rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('the domain-wide Basic layer', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', fixtureSeed(), {
      basicAuth: { username: 'gate', password: 'open sesame' },
    });
  });
  afterAll(() => server.close());

  const getRecords = (headers: Record<string, string>) =>
    rawRequest(server.url, { path: '/k/v1/records.json?app=1', headers });

  it('challenges a request without Basic credentials, as a browser expects', async () => {
    const response = await getRecords({ 'x-cybozu-api-token': TOKENS.app1Full });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(
      'Basic realm="kintone-local", charset="UTF-8"',
    );
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('challenges wrong Basic credentials the same way', async () => {
    for (const header of [
      basic('gate', 'wrong'),
      basic('other', 'open sesame'),
      'Basic !!!',
      'Bearer x',
    ]) {
      const response = await getRecords({
        authorization: header,
        'x-cybozu-api-token': TOKENS.app1Full,
      });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic /);
    }
  });

  it('passes the right Basic credentials on to Kintone authentication', async () => {
    const ok = await getRecords({
      authorization: basic('gate', 'open sesame'),
      'x-cybozu-api-token': TOKENS.app1Full,
    });
    expect(ok.status).toBe(200);

    const noKintoneCredential = await getRecords({ authorization: basic('gate', 'open sesame') });
    expect(noKintoneCredential.status).toBe(401);
    expect(noKintoneCredential.json.code).toBe('CB_AU01');
  });

  it('keeps the health check open', async () => {
    const response = await rawRequest(server.url, { path: '/healthz' });
    expect(response.status).toBe(200);
  });
});
