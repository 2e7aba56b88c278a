import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/crypto/digest.js';
import { DIALECTS } from '../support/dialects.js';
import { USERS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bearer, exchange, oauthSeed } from '../oauth/oauth-support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(here, '../../test-output/screenshots');
const SECRET = 'browser-client-secret-0123456789';

describe.each(DIALECTS)('OAuth consent in a real browser [%s]', (dialect) => {
  let server: TestServer;
  let callbackServer: http.Server;
  let redirectUri: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const client = () => ({ clientId: 'browser-client', clientSecret: SECRET, redirectUri });
  const authorizeUrl = (state: string) =>
    `${server.url}/oauth2/authorization?${new URLSearchParams({
      client_id: 'browser-client',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'k:app_record:read k:app_settings:read',
      state,
    })}`;

  beforeAll(async () => {
    // The client application: a callback page on another origin (another port).
    callbackServer = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('callback reached');
    });
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/cb`;

    server = await startTestServer(dialect, oauthSeed());
    const alice = await server.server.store.users.findByLoginName('alice');
    await server.server.store.oauthClients.create(
      {
        id: 'browser-client',
        name: 'Browser Test App',
        redirectUri,
        secretDigest: sha256Hex(SECRET),
        requirePkce: false,
      },
      [alice!.id],
      new Date().toISOString(),
    );

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 800 } });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => callbackServer?.close(resolve));
  });

  it('logs in, shows the consent page and approves, landing on the callback with a code', async () => {
    await page.goto(authorizeUrl('browser state/1'));
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('.form-username-slash > input.form-text', USERS.alice.loginName);
    await page.fill('.form-password-slash > input.form-text', USERS.alice.password);
    await Promise.all([page.waitForURL(/\/oauth2\/authorization\?/), page.click('.login-button')]);

    const card = await page.textContent('.kl-consent');
    expect(card).toContain(
      'Browser Test App が、あなた（Alice Admin）として kintone-local を利用することを求めています。',
    );
    expect(card).toContain('レコードの閲覧');
    expect(card).toContain('アプリの設定の閲覧');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `oauth-consent-${dialect}.png`) });

    await Promise.all([page.waitForURL(/\/cb\?/), page.click('.kl-consent-allow')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('state')).toBe('browser state/1');
    expect(await page.textContent('body')).toContain('callback reached');

    const tokens = await exchange(server.url, client(), landed.searchParams.get('code')!);
    expect(tokens.status).toBe(200);
    const app = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      bearer(tokens.json.access_token),
    );
    expect(app.json.name).toBe('Tasks');
  });

  it('denies, landing on the callback with access_denied and no code', async () => {
    await page.goto(authorizeUrl('deny-state'));
    await Promise.all([page.waitForURL(/\/cb\?/), page.click('.kl-consent-deny')]);
    const landed = new URL(page.url());
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('state')).toBe('deny-state');
    expect(landed.searchParams.has('code')).toBe(false);
  });

  it('lists the approval on the account page and revokes it', async () => {
    await page.goto(`${server.url}/k/account/oauth`);
    expect(await page.textContent('.kl-grants')).toContain('Browser Test App');
    await Promise.all([
      page.waitForURL(`${server.url}/k/account/oauth`),
      page.click('.kl-grant-revoke'),
    ]);
    expect(await page.textContent('.kl-main')).toContain('許可したアプリケーションはありません。');
  });
});
