import { createHash, randomBytes } from 'node:crypto';
import { secretsEqual } from '../crypto/constant-time.js';

/**
 * Random values of the OAuth server, all base64url: unreserved characters only, so clients
 * that form-encode Basic credentials and clients that do not send the same bytes.
 */
export function randomUrlSafe(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** 128 bits: the client id is public, but unguessable ids cost nothing. */
export function newClientId(): string {
  return randomUrlSafe(16);
}

/** 256 bits, so a fast digest at rest is safe (no password hashing needed). */
export function newClientSecret(): string {
  return randomUrlSafe(32);
}

/** Codes, access tokens and refresh tokens: 256 bits, 43 characters. */
export function newOpaqueToken(): string {
  return randomUrlSafe(32);
}

/** True when a PKCE verifier matches an S256 challenge (RFC 7636 §4.6). */
export function verifierMatches(verifier: string, challenge: string): boolean {
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  return secretsEqual(computed, challenge);
}

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
export const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** An S256 challenge is the base64url of 32 bytes: exactly 43 characters. */
export const PKCE_CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;
