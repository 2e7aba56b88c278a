import { hash, randomBytes } from 'node:crypto';

/** SHA-256 as lowercase hex: how bearer secrets (API tokens, session ids) are kept at rest. */
export function sha256Hex(value: string): string {
  // The one-shot form: every token and session request digests its secret, and it skips
  // building a Hash object each time.
  return hash('sha256', value, 'hex');
}

/**
 * SHA-256 over a secret key and the parts, for digests that stay inside this process and are
 * only ever compared with others made the same way, such as cache keys. Nobody verifies them as
 * a MAC, so HMAC's defence against length extension buys nothing here, and its per-call setup
 * costs several times the hash itself on a path every password request takes.
 */
export function keyedDigestHex(key: string, ...parts: string[]): string {
  // Each part ends with a NUL, so ("ab", "c") and ("a", "bc") differ.
  return hash('sha256', `${key}\0${parts.join('\0')}\0`, 'hex');
}

export function randomKey(): Buffer {
  return randomBytes(32);
}
