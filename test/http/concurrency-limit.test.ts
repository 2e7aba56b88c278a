import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS } from '../support/fixture.js';
import { rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('the concurrency limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', fixtureSeed(), { concurrencyLimit: 5 });
  });
  afterAll(() => server.close());

  it('puts the limit and the running count on every API response', async () => {
    const response = await rawRequest(server.url, {
      path: '/k/v1/record.json?app=1&id=1',
      headers: { 'x-cybozu-api-token': TOKENS.app1Full },
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-concurrencylimit-limit']).toBe('5');
    expect(response.headers['x-concurrencylimit-running']).toBe('1');
  });

  it("answers the requests beyond the limit with 429 GAIA_TO04 and Kintone's headers", async () => {
    // Requests that send their headers but not yet their body stay running until the body comes.
    const agent = new http.Agent({ keepAlive: false, maxSockets: 100 });
    const held = Array.from({ length: 5 }, () => holdOpen(server.url, agent));
    await Promise.all(held.map((h) => h.started));

    const refused = await rawRequest(server.url, {
      path: '/k/v1/records.json?app=1',
      headers: { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers['x-cybozu-error']).toBe('GAIA_TO04');
    expect(refused.headers['x-concurrencylimit-limit']).toBe('5');
    expect(refused.headers['x-concurrencylimit-running']).toBe('6');
    expect(refused.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect(refused.json).toMatchObject({
      code: 'GAIA_TO04',
      message: 'The number of concurrent API requests exceeds the limit.',
    });

    const statuses = await Promise.all(held.map((h) => h.finish()));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    // Once they are done, the count is back to one: nothing leaked.
    const after = await rawRequest(server.url, {
      path: '/k/v1/record.json?app=1&id=1',
      headers: { 'x-cybozu-api-token': TOKENS.app1Full },
    });
    expect(after.headers['x-concurrencylimit-running']).toBe('1');
    agent.destroy();
  });
});

describe.each(DIALECTS)('the default concurrency limit of 100 [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  it('refuses exactly 50 of 150 concurrent requests with 429', async () => {
    const agent = new http.Agent({ keepAlive: false, maxSockets: 200 });
    const held = Array.from({ length: 150 }, () => holdOpen(server.url, agent));
    await Promise.all(held.map((h) => h.started));

    const statuses = await Promise.all(held.map((h) => h.finish()));
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50);
    agent.destroy();
  });
});

/** A GET whose JSON body is held back, so the server counts it as running until `finish`. */
function holdOpen(baseUrl: string, agent: http.Agent) {
  const body = JSON.stringify({ app: 1, id: 1 });
  let status: Promise<number>;
  const request = http.request(new URL('/k/v1/record.json', baseUrl), {
    method: 'GET',
    agent,
    headers: {
      'x-cybozu-api-token': TOKENS.app1Full,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
  });
  status = new Promise((resolve, reject) => {
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
  request.flushHeaders();
  const started = new Promise<void>((resolve) => setTimeout(resolve, 300));
  return {
    started,
    finish: () => {
      request.end(body);
      return status;
    },
  };
}
