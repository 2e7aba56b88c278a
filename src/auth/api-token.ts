import { sha256Hex } from '../crypto/digest.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { ApiTokenStore } from '../store/api-tokens.js';
import type { TokenPermissions } from '../store/types.js';

/** Kintone refuses a request carrying ten or more tokens. */
export const MAX_TOKENS_PER_REQUEST = 9;

/** Every token Kintone issues is 40 letters and digits. */
const TOKEN_SHAPE = /^[A-Za-z0-9]{40}$/;

/**
 * Resolves the tokens of one request to one grant per app.
 *
 * One unknown or undeployed token fails the whole request (GAIA_IA02), and two tokens of the
 * same app are refused (GAIA_DA03), as Kintone does. Tokens are looked up by their SHA-256
 * digest; the digest of a secret is itself unguessable, so an indexed equality lookup reveals
 * nothing through timing.
 */
export async function resolveApiTokens(
  store: ApiTokenStore,
  tokens: readonly string[],
): Promise<{ grants: Map<number, TokenPermissions>; tokenSet: string }> {
  if (tokens.length > MAX_TOKENS_PER_REQUEST) {
    throw new KintoneError('KL_TM01', { max: MAX_TOKENS_PER_REQUEST });
  }

  const grants = new Map<number, TokenPermissions>();
  const digests: string[] = [];
  for (const token of tokens) {
    if (!TOKEN_SHAPE.test(token)) throw new KintoneError('GAIA_IA02');

    const digest = sha256Hex(token);
    digests.push(digest);
    const found = await store.findByDigest(digest);
    if (!found || !found.deployed) throw new KintoneError('GAIA_IA02');

    if (grants.has(found.appId)) throw new KintoneError('GAIA_DA03');
    grants.set(found.appId, found.permissions);
  }
  return { grants, tokenSet: digests.sort().join(',') };
}
