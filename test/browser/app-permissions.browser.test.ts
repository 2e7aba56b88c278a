import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, logIn, screenshot } from './browser-support.js';

// The page is the same on both engines (its store is tested on both in test/web/): one run is
// enough, on SQLite unless only PostgreSQL was asked for.
const BROWSER_DIALECTS = DIALECTS.includes('sqlite') ? ['sqlite' as const] : DIALECTS.slice(0, 1);

describe.each(BROWSER_DIALECTS)('app permissions page [%s]', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
    });
    page = await context.newPage();
    await logIn(page, server.url, USERS.alice, '/k/admin/app/permission?app=4');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('grants a user app management, used after Update App', async () => {
    const bob = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.bob.loginName, password: USERS.bob.password },
    });
    await expect(bob.app.getAppAcl({ app: 4 })).rejects.toMatchObject({ code: 'CB_NO02' });

    await page.selectOption('#acl-new-type', 'USER');
    await page.fill('#acl-new-code', 'bob');
    await page.check('#acl-new-appEditable');
    await page.check('#acl-new-recordViewable');
    await Promise.all([
      page.waitForURL(/\/k\/admin\/app\/permission\?app=4$/),
      page.click('#app-acl-form button[type="submit"]'),
    ]);
    expect(await page.textContent('.kl-message-done')).toContain('Saved.');
    expect(await page.textContent('#acl-pending')).toContain('not in use yet');
    expect(await page.isChecked('#acl-e0-appEditable')).toBe(true);
    expect(await page.textContent('#app-acl tbody tr:first-child th')).toContain('User: bob');
    await screenshot(page, 'app-permissions');
    // Saved, not in use.
    await expect(bob.app.getAppAcl({ app: 4 })).rejects.toMatchObject({ code: 'CB_NO02' });

    await Promise.all([
      page.waitForURL(/\/k\/admin\/app\/flow\?app=4$/),
      page.click('text=Go to the app settings to update the app'),
    ]);
    expect(await page.textContent('#deploy-state')).toContain('not in use yet');
    await Promise.all([page.waitForURL(/flow\?app=4$/), page.click('button:text("Update App")')]);
    expect(await page.textContent('#deploy-state')).toContain('All saved settings are in use.');

    const granted = await bob.app.getAppAcl({ app: 4 });
    expect(granted.rights[0]).toMatchObject({
      entity: { type: 'USER', code: 'bob' },
      appEditable: true,
      recordViewable: true,
      recordAddable: false,
    });
  });
});
