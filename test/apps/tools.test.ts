import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
/** The tools start Node processes of their own; on a busy machine that takes a while. */
const TOOL_TIMEOUT_MS = 120_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../node_modules/.bin');

/** Runs a tool's command as a user would, with a clean environment apart from PATH. */
function tool(name: string, args: string[], cwd: string) {
  return run(path.join(BIN, name), args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1' },
    timeout: 60_000,
  });
}

describe.each(DIALECTS)('Kintone tools against kintone-local [%s]', (dialect) => {
  let server: TestServer;
  let work: string;
  let browser: Browser;
  const credentials = () => [
    '--username',
    USERS.alice.loginName,
    '--password',
    USERS.alice.password,
  ];
  const client = () =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    work = mkdtempSync(path.join(tmpdir(), 'kintone-local-tools-'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it(
    'customize-uploader uploads and deploys a customization that then runs on the app page',
    async () => {
      const { app } = await client().app.addApp({ name: 'Customized' });
      writeFileSync(
        path.join(work, 'hello.js'),
        "window.uploadedCustomization = 'app ' + kintone.app.getId();\n",
      );
      writeFileSync(path.join(work, 'style.css'), '.kl-table { color: #123456; }\n');
      writeFileSync(
        path.join(work, 'manifest.json'),
        JSON.stringify({
          app,
          scope: 'ALL',
          desktop: { js: ['hello.js'], css: ['style.css'] },
          mobile: { js: [], css: [] },
        }),
      );

      await tool(
        'kintone-customize-uploader',
        ['manifest.json', '--base-url', server.url, ...credentials(), '--lang', 'en'],
        work,
      );

      const live = await client().app.getAppCustomize({ app });
      expect(live.desktop.js).toEqual([
        {
          type: 'FILE',
          file: expect.objectContaining({ name: 'hello.js', fileKey: expect.any(String) }),
        },
      ]);
      expect(live.desktop.css).toHaveLength(1);

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/k/${app}/`);
      await page.fill('.form-username-slash > input.form-text', USERS.alice.loginName);
      await page.fill('.form-password-slash > input.form-text', USERS.alice.password);
      await Promise.all([page.waitForURL(`${server.url}/k/${app}/`), page.click('.login-button')]);
      await page.waitForFunction(() => (globalThis as any).uploadedCustomization, null, {
        timeout: 10_000,
      });
      expect(await page.evaluate(() => (globalThis as any).uploadedCustomization)).toBe(
        `app ${app}`,
      );
      await context.close();
    },
    TOOL_TIMEOUT_MS,
  );

  it(
    'customize-uploader imports the deployed customization back into files',
    async () => {
      const { app } = await client().app.addApp({ name: 'Imported' });
      writeFileSync(path.join(work, 'imported.js'), 'window.imported = 1;\n');
      writeFileSync(
        path.join(work, 'import-manifest.json'),
        JSON.stringify({
          app,
          scope: 'ALL',
          desktop: { js: ['imported.js'], css: [] },
          mobile: { js: [], css: [] },
        }),
      );
      const login = ['--base-url', server.url, ...credentials(), '--lang', 'en'];
      await tool('kintone-customize-uploader', ['import-manifest.json', ...login], work);

      await tool(
        'kintone-customize-uploader',
        ['import', 'import-manifest.json', '--dest-dir', 'imported', ...login],
        work,
      );
      expect(readFileSync(path.join(work, 'imported/desktop/js/imported.js'), 'utf8')).toBe(
        'window.imported = 1;\n',
      );
    },
    TOOL_TIMEOUT_MS,
  );

  it(
    'dts-gen writes the types of an app from its live fields',
    async () => {
      const output = path.join(work, 'fields.d.ts');
      await tool(
        'kintone-dts-gen',
        ['--base-url', server.url, ...credentials(), '--app-id', '1', '-o', output],
        work,
      );
      const types = readFileSync(output, 'utf8');
      expect(types).toContain('namespace kintone.types');
      expect(types).toMatch(/title: kintone\.fieldTypes\.SingleLineText;/);
      expect(types).toMatch(/amount: kintone\.fieldTypes\.Number;/);
    },
    TOOL_TIMEOUT_MS,
  );

  it(
    'cli-kintone customize apply changes and deploys the customization',
    async () => {
      const { app } = await client().app.addApp({ name: 'Applied' });
      writeFileSync(path.join(work, 'applied.js'), 'window.applied = true;\n');
      writeFileSync(
        path.join(work, 'cli-manifest.json'),
        JSON.stringify({
          scope: 'ADMIN',
          desktop: { js: ['applied.js', 'https://example.com/lib.js'], css: [] },
          mobile: { js: [], css: [] },
        }),
      );

      await tool(
        'cli-kintone',
        [
          'customize',
          'apply',
          '--base-url',
          server.url,
          ...credentials(),
          '--app',
          app,
          '--input',
          'cli-manifest.json',
          '--yes',
        ],
        work,
      );

      const live = await client().app.getAppCustomize({ app });
      expect(live.scope).toBe('ADMIN');
      expect(live.desktop.js).toEqual([
        { type: 'FILE', file: expect.objectContaining({ name: 'applied.js' }) },
        { type: 'URL', url: 'https://example.com/lib.js' },
      ]);
    },
    TOOL_TIMEOUT_MS,
  );
});
