import { createHash, createHmac, randomBytes } from 'node:crypto';

/** SHA-256 as lowercase hex: how bearer secrets (API tokens, session ids) are kept at rest. */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** HMAC-SHA256 under a key that lives only in this process. */
export function hmacHex(key: Buffer, ...parts: string[]): string {
  // Each part ends with a NUL, so ("ab", "c") and ("a", "bc") differ.
  return createHmac('sha256', key)
    .update(`${parts.join('\0')}\0`, 'utf8')
    .digest('hex');
}

export function randomKey(): Buffer {
  return randomBytes(32);
}
