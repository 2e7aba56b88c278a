import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium } from './browser-support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.resolve(here, '../../test-output/screenshots');
const SDK_BUNDLE = path.resolve(
  here,
  '../../node_modules/@kintone/rest-api-client/umd/KintoneRestAPIClient.min.js',
);

function browserSeed() {
  const seed = fixtureSeed();
  seed.apps[0]!.customize = {
    desktop: { js: [{ type: 'FILE', path: path.join(here, 'fixtures/add-and-read.js') }], css: [] },
  };
  seed.apps[3]!.customize = {
    desktop: {
      js: [
        { type: 'FILE', path: SDK_BUNDLE },
        { type: 'FILE', path: path.join(here, 'fixtures/sdk-client.js') },
      ],
      css: [],
    },
  };
  return seed;
}

async function login(page: Page, baseUrl: string, user: { loginName: string; password: string }) {
  await page.goto(`${baseUrl}/k/`);
  await page.fill('.form-username-slash > input.form-text', user.loginName);
  await page.fill('.form-password-slash > input.form-text', user.password);
  await Promise.all([page.waitForURL(/\/k\//), page.click('.login-button')]);
}

async function recordCount(baseUrl: string, app: number, token: string): Promise<number> {
  const response = await jsonRequest(
    baseUrl,
    'GET',
    `/k/v1/records.json?app=${app}&totalCount=true&fields[0]=$id`,
    { 'X-Cybozu-API-Token': token },
  );
  return Number(response.json.totalCount);
}

/** What a script in the page gets back from a raw fetch. */
function pageFetch(page: Page, url: string, init: Record<string, unknown>) {
  return page.evaluate(
    async ({ url, init }) => {
      const response = await fetch(url, init as RequestInit);
      return { status: response.status, body: await response.json() };
    },
    { url, init },
  );
}

describe.each(DIALECTS)('browser sessions [%s]', (dialect) => {
  let server: TestServer;
  let browser: Browser;
  let alice: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer(dialect, browserSeed());
    browser = await launchChromium();
    alice = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    page = await alice.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong password without a session, then logs in through the form', async () => {
    await page.goto(`${server.url}/k/1/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `login-${dialect}.png`) });

    await page.fill('.form-username-slash > input.form-text', USERS.alice.loginName);
    await page.fill('.form-password-slash > input.form-text', 'not-the-password');
    await page.click('.login-button');
    await expect.poll(() => page.textContent('.kl-login-error')).toContain('incorrect');
    expect(await alice.cookies()).toEqual([]);

    await page.fill('.form-password-slash > input.form-text', USERS.alice.password);
    await Promise.all([page.waitForURL(`${server.url}/k/1/`), page.click('.login-button')]);
    const cookies = await alice.cookies();
    expect(cookies.map((c) => c.name)).toEqual(['kintone-session']);
    expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('runs a customization that adds a record with kintone.api() and reads it back', async () => {
    await page.waitForFunction(() => (globalThis as any).customizationResult, null, {
      timeout: 10_000,
    });
    const result = await page.evaluate(() => (globalThis as any).customizationResult);
    expect(result).toEqual({ title: 'Added by a customization', user: 'alice' });

    await page.reload();
    await page.waitForSelector('.kl-table');
    await page.screenshot({ path: path.join(SCREENSHOTS, `record-list-${dialect}.png`) });
    expect(await page.textContent('.kl-table')).toContain('Added by a customization');
  });

  it('runs the official REST API client in session mode', async () => {
    await page.goto(`${server.url}/k/4/`);
    await page.waitForFunction(() => (globalThis as any).sdkResult, null, { timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as any).sdkResult)).toEqual({
      title: 'Added by the official client',
    });
  });

  it('refuses a cookie without X-Requested-With', async () => {
    const answer = await pageFetch(page, '/k/v1/records.json?app=1', {});
    expect(answer.status).toBe(401);
    expect(answer.body.code).toBe('CB_AU01');
  });

  it('refuses writes without the request token or with another session’s', async () => {
    const before = await recordCount(server.url, 1, TOKENS.app1Full);
    const post = (body: Record<string, unknown>) =>
      pageFetch(page, '/k/v1/record.json', {
        method: 'POST',
        headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
        body: JSON.stringify({ app: 1, record: { title: { value: 'forged' } }, ...body }),
      });

    const missing = await post({});
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('CB_IL02');

    const bob = await browser.newContext();
    const bobPage = await bob.newPage();
    await login(bobPage, server.url, USERS.bob);
    const bobToken = await bobPage.evaluate(
      () => (globalThis as any).kintone.getRequestToken() as string,
    );
    await bob.close();
    const foreign = await post({ __REQUEST_TOKEN__: bobToken });
    expect(foreign.status).toBe(400);
    expect(foreign.body.code).toBe('CB_IL02');

    expect(await recordCount(server.url, 1, TOKENS.app1Full)).toBe(before);
  });

  it('keeps a page on another origin from writing', async () => {
    const before = await recordCount(server.url, 1, TOKENS.app1Full);
    const token = await page.evaluate(
      () => (globalThis as any).kintone.getRequestToken() as string,
    );
    const target = `${server.url}/k/v1/record.json`;
    const body = JSON.stringify({
      app: 1,
      record: { title: { value: 'x' } },
      __REQUEST_TOKEN__: token,
    });
    // Even holding a stolen request token: a preflighted fetch, a simple fetch and a form post.
    const html = `<!doctype html><form id="f" method="post" action="${target}">
<input name="app" value="1"></form><script>
window.attempts = Promise.allSettled([
  fetch(${JSON.stringify(target)}, { method: 'POST', credentials: 'include',
    headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/json' },
    body: ${JSON.stringify(body)} }),
  fetch(${JSON.stringify(target)}, { method: 'POST', credentials: 'include', mode: 'no-cors',
    headers: { 'Content-Type': 'text/plain' }, body: ${JSON.stringify(body)} }),
]).then(() => 'done');
</script>`;
    const other = http.createServer((_req, res) => res.end(html));
    await new Promise<void>((resolve) => other.listen(0, 'localhost', resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      const evil = await alice.newPage();
      await evil.goto(`http://localhost:${port}/`);
      expect(await evil.evaluate(() => (globalThis as any).attempts)).toBe('done');
      const response = await Promise.all([
        evil.waitForNavigation(),
        evil.evaluate(() => (globalThis as any).document.getElementById('f').submit()),
      ]);
      expect([400, 401]).toContain(response[0]?.status());
      await evil.close();
    } finally {
      other.close();
    }
    expect(await recordCount(server.url, 1, TOKENS.app1Full)).toBe(before);
  });

  it('ends the session on the server at logout', async () => {
    await page.goto(`${server.url}/k/`);
    const [cookie] = await alice.cookies();
    await Promise.all([page.waitForURL(/\/login$/), page.click('.kl-logout button')]);
    expect(await alice.cookies()).toEqual([]);

    const replay = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      cookie: `${cookie!.name}=${cookie!.value}`,
      'X-Requested-With': 'XMLHttpRequest',
    });
    expect(replay.status).toBe(401);
    expect(replay.json.code).toBe('CB_AU01');
  });
});
