import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { startServer, type RunningServer } from '../../src/start.js';
import { exchange, loginCookie, obtainCode } from '../oauth/oauth-support.js';

const BIN = new URL('../../bin/kintone-local.js', import.meta.url).pathname;
const run = promisify(execFile);

/** A code issued before an account change must not outlive the change. */
describe('OAuth codes across a password change', () => {
  const data = mkdtempSync(path.join(tmpdir(), 'kl-oauth-break-'));
  const cli = async (...args: string[]) =>
    (await run(process.execPath, [BIN, ...args, '--data', data])).stdout;
  let server: RunningServer;

  beforeAll(async () => {
    await cli('user', 'add', '--login', 'hana', '--password', 'hana-password');
    server = await startServer({
      config: loadConfig({ port: 0, logLevel: 'silent', dataDir: data }, {}),
    });
  });
  afterAll(async () => server.close());

  it('refuses a code issued before the password changed', async () => {
    const added = await cli(
      'oauth-client',
      'add',
      '--name',
      'Sync',
      '--redirect-uri',
      'https://sync.example/cb',
      '--users',
      'hana',
    );
    const client = {
      clientId: /client_id: +(\S+)/.exec(added)![1]!,
      clientSecret: /client_secret: +(\S+)/.exec(added)![1]!,
      redirectUri: 'https://sync.example/cb',
    };
    const cookie = await loginCookie(server.url, { loginName: 'hana', password: 'hana-password' });
    const code = await obtainCode(server.url, client, { scope: 'k:app_record:read' }, cookie);

    await cli('user', 'password', '--login', 'hana', '--password', 'hana-n3w');

    const answer = await exchange(server.url, client, code);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toBe('invalid_grant');
  });
});
