import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';

const LOAD = new URL('../../bench/load.js', import.meta.url).pathname;
const run = promisify(execFile);

/** A five-second `npm run load`: correctness under load, not speed. */
describe.each(DIALECTS)('a short mixed load [%s]', (dialect) => {
  it('answers every request of every auth method with a success or the documented 429', async () => {
    // The script exits 1 on an unexpected answer; its report is read either way.
    const args = [LOAD, '--seconds', '5', '--json', '--store', dialect];
    const { stdout } = await run(process.execPath, args).catch(
      (error: { stdout: string }) => error,
    );
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);

    expect(result.unexpectedKinds).toEqual({});
    expect(result.unexpected).toBe(0);
    expect(result.connections).toBe(100);
    for (const auth of ['token', 'password', 'session']) {
      for (const step of ['read', 'query', 'add', 'update']) {
        expect(result.byCase[`${auth} ${step}`]?.ok, `${auth} ${step}`).toBeGreaterThan(0);
      }
    }
  }, 60_000);
});
