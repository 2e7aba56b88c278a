import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseSeed } from '../../src/seed/read-seed.js';
import { startServer, type RunningServer } from '../../src/start.js';
import { jsonRequest } from '../support/http.js';
import {
  bearer,
  exchange,
  issueTokens,
  oauthSeed,
  obtainCode,
  loginCookie,
  postForm,
} from './oauth-support.js';

const BIN = new URL('../../bin/kintone-local.js', import.meta.url).pathname;
const run = promisify(execFile);

/** A refresh with a made-up token: invalid_grant once the client authenticated, else 401. */
async function authenticates(baseUrl: string, id: string, secret: string): Promise<boolean> {
  const response = await postForm(baseUrl, '/oauth2/token', {
    grant_type: 'refresh_token',
    refresh_token: 'x'.repeat(43),
    client_id: id,
    client_secret: secret,
  });
  return response.status === 400 && response.json.error === 'invalid_grant';
}

describe('kintone-local oauth-client', () => {
  const data = mkdtempSync(path.join(tmpdir(), 'kl-oauth-cli-'));
  const cli = async (...args: string[]) =>
    (await run(process.execPath, [BIN, ...args, '--data', data])).stdout;
  let server: RunningServer;
  let baseUrl: string;

  beforeAll(async () => {
    await cli('user', 'add', '--login', 'hana', '--password', 'hana-password');
    server = await startServer({
      config: loadConfig({ port: 0, logLevel: 'silent', dataDir: data }, {}),
    });
    baseUrl = server.url;
  });
  afterAll(async () => server.close());

  it('adds a client, prints a generated secret once, rotates it and removes the client', async () => {
    const added = await cli(
      'oauth-client',
      'add',
      '--name',
      'Reports',
      '--redirect-uri',
      'https://reports.example/cb',
      '--users',
      'hana',
      '--require-pkce',
    );
    const id = /client_id: +(\S+)/.exec(added)![1]!;
    const secret = /client_secret: +(\S+)/.exec(added)![1]!;
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await authenticates(baseUrl, id, secret)).toBe(true);

    const listed = await cli('oauth-client', 'list');
    expect(listed).toBe(
      `${id}  Reports  https://reports.example/cb  users: hana  (PKCE required)\n`,
    );
    expect(listed).not.toContain(secret);

    const rotated = await cli('oauth-client', 'rotate-secret', '--client-id', id);
    const newSecret = /client_secret: +(\S+)/.exec(rotated)![1]!;
    expect(newSecret).not.toBe(secret);
    expect(await authenticates(baseUrl, id, secret)).toBe(false);
    expect(await authenticates(baseUrl, id, newSecret)).toBe(true);

    expect(await cli('oauth-client', 'set-users', '--client-id', id, '--users', '')).toBe(
      `Client ${id} now allows 0 user(s).\n`,
    );
    expect(await cli('oauth-client', 'remove', '--client-id', id)).toBe(
      `Removed OAuth client ${id} and revoked its tokens.\n`,
    );
    expect(await authenticates(baseUrl, id, newSecret)).toBe(false);
    expect(await cli('oauth-client', 'list')).toBe('No OAuth clients.\n');
  });

  it('R24: a password change and a removal end tokens, and the audit log says so', async () => {
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
    const apps = (token: string) => jsonRequest(baseUrl, 'GET', '/k/v1/apps.json', bearer(token));
    let hana = { loginName: 'hana', password: 'hana-password' };
    const first = await issueTokens(baseUrl, 'k:app_settings:read', hana, client);
    expect((await apps(first.access_token)).status).toBe(200);

    expect(await cli('user', 'password', '--login', 'hana', '--password', 'hana-n3w')).toBe(
      'Changed the password of hana; ended the OAuth access of 1 client(s).\n',
    );
    expect((await apps(first.access_token)).status).toBe(401);
    hana = { ...hana, password: 'hana-n3w' };
    const second = await issueTokens(baseUrl, 'k:app_settings:read', hana, client);
    await cli('oauth-client', 'remove', '--client-id', client.clientId);
    expect((await apps(second.access_token)).status).toBe(401);

    const audit = await cli('audit', '--method', 'oauth', '--event', 'oauth_revoke', '--json');
    const lines = audit
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((e) => [e.loginName, e.reason])).toEqual([
      ['hana', `client_removed client_id=${client.clientId}`],
      ['hana', `password_change client_id=${client.clientId}`],
    ]);
    for (const secret of [client.clientSecret, first.access_token, first.refresh_token]) {
      expect(audit).not.toContain(secret);
    }
  });

  it('set changes the name and redirect URI: old codes stop, tokens stay valid', async () => {
    await cli('user', 'add', '--login', 'mio', '--password', 'mio-password');
    const added = await cli(
      'oauth-client',
      'add',
      '--name',
      'Board',
      '--redirect-uri',
      'https://board.example/cb',
      '--users',
      'mio',
    );
    const client = {
      clientId: /client_id: +(\S+)/.exec(added)![1]!,
      clientSecret: /client_secret: +(\S+)/.exec(added)![1]!,
      redirectUri: 'https://board.example/cb',
    };
    const mio = { loginName: 'mio', password: 'mio-password' };
    const tokens = await issueTokens(baseUrl, 'k:app_settings:read', mio, client);
    const cookie = await loginCookie(baseUrl, mio);
    const pending = await obtainCode(baseUrl, client, { scope: 'k:app_settings:read' }, cookie);

    const set = (...args: string[]) =>
      cli('oauth-client', 'set', '--client-id', client.clientId, ...args);
    expect(await set('--redirect-uri', 'https://board.example/v2/cb')).toBe(
      `Saved OAuth client ${client.clientId}: "Board", https://board.example/v2/cb\n`,
    );
    expect(await set('--name', 'Team Board')).toBe(
      `Saved OAuth client ${client.clientId}: "Team Board", https://board.example/v2/cb\n`,
    );
    expect(await cli('oauth-client', 'list')).toContain(
      `${client.clientId}  Team Board  https://board.example/v2/cb  users: mio\n`,
    );

    const refused = await exchange(baseUrl, client, pending);
    expect(refused.status).toBe(400);
    expect(refused.json.error).toBe('invalid_grant');
    const apps = await jsonRequest(baseUrl, 'GET', '/k/v1/apps.json', bearer(tokens.access_token));
    expect(apps.status).toBe(200);
    const moved = { ...client, redirectUri: 'https://board.example/v2/cb' };
    const again = await issueTokens(baseUrl, 'k:app_settings:read', mio, moved);
    expect(again.scope).toBe('k:app_settings:read');

    await expect(set('--redirect-uri', 'http://board.example/cb')).rejects.toMatchObject({
      stderr:
        'kintone-local: The redirect URI must use https ' +
        '(http only for localhost, 127.0.0.1 or [::1]).\n',
    });
    await expect(set()).rejects.toMatchObject({
      stderr: 'kintone-local: Give --name, --redirect-uri or both.\n',
    });
    await expect(
      cli('oauth-client', 'set', '--client-id', 'nobody', '--name', 'x'),
    ).rejects.toMatchObject({ stderr: 'kintone-local: No OAuth client nobody.\n' });
    expect(await cli('oauth-client', 'list')).toContain('Team Board  https://board.example/v2/cb');
  });

  it('refuses a redirect URI that is not https and names an unknown user', async () => {
    await expect(
      cli('oauth-client', 'add', '--name', 'x', '--redirect-uri', 'http://example.com/cb'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('The redirect URI must use https') });
    await expect(
      cli(
        'oauth-client',
        'add',
        '--name',
        'x',
        '--redirect-uri',
        'https://x.example/cb',
        '--users',
        'ghost',
      ),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('No user with the login name "ghost"'),
    });
  });
});

describe('oauthClients in a seed', () => {
  it('accepts the fixed test clients and refuses bad ones by name', () => {
    expect(parseSeed(oauthSeed()).oauthClients).toHaveLength(4);
    const bad = oauthSeed();
    bad.oauthClients![0] = {
      ...bad.oauthClients![0]!,
      redirectUri: 'https://x.example/cb#f',
      clientId: 'a b',
    };
    expect(() => parseSeed(bad)).toThrow(
      /oauthClients\[0\]\.clientId: must be 1 to 128 letters[\s\S]*oauthClients\[0\]\.redirectUri: must not contain a fragment/,
    );
    const typo = {
      ...oauthSeed(),
      oauthClients: [{ ...oauthSeed().oauthClients![0]!, secret: 'x' }],
    };
    expect(() => parseSeed(typo)).toThrow(/Unrecognized key: "secret"/);
  });
});
