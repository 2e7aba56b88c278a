import { hash, verify } from '@node-rs/argon2';

/**
 * Argon2id at OWASP's m=19456 KiB, t=2, p=1. The PHC string stores the algorithm and its
 * parameters, so hashes made with other settings keep verifying.
 */
const ARGON2_OPTIONS = {
  algorithm: 2 /* Argon2id */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** A hash of a password nobody has, verified when a login name is unknown so timing is alike. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$' +
  'K0yN2mhHpRgYyoGBZz3TZ8dLmBUHd+uVyPJyLG4wXFc';

/**
 * Passwords are compared after Unicode NFKC normalisation, so the same password typed on
 * different keyboards (full-width digits, composed kana) matches.
 */
function normalise(password: string): string {
  return password.normalize('NFKC');
}

export async function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, normalise(password));
  } catch {
    // A malformed stored hash verifies nothing.
    return false;
  }
}

/** Spends the same work as a real verification and always fails. */
export async function verifyAgainstNobody(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}
