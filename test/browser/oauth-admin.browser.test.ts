import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bearer, exchange, refreshWith } from '../oauth/oauth-support.js';
import { launchChromium, logIn, screenshot } from './browser-support.js';

const ADMIN_PAGE = '/k/admin/oauth';
const ACCOUNT_PAGE = '/k/account/oauth';
const CLIENT_NAME = 'Weekly Report';

// From registration to revocation as people do it: an administrator registers a client on the
// admin page, a user approves it on the consent page, then revokes it on their account page.
describe.each(DIALECTS)('OAuth client administration in a real browser [%s]', (dialect) => {
  let server: TestServer;
  let callbackServer: http.Server;
  let redirectUri: string;
  let browser: Browser;
  let adminPage: Page;
  let userPage: Page;
  // What the administrator read off the page, and what the client got for bob's approval.
  let client: { clientId: string; clientSecret: string; redirectUri: string };
  let tokens: { access_token: string; refresh_token: string };

  const readRecord = (accessToken: string) =>
    jsonRequest(server.url, 'GET', '/k/v1/record.json?app=1&id=1', bearer(accessToken));

  beforeAll(async () => {
    // The client application: a callback page on another origin whose landing the test sees.
    callbackServer = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('callback reached');
    });
    await new Promise<void>((resolve) => callbackServer.listen(0, '127.0.0.1', resolve));
    redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/cb`;

    server = await startTestServer(dialect, fixtureSeed());
    browser = await launchChromium();
    const viewport = { width: 1280, height: 800 };
    adminPage = await (await browser.newContext({ locale: 'en-US', viewport })).newPage();
    userPage = await (await browser.newContext({ locale: 'en-US', viewport })).newPage();
    // A missing element fails its step with the locator named, well before the test's timeout.
    adminPage.setDefaultTimeout(10_000);
    userPage.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await new Promise((resolve) => callbackServer?.close(resolve));
  });

  it('registers a client on the admin page and shows its secret only once', async () => {
    await logIn(adminPage, server.url, USERS.alice, ADMIN_PAGE);
    expect(new URL(adminPage.url()).pathname).toBe(ADMIN_PAGE);
    expect(await adminPage.textContent('.kl-settings-menu [aria-current=page]')).toBe(
      'OAuth clients',
    );
    await adminPage.getByLabel('Name', { exact: true }).fill(CLIENT_NAME);
    await adminPage.getByLabel('Redirect URI', { exact: true }).fill(redirectUri);
    await adminPage.getByLabel('Allowed users (login names, comma-separated)').fill('bob');
    await Promise.all([
      adminPage.waitForURL(`${server.url}${ADMIN_PAGE}/add`),
      adminPage.getByRole('button', { name: 'Add', exact: true }).click(),
    ]);

    const clientId = (await adminPage.textContent('.kl-client-id'))!;
    const clientSecret = (await adminPage.textContent('.kl-client-secret'))!;
    expect(clientId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await adminPage.textContent('.kl-message-done')).toBe(
      `Client ${clientId} added. Copy its secret now: it is not shown again.`,
    );
    await screenshot(adminPage, 'admin-oauth-secret');
    client = { clientId, clientSecret, redirectUri };

    await adminPage.goto(`${server.url}${ADMIN_PAGE}`);
    const row = adminPage.locator(`tr[data-client-id="${clientId}"]`);
    expect(await row.textContent()).toContain(CLIENT_NAME);
    expect(await row.textContent()).toContain(redirectUri);
    expect(await adminPage.locator('.kl-client-secret').count()).toBe(0);
    expect(await adminPage.content()).not.toContain(clientSecret);
    await screenshot(adminPage, 'admin-oauth-clients');
  });

  it('lets that client get a code from bob, exchange it and call the API', async () => {
    const authorize = `/oauth2/authorization?${new URLSearchParams({
      client_id: client.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'k:app_record:read',
      state: 'report-state',
    })}`;
    await logIn(userPage, server.url, USERS.bob, authorize);
    expect(await userPage.textContent('.kl-consent')).toContain(
      `${CLIENT_NAME} asks to use kintone-local as you (Bob).`,
    );
    await Promise.all([userPage.waitForURL(/\/cb\?/), userPage.click('.kl-consent-allow')]);
    const landed = new URL(userPage.url());
    expect(landed.searchParams.get('state')).toBe('report-state');
    expect(await userPage.textContent('body')).toContain('callback reached');

    const exchanged = await exchange(server.url, client, landed.searchParams.get('code')!);
    expect(exchanged.status).toBe(200);
    expect(exchanged.json).toMatchObject({ token_type: 'Bearer', scope: 'k:app_record:read' });
    tokens = exchanged.json;
    const record = await readRecord(tokens.access_token);
    expect(record.status).toBe(200);
    expect(record.json.record.title.value).toBe('Task 1');
  });

  it('ends both tokens when bob revokes the client on his account page', async () => {
    await userPage.goto(`${server.url}${ACCOUNT_PAGE}`);
    expect(await userPage.textContent('.kl-grants')).toContain(CLIENT_NAME);
    await screenshot(userPage, 'account-authorized-clients');
    await Promise.all([
      userPage.waitForURL(`${server.url}${ACCOUNT_PAGE}`),
      userPage.click('.kl-grant-revoke'),
    ]);
    expect(await userPage.textContent('.kl-main')).toContain(
      'You have not authorized any application.',
    );

    const refused = await readRecord(tokens.access_token);
    expect(refused.status).toBe(401);
    expect(refused.json.code).toBe('CB_AU01');
    expect(refused.headers['www-authenticate']).toContain('error="invalid_token"');
    const refresh = await refreshWith(server.url, client, tokens.refresh_token);
    expect(refresh.status).toBe(400);
    expect(refresh.json.error).toBe('invalid_grant');
  });

  it('renames the client through its Edit form', async () => {
    await adminPage.goto(`${server.url}${ADMIN_PAGE}`);
    const row = adminPage.locator(`tr[data-client-id="${client.clientId}"]`);
    await row.getByText('Edit', { exact: true }).click();
    await row.getByLabel('Name').fill('Weekly Report v2');
    await Promise.all([
      adminPage.waitForURL(`${server.url}${ADMIN_PAGE}/edit`),
      row.getByRole('button', { name: 'Save' }).click(),
    ]);
    expect(await adminPage.textContent('.kl-message-done')).toContain(
      `Client ${client.clientId} saved.`,
    );
    const saved = adminPage.locator(`tr[data-client-id="${client.clientId}"] td`).nth(1);
    expect(await saved.textContent()).toBe('Weekly Report v2');
  });
});
