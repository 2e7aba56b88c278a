import { hash, randomBytes } from 'node:crypto';

/** SHA-256 as lowercase hex: how bearer secrets (API tokens, session ids) are kept at rest. */
export function sha256Hex(value: string): string {
  // The one-shot form: every token and session request digests its secret, and it skips
  // building a Hash object each time.
  return hash('sha256', value, 'hex');
}

export function randomKey(): Buffer {
  return randomBytes(32);
}
