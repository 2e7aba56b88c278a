import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { freshPostgresUrl } from '../support/instances.js';

const BIN = new URL('../../bin/kintone-local.js', import.meta.url).pathname;
const run = promisify(execFile);

/** Starts `kintone-local serve` and resolves with its banner once the curl line is printed. */
function serveUntilBanner(args: string[]): Promise<{ banner: string; stop: () => void }> {
  const child = spawn(process.execPath, [
    BIN,
    'serve',
    '--port',
    '0',
    '--log-level',
    'silent',
    ...args,
  ]);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/curl .*\n|existing store|seed file.*\n/.test(output)) {
        clearTimeout(timer);
        resolve({ banner: output, stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

describe('kintone-local serve', () => {
  it('starts an empty store with a demo whose printed curl line works', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
    const { banner, stop } = await serveUntilBanner(['--data', data]);
    try {
      expect(banner).toMatch(/user: +admin/);
      const token = /API token: (\w{40})/.exec(banner)?.[1];
      const url = /curl .* '(http:\/\/localhost:\d+\/k\/v1\/records\.json\?app=1)'/.exec(
        banner,
      )?.[1];
      expect(token).toBeDefined();

      const response = await fetch(url!, { headers: { 'X-Cybozu-API-Token': token! } });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        records: Array<Record<string, { value: unknown }>>;
      };
      expect(body.records.map((r) => r.company?.value)).toEqual([
        'Fuji Robotics',
        'Sakura Bakery',
        'Cybozu Trading',
      ]);
    } finally {
      stop();
    }
  });

  it('keeps an existing store and says how to start over', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
    const first = await serveUntilBanner(['--data', data]);
    first.stop();
    await new Promise((r) => setTimeout(r, 500));

    const second = await serveUntilBanner(['--data', data]);
    second.stop();
    expect(second.banner).not.toMatch(/API token/);
    expect(second.banner).toMatch(/--reset/);
  });

  it.runIf(DIALECTS.includes('postgres'))(
    'warns that --reset empties a PostgreSQL store for every instance',
    async () => {
      const url = await freshPostgresUrl();
      const first = await serveUntilBanner(['--database-url', url]);
      first.stop();
      await new Promise((r) => setTimeout(r, 500));

      const second = await serveUntilBanner(['--database-url', url]);
      second.stop();
      expect(second.banner).toContain(
        'On PostgreSQL --reset empties the store for every instance using this database',
      );
    },
  );

  it('stops with a message naming the bad key of a seed file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
    const seed = path.join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify({ users: [{ loginName: 'a', password: 'b' }], aps: [] }));

    const failure = await run(process.execPath, [
      BIN,
      'serve',
      '--port',
      '0',
      '--data',
      dir,
      '--seed',
      seed,
    ]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/aps/);
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
  });

  it('says which option to change when the port is taken', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
    const first = await serveUntilBanner(['--data', data]);
    const port = /localhost:(\d+)/.exec(first.banner)?.[1];
    try {
      const failure = await run(process.execPath, [
        BIN,
        'serve',
        '--port',
        port!,
        '--data',
        mkdtempSync(path.join(tmpdir(), 'kl-cli-')),
      ]).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/already in use: choose another with --port or PORT/);
    } finally {
      first.stop();
    }
  });

  it('leaves the store unseeded when the port is taken, so the next start applies the seed', async () => {
    const first = await serveUntilBanner(['--data', mkdtempSync(path.join(tmpdir(), 'kl-cli-'))]);
    const port = /localhost:(\d+)/.exec(first.banner)?.[1];
    const data = mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
    const seed = new URL('../../examples/seed.json', import.meta.url).pathname;
    try {
      const failure = await run(process.execPath, [
        BIN,
        'serve',
        '--port',
        port!,
        '--data',
        data,
        '--seed',
        seed,
      ]).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toMatch(/already in use/);
    } finally {
      first.stop();
    }
    expect(existsSync(path.join(data, 'kintone-local.db'))).toBe(false);

    const second = await serveUntilBanner(['--data', data, '--seed', seed]);
    second.stop();
    expect(second.banner).toContain(`Applied the seed file ${seed}.`);
    expect(second.banner).not.toMatch(/not applied/);
  });

  it("sets an app's customization from the command line, loaded by its pages", async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
    const first = await serveUntilBanner(['--data', data]);
    first.stop();
    const password = /password: +(\w+)/.exec(first.banner)?.[1];
    await new Promise((r) => setTimeout(r, 500));

    const script = path.join(data, 'greet.js');
    writeFileSync(script, 'window.greeted = true;\n');
    const { stdout } = await run(process.execPath, [
      BIN,
      'app',
      'customize',
      '--data',
      data,
      '--app',
      '1',
      '--js',
      'https://cdn.example.com/lib.js',
      script,
    ]);
    expect(stdout).toMatch(/App 1 now loads 2 JavaScript and 0 CSS customizations/);

    const { banner, stop } = await serveUntilBanner(['--data', data]);
    try {
      const base = /(http:\/\/localhost:\d+)/.exec(banner)![1];
      const login = await fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'admin', password: password!, redirect: '/k/1/' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const page = await (await fetch(`${base}/k/1/`, { headers: { cookie } })).text();
      expect(page).toContain('src="https://cdn.example.com/lib.js"');
      const fileSrc = /src="(\/k\/customize\/1\/js\/1\/greet\.js)"/.exec(page)?.[1];
      expect(fileSrc).toBeDefined();
      const served = await fetch(`${base}${fileSrc}`, { headers: { cookie } });
      expect(await served.text()).toBe('window.greeted = true;\n');
    } finally {
      stop();
    }
  });

  it('adds a token from the command line that then works', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
    const first = await serveUntilBanner(['--data', data]);
    first.stop();
    await new Promise((r) => setTimeout(r, 500));

    const { stdout } = await run(process.execPath, [
      BIN,
      'token',
      'add',
      '--data',
      data,
      '--app',
      '1',
      '--permissions',
      'view',
    ]);
    const token = stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9]{40}$/);

    const { banner, stop } = await serveUntilBanner(['--data', data]);
    try {
      const port = /localhost:(\d+)/.exec(banner)?.[1];
      const response = await fetch(`http://localhost:${port}/k/v1/record.json?app=1&id=1`, {
        headers: { 'X-Cybozu-API-Token': token },
      });
      expect(response.status).toBe(200);
    } finally {
      stop();
    }
  });
});
