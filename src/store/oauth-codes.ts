import type { OpenDatabase } from './dialects/dialect.js';
import {
  insertTokens,
  replayed,
  userIsAllowed,
  type RedeemResult,
  type Redemption,
  type Writer,
} from './oauth-token-writes.js';

/** An authorization code as stored: everything it is bound to. */
export interface StoredCode {
  clientId: string;
  userId: number;
  redirectUri: string;
  scope: string;
  codeChallenge: string | null;
  expiresAt: number;
}

/**
 * Authorization codes, kept as digests. Exchanging one happens inside one transaction that
 * marks it used: of two concurrent exchanges exactly one succeeds, and the other is seen as a
 * replay, which revokes the grant the first produced.
 */
export class OAuthCodeStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  async createCode(digest: string, code: StoredCode, now: number): Promise<void> {
    const db = this.#database.db;
    await db.deleteFrom('oauth_codes').where('expires_at', '<', now).execute();
    await db
      .insertInto('oauth_codes')
      .values({
        digest,
        client_id: code.clientId,
        user_id: code.userId,
        redirect_uri: code.redirectUri,
        scope: code.scope,
        code_challenge: code.codeChallenge,
        expires_at: code.expiresAt,
        used: 0,
        grant_id: null,
      })
      .execute();
  }

  /**
   * Exchanges a code: lets `decide` check it, marks it used and stores a new grant with the
   * decided tokens. A refused exchange leaves the code as it was. A code used before revokes
   * the grant its first use produced.
   */
  async redeemCode<Refusal>(
    digest: string,
    grantId: string,
    now: number,
    decide: (code: StoredCode, userAllowed: boolean) => Redemption<Refusal>,
  ): Promise<RedeemResult<Refusal>> {
    return this.#database.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('oauth_codes')
        .selectAll()
        .where('digest', '=', digest)
        .executeTakeFirst();
      if (!row) return { outcome: 'unknown' };
      if (row.used === 1) return replayed(trx, row.grant_id, Number(row.user_id));

      const code: StoredCode = {
        clientId: row.client_id,
        userId: Number(row.user_id),
        redirectUri: row.redirect_uri,
        scope: row.scope,
        codeChallenge: row.code_challenge,
        expiresAt: Number(row.expires_at),
      };
      const decision = decide(code, await userIsAllowed(trx, code.clientId, code.userId));
      if ('refuse' in decision) return { outcome: 'refused', refusal: decision.refuse };

      // Of two concurrent exchanges only one changes the row; the other is a replay.
      const claimed = await trx
        .updateTable('oauth_codes')
        .set({ used: 1, grant_id: grantId })
        .where('digest', '=', digest)
        .where('used', '=', 0)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        return replayed(trx, await grantOfCode(trx, digest), code.userId);
      }

      await trx
        .insertInto('oauth_grants')
        .values({
          id: grantId,
          client_id: code.clientId,
          user_id: code.userId,
          scope: code.scope,
          created_at: now,
        })
        .execute();
      await insertTokens(trx, grantId, decision.issue);
      return { outcome: 'issued' };
    });
  }
}

async function grantOfCode(trx: Writer, digest: string): Promise<string | null> {
  const row = await trx
    .selectFrom('oauth_codes')
    .select('grant_id')
    .where('digest', '=', digest)
    .executeTakeFirst();
  return row?.grant_id ?? null;
}
