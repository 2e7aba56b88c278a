import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/kintone-local.js', import.meta.url).pathname;
const run = promisify(execFile);

function serveFails(args: string[]): Promise<{ code: number; stderr: string } | null> {
  const data = mkdtempSync(path.join(tmpdir(), 'kl-tls-cli-'));
  return run(process.execPath, [BIN, 'serve', '--port', '0', '--data', data, ...args]).then(
    () => null,
    (error: { code: number; stderr: string }) => error,
  );
}

describe('kintone-local serve over HTTPS', () => {
  it('stops with a clear message when --tls-cert comes without --tls-key', async () => {
    const failure = await serveFails(['--tls-cert', 'cert.pem']);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(
      'kintone-local: --tls-cert needs --tls-key: give the certificate and its private key ' +
        'together, or --tls alone for a generated certificate.\n',
    );
  });

  it('names the file it cannot read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kl-tls-cli-'));
    const cert = path.join(dir, 'cert.pem');
    writeFileSync(cert, 'not a certificate');
    const missing = path.join(dir, 'missing.pem');

    const failure = await serveFails(['--tls-cert', cert, '--tls-key', missing]);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(
      `kintone-local: cannot read the --tls-key file ${missing} (ENOENT).\n`,
    );
  });

  it('generates a certificate with --tls and prints how to trust it', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-tls-cli-'));
    const child = spawn(process.execPath, [
      BIN,
      'serve',
      '--tls',
      '--port',
      '0',
      '--log-level',
      'silent',
      '--data',
      data,
    ]);
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no banner:\n${output}`)), 20_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/NODE_EXTRA_CA_CERTS=.*\n/.test(output)) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
    } finally {
      child.kill('SIGTERM');
    }

    const certFile = path.join(data, 'tls', 'cert.pem');
    expect(output).toMatch(/listening on https:\/\/localhost:\d+\n/);
    expect(output).toContain(`HTTPS certificate (self-signed, new): ${certFile}\n`);
    expect(output).toContain(`  NODE_EXTRA_CA_CERTS=${certFile} node your-script.mjs\n`);
  });
});
