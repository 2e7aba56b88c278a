import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';

const LOAD = new URL('../../bench/load.js', import.meta.url).pathname;
const run = promisify(execFile);
const MB = 1024 * 1024;

/**
 * How much the server's heap, measured after a full collection, may grow over the measured
 * load. Without a leak it grows by about 1 MB over the five seconds (2,000 to 6,000 requests
 * on a busy 2-core machine), mostly once: code compiled for paths the warm-up hit rarely, caches
 * reaching their size; a 20-second run grew 1.6 MB over 37,000 requests. A server that kept
 * each request object (about 1.2 KB each, measured) exceeds this within 800 requests. Smaller
 * leaks, a few hundred bytes a request, need `npm run load` for minutes to show.
 */
function heapGrowthAllowed(requests: number): number {
  return 1.5 * MB + 256 * requests;
}

/** The parts of `bench/load.js --json` that the test reads. */
interface LoadReport {
  connections: number;
  requests: number;
  unexpected: number;
  unexpectedKinds: Record<string, number>;
  warmupUnexpectedKinds: Record<string, number>;
  byCase: Record<string, { ok: number }>;
  heapAfterWarmup: number;
  heapAfter: number;
}

/** A five-second `npm run load` after a two-second warm-up: correctness and memory, not speed. */
describe.each(DIALECTS)('a short mixed load [%s]', (dialect) => {
  let result: LoadReport;
  beforeAll(async () => {
    // The script exits 1 on an unexpected answer; its report is read either way.
    const args = [LOAD, '--seconds', '5', '--warmup-seconds', '2', '--json', '--store', dialect];
    const { stdout } = await run(process.execPath, args).catch(
      (error: { stdout: string }) => error,
    );
    result = JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadReport;
  }, 60_000);

  it('answers every request of every auth method with a success or the documented 429', () => {
    expect(result.unexpectedKinds).toEqual({});
    expect(result.unexpected).toBe(0);
    expect(result.warmupUnexpectedKinds).toEqual({});
    expect(result.connections).toBe(100);
    for (const auth of ['token', 'password', 'session']) {
      for (const step of ['read', 'query', 'add', 'update']) {
        expect(result.byCase[`${auth} ${step}`]?.ok, `${auth} ${step}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the server heap bounded once warm', () => {
    // Over fewer requests, a leak of whole requests could still stay under the bound.
    expect(result.requests).toBeGreaterThan(1000);
    expect(result.heapAfterWarmup).toBeGreaterThan(10 * MB);

    const growth = result.heapAfter - result.heapAfterWarmup;
    const report =
      `heap ${(result.heapAfterWarmup / MB).toFixed(1)} MB after warm-up, ` +
      `${(result.heapAfter / MB).toFixed(1)} MB after ${result.requests} requests`;
    expect(growth, report).toBeLessThan(heapGrowthAllowed(result.requests));
  });
});
