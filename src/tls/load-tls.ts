import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/load.js';
import { certificateNames, ensureSelfSignedCertificate } from './self-signed.js';

/** What the HTTPS listener serves, and where the certificate lives for the banner. */
export interface TlsMaterial {
  cert: string;
  key: string;
  certFile: string;
  /** `created` or `reused` for a generated certificate; null for a given pair. */
  selfSigned: 'created' | 'reused' | null;
}

/** Reads the configured pair, or makes or reuses the self-signed one; null without TLS. */
export async function loadTls(config: Config): Promise<TlsMaterial | null> {
  const tls = config.tls;
  if (!tls) return null;

  if ('certFile' in tls) {
    return {
      cert: readPem(tls.certFile, '--tls-cert'),
      key: readPem(tls.keyFile, '--tls-key'),
      certFile: path.resolve(tls.certFile),
      selfSigned: null,
    };
  }

  // With PostgreSQL the data folder holds no store, but it is still where local state lives.
  const generated = await ensureSelfSignedCertificate(
    path.join(config.dataDir, 'tls'),
    certificateNames(config.host, tls.selfSigned.extraNames),
  );
  return {
    cert: generated.cert,
    key: generated.key,
    certFile: generated.certFile,
    selfSigned: generated.created ? 'created' : 'reused',
  };
}

function readPem(file: string, option: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(`cannot read the ${option} file ${file} (${reason}).`);
  }
}
