import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, logIn, screenshot } from './browser-support.js';

const DAVE = { loginName: 'dave', password: 'dave-password-1' };

// The pages are the same on both engines (their stores are tested on both in test/web/): one
// run is enough, on SQLite unless only PostgreSQL was asked for.
const BROWSER_DIALECTS = DIALECTS.includes('sqlite') ? ['sqlite' as const] : DIALECTS.slice(0, 1);

describe.each(BROWSER_DIALECTS)('administration pages [%s]', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let admin: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    browser = await launchChromium();
    admin = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    page = await admin.newPage();
    await logIn(page, server.url, USERS.alice);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets an administrator add a user from the header link', async () => {
    await page.goto(`${server.url}/k/`);
    await Promise.all([page.waitForURL(/\/k\/admin\/users$/), page.click('text=Administration')]);
    await screenshot(page, 'admin-users');

    await page.click('text=Add user');
    await page.fill('#field-loginName', DAVE.loginName);
    await page.fill('#field-displayName', 'Dave <b>Doe</b>');
    await page.fill('#field-password', DAVE.password);
    await screenshot(page, 'admin-user-new');
    await Promise.all([
      page.waitForURL(/\/k\/admin\/users$/),
      page.click('button:text("Add user")'),
    ]);

    expect(await page.textContent('.kl-message-done')).toContain('The user was added.');
    // Escaped, never markup.
    expect(await page.textContent('.kl-table')).toContain('Dave <b>Doe</b>');

    const created = await jsonRequest(server.url, 'GET', '/k/v1/app.json?id=1', {
      'X-Cybozu-Authorization': Buffer.from(`${DAVE.loginName}:${DAVE.password}`).toString(
        'base64',
      ),
    });
    expect(created.status).toBe(200);
  });

  it('adds a user with the keyboard alone', async () => {
    await page.goto(`${server.url}/k/admin/users/new`);
    await page.focus('#field-loginName');
    await page.keyboard.type('frank');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Frank');
    await page.keyboard.press('Tab');
    await page.keyboard.type('frank-password');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('field-isAdmin');
    await page.keyboard.press('Tab');
    await Promise.all([page.waitForURL(/\/k\/admin\/users$/), page.keyboard.press('Enter')]);
    expect(await page.textContent('.kl-table')).toContain('frank');
  });

  it('refuses a form without the request token', async () => {
    const answer = await page.evaluate(async () => {
      const response = await fetch('/k/admin/users', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'loginName=mallory&password=mallory-password',
      });
      return { status: response.status, body: await response.json() };
    });
    expect(answer).toMatchObject({ status: 400, body: { code: 'CB_IL02' } });
  });

  it('generates an API token that works only after Update App', async () => {
    await page.goto(`${server.url}/k/1/`);
    await Promise.all([
      page.waitForURL(/\/k\/admin\/app\/flow\?app=1$/),
      page.click('text=App settings'),
    ]);
    await Promise.all([
      page.waitForURL(/apitoken\?app=1$/),
      page.click('.kl-settings-menu >> text=API token'),
    ]);
    await Promise.all([page.waitForURL(/apitoken\?app=1$/), page.click('button:text("Generate")')]);

    const token = await page.inputValue('#new-token');
    expect(token).toMatch(/^[A-Za-z0-9]{40}$/);
    await screenshot(page, 'app-api-token');

    // The new token is the last one listed; it is a draft with only "view records" ticked.
    const item = page.locator('.kl-token').last();
    expect(await item.textContent()).toContain('Draft');
    expect(await item.textContent()).toContain(token.slice(-4));
    await item.locator('label:has-text("Add records")').click();
    await item.locator('textarea').fill('integration test');
    await Promise.all([
      page.waitForURL(/apitoken\?app=1$/),
      item.locator('button:text("Save")').click(),
    ]);
    expect(await page.textContent('.kl-message-done')).toContain('Saved');
    // Shown once: a reload shows only the last four characters.
    expect(await page.locator('#new-token').count()).toBe(0);

    const draft = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      'X-Cybozu-API-Token': token,
    });
    expect(draft.status).toBe(400);
    expect(draft.json.code).toBe('GAIA_IA02');

    await page.goto(`${server.url}/k/admin/app/flow?app=1`);
    expect(await page.textContent('#deploy-state')).toContain('not in use yet');
    await Promise.all([page.waitForURL(/flow\?app=1$/), page.click('button:text("Update App")')]);
    expect(await page.textContent('.kl-message-done')).toContain('The app was updated');
    await screenshot(page, 'app-settings');

    const client = new KintoneRestAPIClient({ baseUrl: server.url, auth: { apiToken: token } });
    const { records } = await client.record.getRecords({ app: 1, query: 'order by $id asc' });
    expect(records[0]?.title?.value).toBe('Task 1');
    const added = await client.record.addRecord({
      app: 1,
      record: { title: { value: 'by token' } },
    });
    expect(Number(added.id)).toBeGreaterThan(0);
  });

  it('shows the app permissions and customization', async () => {
    await page.goto(`${server.url}/k/admin/app/permission?app=1`);
    expect(await page.textContent('.kl-table')).toContain('Creator');
    await screenshot(page, 'app-permissions');
    await page.goto(`${server.url}/k/admin/app/customize?app=1`);
    expect(await page.textContent('h1')).toContain('customization');
    await screenshot(page, 'app-customization');
  });

  it('manages group and space members', async () => {
    await page.goto(`${server.url}/k/admin/groups`);
    await page.fill('#field-code', 'sales');
    await page.fill('#field-name', 'Sales team');
    await Promise.all([page.waitForURL(/groups\/sales$/), page.click('button:text("Add group")')]);
    await page.selectOption('#member-user', { label: 'dave (Dave <b>Doe</b>)' });
    await Promise.all([page.waitForURL(/groups\/sales$/), page.click('button:text("Add member")')]);
    expect(await page.textContent('.kl-table')).toContain('dave');
    await screenshot(page, 'admin-group');

    await page.goto(`${server.url}/k/admin/spaces`);
    await screenshot(page, 'admin-spaces');
    await page.click('text=Sales space');
    await page.selectOption('#member-user', { label: 'dave (Dave <b>Doe</b>)' });
    await Promise.all([page.waitForURL(/spaces\/1$/), page.click('button:text("Add member")')]);
    expect(await page.textContent('.kl-table')).toContain('dave');
    await screenshot(page, 'admin-space');
  });

  it('ends a disabled user’s session at once', async () => {
    const daveContext = await browser.newContext({ locale: 'en-US' });
    const davePage = await daveContext.newPage();
    await logIn(davePage, server.url, DAVE);
    expect(new URL(davePage.url()).pathname).toBe('/k/');

    await page.goto(`${server.url}/k/admin/users`);
    await page.click('text=dave');
    await Promise.all([page.waitForURL(/users\/\d+$/), page.click('button:text("Disable user")')]);
    expect(await page.textContent('.kl-message-done')).toContain('disabled');
    await screenshot(page, 'admin-user-edit');

    await davePage.goto(`${server.url}/k/`);
    expect(new URL(davePage.url()).pathname).toBe('/login');
    await daveContext.close();
  });

  it('shows the authentication log, filtered by outcome from the keyboard', async () => {
    const refused = await jsonRequest(server.url, 'GET', '/k/v1/app.json?id=1', {
      'X-Cybozu-Authorization': Buffer.from('bob:not-the-password').toString('base64'),
    });
    expect(refused.status).toBe(401);
    await server.server.audit.flush();

    await page.goto(`${server.url}/k/admin/users`);
    await Promise.all([
      page.waitForURL(/\/k\/admin\/audit$/),
      page.click('.kl-settings-menu >> text=Authentication log'),
    ]);
    expect(await page.textContent('.kl-audit-table')).toContain('User disabled');

    await page.selectOption('#field-outcome', 'failure');
    await page.focus('#field-user');
    await Promise.all([page.waitForURL(/outcome=failure/), page.keyboard.press('Enter')]);
    const outcomes = await page.locator('.kl-audit-table td:nth-child(3)').allTextContents();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(new Set(outcomes)).toEqual(new Set(['Failure']));
    expect(await page.textContent('.kl-audit-table')).toContain('wrong_password');
    expect(await page.inputValue('#field-outcome')).toBe('failure');
    await screenshot(page, 'admin-audit');
  });

  it('refuses the administration and app settings to other users', async () => {
    const bob = await browser.newContext({ locale: 'en-US' });
    const bobPage = await bob.newPage();
    await logIn(bobPage, server.url, USERS.bob);
    expect(await bobPage.locator('text=Administration').count()).toBe(0);
    await bobPage.goto(`${server.url}/k/1/`);
    expect(await bobPage.locator('text=App settings').count()).toBe(0);

    for (const path of ['/k/admin/users', '/k/admin/groups', '/k/admin/app/apitoken?app=1']) {
      const response = await bobPage.goto(`${server.url}${path}`);
      expect(response?.status()).toBe(403);
      expect(response?.headers()['x-frame-options']).toBe('DENY');
      expect(await bobPage.textContent('[role=alert]')).toContain('No privilege to proceed.');
    }
    await screenshot(bobPage, 'refused');
    await bob.close();
  });

  it('lets a user choose a language and change the password', async () => {
    const bob = await browser.newContext({ locale: 'en-US' });
    const bobPage = await bob.newPage();
    await logIn(bobPage, server.url, USERS.bob);
    const elsewhere = await browser.newContext();
    await logIn(await elsewhere.newPage(), server.url, USERS.bob);
    const [otherCookie] = await elsewhere.cookies();

    await bobPage.click('text=Personal settings');
    await bobPage.check('#language-ja');
    await Promise.all([
      bobPage.waitForURL(/\/k\/settings\/$/),
      bobPage.click('button:text("Save")'),
    ]);
    expect(await bobPage.getAttribute('html', 'lang')).toBe('ja');
    expect(await bobPage.textContent('.kl-message-done')).toBe('言語を保存しました。');

    // API errors for the session follow the choice too, whatever the browser asks for.
    const missing = await bobPage.evaluate(async () => {
      const response = await fetch('/k/v1/record.json?app=1&id=999999', {
        headers: { 'X-Requested-With': 'XMLHttpRequest', 'Accept-Language': 'en' },
      });
      return response.json();
    });
    expect(missing.message).toBe('指定したレコード（id: 999999）が見つかりません。');

    await bobPage.fill('#field-currentPassword', 'not-the-password');
    await bobPage.fill('#field-newPassword', 'bob-new-password');
    await bobPage.click('button:text("パスワードを変更")');
    expect(await bobPage.textContent('.kl-message-error')).toBe(
      '現在のパスワードが正しくありません。',
    );

    await bobPage.fill('#field-currentPassword', USERS.bob.password);
    await bobPage.fill('#field-newPassword', 'bob-new-password');
    await Promise.all([
      bobPage.waitForURL(/\/k\/settings\/$/),
      bobPage.click('button:text("パスワードを変更")'),
    ]);
    expect(await bobPage.textContent('.kl-message-done')).toContain('パスワードを変更しました');
    await screenshot(bobPage, 'personal-settings');

    const basic = (password: string) => ({
      'X-Cybozu-Authorization': Buffer.from(`bob:${password}`).toString('base64'),
    });
    const old = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      basic(USERS.bob.password),
    );
    expect(old.json.code).toBe('CB_WA01');
    const fresh = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      basic('bob-new-password'),
    );
    expect(fresh.status).toBe(200);

    const replay = await jsonRequest(server.url, 'GET', '/k/v1/app.json?id=1', {
      cookie: `${otherCookie!.name}=${otherCookie!.value}`,
      'X-Requested-With': 'XMLHttpRequest',
    });
    expect(replay.json.code).toBe('CB_AU01');
    await bobPage.goto(`${server.url}/k/`);
    expect(new URL(bobPage.url()).pathname).toBe('/k/');
    await elsewhere.close();
    await bob.close();
  });
});
