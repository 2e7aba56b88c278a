import { createHash, createHmac, randomBytes } from 'node:crypto';

/** SHA-256 as lowercase hex: how bearer secrets (API tokens, session ids) are kept at rest. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** HMAC-SHA256 under a key that lives only in this process. */
export function hmacHex(key: Buffer, ...parts: string[]): string {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part, 'utf8').update('\0');
  return mac.digest('hex');
}

export function randomKey(): Buffer {
  return randomBytes(32);
}
