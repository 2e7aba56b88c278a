import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A string of cryptographically random alphanumeric characters. randomInt draws without
 * modulo bias, so every character is equally likely.
 */
export function randomAlphanumeric(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Kintone's error ids are 20 URL-safe characters that differ per response. */
export function randomErrorId(): string {
  return randomAlphanumeric(20);
}
