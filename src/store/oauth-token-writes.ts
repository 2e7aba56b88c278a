import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

/** A token to store: its digest, never its value. */
export interface NewToken {
  digest: string;
  kind: 'access' | 'refresh';
  scope: string;
  expiresAt: number;
}

/** What a redemption decided: tokens to issue, or the reason for refusing. */
export type Redemption<Refusal> = { issue: NewToken[] } | { refuse: Refusal };

export type RedeemResult<Refusal> =
  | { outcome: 'issued' }
  | { outcome: 'refused'; refusal: Refusal }
  | { outcome: 'unknown' }
  /** The code or refresh token was used before: the grant it led to is now revoked. */
  | { outcome: 'replayed'; userId: number };

/** The writes codes and refresh tokens share, inside their redemption's transaction. */
export type Writer = Kysely<Schema> | Transaction<Schema>;

/** A code or refresh token presented again: the grant its first use produced ends. */
export async function replayed(
  trx: Writer,
  grantId: string | null,
  userId: number,
): Promise<{ outcome: 'replayed'; userId: number }> {
  if (grantId) await revokeGrant(trx, grantId);
  return { outcome: 'replayed', userId };
}

export async function revokeGrant(trx: Writer, grantId: string): Promise<void> {
  // Tokens go with the grant (ON DELETE CASCADE).
  await trx.deleteFrom('oauth_grants').where('id', '=', grantId).execute();
}

export async function insertTokens(trx: Writer, grantId: string, tokens: readonly NewToken[]) {
  if (tokens.length === 0) return;
  await trx
    .insertInto('oauth_tokens')
    .values(
      tokens.map((token) => ({
        digest: token.digest,
        grant_id: grantId,
        kind: token.kind,
        scope: token.scope,
        expires_at: token.expiresAt,
        consumed: 0,
      })),
    )
    .execute();
}

/** True while the user is enabled and on the client's list of allowed users. */
export async function userIsAllowed(
  trx: Writer,
  clientId: string,
  userId: number,
): Promise<boolean> {
  const row = await trx
    .selectFrom('oauth_client_users')
    .innerJoin('users', 'users.id', 'oauth_client_users.user_id')
    .select('users.enabled')
    .where('oauth_client_users.client_id', '=', clientId)
    .where('oauth_client_users.user_id', '=', userId)
    .executeTakeFirst();
  return row?.enabled === 1;
}
