import { X509Certificate, createPrivateKey } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface SelfSignedCertificate {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
  /** SHA-256 fingerprint, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint: string;
  /** Whether this start made the pair, or found a usable one from an earlier start. */
  created: boolean;
}

const VALID_DAYS = 365;
/** A certificate this close to its end is replaced, so a kept data folder never lapses. */
const RENEW_BEFORE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The names a generated certificate covers: the loopback names, the bound host unless it is a
 * wildcard address, and any extra names asked for.
 */
export function certificateNames(host: string, extraNames: readonly string[] = []): string[] {
  const names = ['localhost', '127.0.0.1', '::1', host, ...extraNames]
    .map((name) => name.replace(/^\[(.*)\]$/, '$1'))
    .filter((name) => name !== '0.0.0.0' && name !== '::');
  return [...new Set(names)];
}

/**
 * A self-signed certificate kept in `dir` as `cert.pem` and `key.pem`, reused while it covers
 * every name and has time left, so the file users point NODE_EXTRA_CA_CERTS at stays valid
 * across restarts.
 */
export async function ensureSelfSignedCertificate(
  dir: string,
  names: readonly string[],
  now: Date = new Date(),
): Promise<SelfSignedCertificate> {
  const certFile = path.resolve(dir, 'cert.pem');
  const keyFile = path.resolve(dir, 'key.pem');

  const existing = readUsablePair(certFile, keyFile, names, now);
  if (existing) return { certFile, keyFile, ...existing, created: false };

  const pems = await generate([{ name: 'commonName', value: 'kintone-local' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + VALID_DAYS * 24 * 60 * 60 * 1000),
    extensions: [
      // Not a CA: trusting this file then lets its key vouch for these names only, never mint
      // certificates for others.
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })),
      },
    ],
  });

  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // The key is written owner-only; chmod covers a key file left by an earlier pair.
  writeFileSync(keyFile, pems.private, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  writeFileSync(certFile, pems.cert);
  const fingerprint = new X509Certificate(pems.cert).fingerprint256;
  return { certFile, keyFile, cert: pems.cert, key: pems.private, fingerprint, created: true };
}

function readUsablePair(
  certFile: string,
  keyFile: string,
  names: readonly string[],
  now: Date,
): { cert: string; key: string; fingerprint: string } | null {
  if (!existsSync(certFile) || !existsSync(keyFile)) return null;
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const x509 = new X509Certificate(cert);

    const coversAll = names.every((n) =>
      isIP(n) ? x509.checkIP(n) !== undefined : x509.checkHost(n) !== undefined,
    );
    const lastsLongEnough = Date.parse(x509.validTo) - now.getTime() > RENEW_BEFORE_MS;
    const matchesKey = x509.checkPrivateKey(createPrivateKey(key));
    return coversAll && lastsLongEnough && matchesKey
      ? { cert, key, fingerprint: x509.fingerprint256 }
      : null;
  } catch {
    // A damaged pair is replaced rather than refused: it was generated, nobody curated it.
    return null;
  }
}
