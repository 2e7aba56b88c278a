import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where runs save their screenshots; git ignores it. */
export const SCREENSHOTS = path.resolve(here, '../../test-output/screenshots');

/** Headless Chromium from the system, with everything that would reach the network off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** Logs in through the login form and waits for the page it leads to. */
export async function logIn(
  page: Page,
  baseUrl: string,
  user: { loginName: string; password: string },
  target = '/k/',
): Promise<void> {
  await page.goto(`${baseUrl}${target}`);
  await page.fill('.form-username-slash > input.form-text', user.loginName);
  await page.fill('.form-password-slash > input.form-text', user.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.click('.login-button'),
  ]);
}

/** Saves a full-page screenshot under a name. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
