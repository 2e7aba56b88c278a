import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one comparison for secrets. Both sides are hashed first so the comparison always runs
 * over 32 bytes: neither the content nor the length of the expected value leaks through timing.
 */
export function secretsEqual(given: string | Buffer, expected: string | Buffer): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
