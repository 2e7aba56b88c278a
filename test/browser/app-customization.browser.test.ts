import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, logIn, screenshot } from './browser-support.js';

// The page is the same on both engines (its store is tested on both in test/web/): one run is
// enough, on SQLite unless only PostgreSQL was asked for.
const BROWSER_DIALECTS = DIALECTS.includes('sqlite') ? ['sqlite' as const] : DIALECTS.slice(0, 1);

const MARKER_SCRIPT = "globalThis.customizationMarker = 'uploaded from the settings page';";

describe.each(BROWSER_DIALECTS)('JavaScript and CSS customization page [%s]', (dialect) => {
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
    await logIn(page, server.url, USERS.alice);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads a script that the record list runs after Update App', async () => {
    await page.goto(`${server.url}/k/admin/app/customize?app=1`);
    await page.setInputFiles('#customize-js-file', {
      name: 'marker.js',
      mimeType: 'text/javascript',
      buffer: Buffer.from(MARKER_SCRIPT),
    });
    await Promise.all([
      page.waitForURL(/\/k\/admin\/app\/customize\?app=1$/),
      page.click('form[aria-label="Add to JavaScript"] button:text("Save")'),
    ]);
    expect(await page.textContent('.kl-message-done')).toContain('Saved.');
    expect(await page.textContent('#customize-state')).toContain('not in use yet');
    expect(await page.textContent('.kl-customize-entry')).toContain('marker.js');
    await screenshot(page, 'app-customization');

    // Not live yet: the record list loads nothing.
    await page.goto(`${server.url}/k/1/`);
    expect(await page.evaluate(() => (globalThis as any).customizationMarker)).toBeUndefined();

    await page.goto(`${server.url}/k/admin/app/flow?app=1`);
    await Promise.all([
      page.waitForURL(/\/k\/admin\/app\/flow\?app=1$/),
      page.click('button:text("Update App")'),
    ]);
    await page.goto(`${server.url}/k/1/`);
    await page.waitForFunction(() => (globalThis as any).customizationMarker, null, {
      timeout: 10_000,
    });
    expect(await page.evaluate(() => (globalThis as any).customizationMarker)).toBe(
      'uploaded from the settings page',
    );
  });
});
