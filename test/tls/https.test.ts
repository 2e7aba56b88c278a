import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { httpsRequest, runNode, servedFingerprint } from './tls-helpers.js';

const CLIENT = `
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
const client = new KintoneRestAPIClient({
  baseUrl: process.env.BASE_URL,
  auth: { apiToken: process.env.TOKEN },
});
const { record } = await client.record.getRecord({ app: 1, id: 1 });
console.log(record.title.value);
`;

describe.each(DIALECTS)('HTTPS with a generated certificate [%s]', (dialect) => {
  let dataDir: string;
  let server: TestServer;
  let base: string;
  let certFile: string;

  function start() {
    return startTestServer(dialect, fixtureSeed(), {
      host: '127.0.0.1',
      dataDir,
      tls: { selfSigned: { extraNames: ['kintone.test'] } },
    });
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'kl-tls-'));
    server = await start();
    // 127.0.0.1, not localhost: the official client accepts plain HTTP for localhost only.
    base = `https://127.0.0.1:${new URL(server.server.url).port}`;
    certFile = server.server.tls!.certFile;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the pair in the data folder, the key readable by its owner only', () => {
    expect(server.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(server.server.tls).toEqual({
      certFile: path.join(dataDir, 'tls', 'cert.pem'),
      selfSigned: 'created',
    });
    expect(statSync(path.join(dataDir, 'tls', 'key.pem')).mode & 0o777).toBe(0o600);
  });

  it('is trusted by @kintone/rest-api-client through NODE_EXTRA_CA_CERTS', async () => {
    const result = await runNode(CLIENT, {
      BASE_URL: base,
      TOKEN: TOKENS.app1View,
      NODE_EXTRA_CA_CERTS: certFile,
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('Task 1\n');
  });

  it('is refused by the same client without NODE_EXTRA_CA_CERTS', async () => {
    const result = await runNode(CLIENT, { BASE_URL: base, TOKEN: TOKENS.app1View });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/self[- ]signed certificate/i);
  });

  it('sets a Secure, __Host- prefixed session cookie at login', async () => {
    const form = new URLSearchParams({
      username: USERS.alice.loginName,
      password: USERS.alice.password,
    });
    const response = await httpsRequest(`${base}/login`, certFile, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: form.toString(),
    });
    expect(response.status).toBe(303);
    const cookies = response.headers['set-cookie'] ?? [];
    expect(cookies).toHaveLength(1);
    const line = cookies[0]!;
    expect(line).toMatch(/^__Host-kintone-session=[A-Za-z0-9]{24}\.[A-Za-z0-9]{32}; /);
    for (const attribute of ['Secure', 'HttpOnly', 'SameSite=Lax', 'Path=/']) {
      expect(line.split('; ')).toContain(attribute);
    }
    expect(line).not.toMatch(/Domain=/i);

    const page = await httpsRequest(`${base}/k/`, certFile, {
      headers: { cookie: line.split(';')[0]! },
    });
    expect(page.status).toBe(200);
  });

  it('serves the same certificate after a restart', async () => {
    const ca = readFileSync(certFile, 'utf8');
    const before = await servedFingerprint(Number(new URL(base).port), ca);
    await server.close();

    server = await start();
    expect(server.server.tls?.selfSigned).toBe('reused');
    base = `https://127.0.0.1:${new URL(server.server.url).port}`;
    const after = await servedFingerprint(Number(new URL(base).port), ca);
    expect(after).toBe(before);
    expect(readFileSync(certFile, 'utf8')).toBe(ca);
  });
});
