import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import { promisify } from 'node:util';
import type { RawResponse } from '../support/http.js';

const run = promisify(execFile);

/** The project root, so a child's bare imports resolve to this checkout's node_modules. */
const ROOT = new URL('../../', import.meta.url).pathname;

const DROPPED = new Set([
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'NODE_EXTRA_CA_CERTS',
  'NODE_OPTIONS',
]);

/**
 * Runs a module in a fresh Node process with this environment. Proxy and trust overrides are
 * dropped, so only the given NODE_EXTRA_CA_CERTS decides whether the certificate is trusted.
 */
export async function runNode(
  source: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !DROPPED.has(name.toUpperCase())),
  );
  return run(process.execPath, ['--input-type=module', '-e', source], {
    cwd: ROOT,
    env: { ...inherited, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** The SHA-256 fingerprint of the certificate a TLS server presents. */
export function servedFingerprint(port: number, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ca }, () => {
      resolve(socket.getPeerCertificate().fingerprint256);
      socket.end();
    });
    socket.on('error', reject);
  });
}

/** An HTTPS request that trusts exactly the given certificate file. */
export function httpsRequest(
  url: string,
  certFile: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  const body = options.body;
  const headers =
    body === undefined
      ? (options.headers ?? {})
      : { 'content-length': String(Buffer.byteLength(body)), ...options.headers };
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      { method: options.method ?? 'GET', headers, ca: readFileSync(certFile) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text,
            json: null,
          });
        });
      },
    );
    request.on('error', reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}
