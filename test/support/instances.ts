import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Seed } from '../../src/seed/seed-schema.js';
import { createTestSchema, POSTGRES_URL } from './dialects.js';

/** The built command, as users run it: `npm test` builds dist/ first. */
export const BIN = new URL('../../bin/kintone-local.js', import.meta.url).pathname;

const run = promisify(execFile);

/** A PostgreSQL URL whose connections all use one fresh schema. */
export async function freshPostgresUrl(): Promise<string> {
  const schema = await createTestSchema('kl_multi');
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Writes a seed as a JSON file, as an operator would hand it to `serve --seed`. */
export function seedFile(seed: Seed): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kl-multi-'));
  const file = path.join(dir, 'seed.json');
  writeFileSync(file, JSON.stringify(seed));
  return file;
}

export interface Instance {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote, for assertions on its logs. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `kintone-local serve` on a free port and resolves once it listens. */
export function startInstance(storeArgs: string[], extraArgs: string[] = []): Promise<Instance> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...storeArgs, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start:\n${output}`)), 30_000);
    const onData = () => {
      const port = /listening on https?:\/\/[^:]+:(\d+)/.exec(output)?.[1];
      if (!port) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        url: `http://localhost:${port}`,
        child,
        output: () => output,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
}

/** Runs a `kintone-local` command (not `serve`) and returns what it printed. */
export async function cli(args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [BIN, ...args]);
  return stdout;
}

/**
 * A round-robin balancer in front of several instances: each request goes to the next one, as
 * a load balancer without session affinity would send it.
 */
export async function startProxy(
  targets: readonly string[],
): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const target = new URL(request.url ?? '/', targets[next++ % targets.length]);
    const forward = http.request(
      target,
      { method: request.method, headers: request.headers, agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on('error', () => {
      response.writeHead(502).end();
    });
    request.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Asks until `refused` holds or the time is up, and returns the last answer. Instances promise
 * to see another's change within one second, so callers poll for exactly that long.
 */
export async function pollUntil<T>(
  ask: () => Promise<T>,
  refused: (answer: T) => boolean,
  withinMs = 1000,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  let answer = await ask();
  while (!refused(answer) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    answer = await ask();
  }
  return answer;
}
