import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import { CLIENT_ID_PATTERN } from './oauth-clients.js';
import {
  insertTokens,
  replayed,
  revokeGrant,
  userIsAllowed,
  type RedeemResult,
  type Redemption,
  type Writer,
} from './oauth-token-writes.js';

/** A refresh token with the grant it belongs to. */
export interface StoredRefresh {
  grantId: string;
  clientId: string;
  userId: number;
  grantScope: string;
  grantCreatedAt: number;
  expiresAt: number;
}

/** An access token that is still on record, with its grant's user. */
export interface StoredAccess {
  grantId: string;
  clientId: string;
  userId: number;
  scope: string;
  expiresAt: number;
}

/** One client a user has approved, as the account page lists it. */
export interface UserGrantSummary {
  clientId: string;
  clientName: string;
  scopes: string[];
  firstApprovedAt: number;
}

interface AccessRow {
  grant_id: string;
  client_id: string;
  user_id: number;
  scope: string;
  expires_at: number | string;
}

/**
 * Grants and their tokens. Using a refresh token happens inside one transaction that marks it
 * consumed: of two concurrent uses exactly one succeeds, and the other is seen as a replay,
 * which revokes the grant.
 */
export class OAuthGrantStore {
  readonly #database: OpenDatabase;
  readonly #access: PreparedRead<AccessRow>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    // Run on every Bearer call. The join with the allowed users means a user taken off a
    // client's list loses its tokens' access at once.
    this.#access = database.prepare(
      'SELECT t.grant_id, g.client_id, g.user_id, t.scope, t.expires_at FROM oauth_tokens t ' +
        'JOIN oauth_grants g ON g.id = t.grant_id ' +
        'JOIN oauth_client_users cu ON cu.client_id = g.client_id AND cu.user_id = g.user_id ' +
        "WHERE t.digest = ? AND t.kind = 'access'",
    );
  }

  /**
   * Rotates a refresh token: lets `decide` check it, marks it consumed and adds the decided
   * tokens to its grant. A refused use leaves the token as it was; a consumed token used
   * again revokes the whole grant.
   */
  async redeemRefresh<Refusal>(
    digest: string,
    decide: (refresh: StoredRefresh, userAllowed: boolean) => Redemption<Refusal>,
  ): Promise<RedeemResult<Refusal>> {
    return this.#database.db.transaction().execute(async (trx) => {
      if (this.#database.storage.supportsRowLocks) await lockGrantOf(trx, digest);
      const row = await trx
        .selectFrom('oauth_tokens')
        .innerJoin('oauth_grants', 'oauth_grants.id', 'oauth_tokens.grant_id')
        .select([
          'oauth_tokens.consumed as consumed',
          'oauth_tokens.grant_id as grantId',
          'oauth_tokens.expires_at as expiresAt',
          'oauth_grants.client_id as clientId',
          'oauth_grants.user_id as userId',
          'oauth_grants.scope as grantScope',
          'oauth_grants.created_at as grantCreatedAt',
        ])
        .where('oauth_tokens.digest', '=', digest)
        .where('oauth_tokens.kind', '=', 'refresh')
        .executeTakeFirst();
      if (!row) return { outcome: 'unknown' };
      if (row.consumed === 1) return replayed(trx, row.grantId, Number(row.userId));

      const refresh: StoredRefresh = {
        grantId: row.grantId,
        clientId: row.clientId,
        userId: Number(row.userId),
        grantScope: row.grantScope,
        grantCreatedAt: Number(row.grantCreatedAt),
        expiresAt: Number(row.expiresAt),
      };
      const decision = decide(refresh, await userIsAllowed(trx, refresh.clientId, refresh.userId));
      if ('refuse' in decision) return { outcome: 'refused', refusal: decision.refuse };

      const claimed = await trx
        .updateTable('oauth_tokens')
        .set({ consumed: 1 })
        .where('digest', '=', digest)
        .where('consumed', '=', 0)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) {
        return replayed(trx, refresh.grantId, refresh.userId);
      }

      await insertTokens(trx, refresh.grantId, decision.issue);
      return { outcome: 'issued' };
    });
  }

  /** The access token with this digest, if its grant stands and its user is still allowed. */
  async findAccess(digest: string): Promise<StoredAccess | undefined> {
    const row = await this.#access.first([digest]);
    return (
      row && {
        grantId: row.grant_id,
        clientId: row.client_id,
        userId: Number(row.user_id),
        scope: row.scope,
        // PostgreSQL returns bigint as a string.
        expiresAt: Number(row.expires_at),
      }
    );
  }

  /**
   * RFC 7009: revokes a token the client holds. A refresh token takes its whole grant with it;
   * an access token only itself. Tokens of other clients are left alone. Answers the user
   * whose token ended, if one did.
   */
  async revokeToken(digest: string, clientId: string): Promise<number | undefined> {
    return this.#database.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('oauth_tokens')
        .innerJoin('oauth_grants', 'oauth_grants.id', 'oauth_tokens.grant_id')
        .select(['oauth_tokens.kind', 'oauth_tokens.grant_id', 'oauth_grants.client_id'])
        .select('oauth_grants.user_id')
        .where('oauth_tokens.digest', '=', digest)
        .executeTakeFirst();
      if (!row || row.client_id !== clientId) return undefined;
      if (row.kind === 'refresh') await revokeGrant(trx, row.grant_id);
      else await trx.deleteFrom('oauth_tokens').where('digest', '=', digest).execute();
      return Number(row.user_id);
    });
  }

  /** The clients a user has approved and not revoked, for the account page. */
  async grantsOf(userId: number): Promise<UserGrantSummary[]> {
    const rows = await this.#database.db
      .selectFrom('oauth_grants')
      .innerJoin('oauth_clients', 'oauth_clients.id', 'oauth_grants.client_id')
      .select([
        'oauth_grants.client_id as clientId',
        'oauth_clients.name as clientName',
        'oauth_grants.scope as scope',
        'oauth_grants.created_at as createdAt',
      ])
      .where('oauth_grants.user_id', '=', userId)
      .orderBy('oauth_grants.created_at')
      .execute();

    const byClient = new Map<string, UserGrantSummary>();
    for (const row of rows) {
      const summary = byClient.get(row.clientId) ?? {
        clientId: row.clientId,
        clientName: row.clientName,
        scopes: [],
        firstApprovedAt: Number(row.createdAt),
      };
      for (const scope of row.scope.split(' ')) {
        if (!summary.scopes.includes(scope)) summary.scopes.push(scope);
      }
      byClient.set(row.clientId, summary);
    }
    return [...byClient.values()];
  }

  /**
   * Ends every grant a user gave a client, with all their tokens, and the codes not yet
   * exchanged, which would otherwise bring the access back. True if there was a grant.
   */
  async revokeUserGrants(userId: number, clientId: string): Promise<boolean> {
    if (!CLIENT_ID_PATTERN.test(clientId)) return false;
    return this.#database.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('oauth_codes')
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .execute();
      const result = await trx
        .deleteFrom('oauth_grants')
        .where('user_id', '=', userId)
        .where('client_id', '=', clientId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  /**
   * Ends every grant and pending code of a user, whatever the client; answers the clients
   * that had a grant.
   */
  async revokeAllOfUser(userId: number): Promise<string[]> {
    return this.#database.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('oauth_grants')
        .select('client_id')
        .distinct()
        .where('user_id', '=', userId)
        .orderBy('client_id')
        .execute();
      await trx.deleteFrom('oauth_codes').where('user_id', '=', userId).execute();
      await trx.deleteFrom('oauth_grants').where('user_id', '=', userId).execute();
      return rows.map((row) => row.client_id);
    });
  }

  /** The users holding a grant of a client: those a change to the client would cut off. */
  async usersWithGrants(clientId: string): Promise<number[]> {
    const rows = await this.#database.db
      .selectFrom('oauth_grants')
      .select('user_id')
      .distinct()
      .where('client_id', '=', clientId)
      .orderBy('user_id')
      .execute();
    return rows.map((row) => Number(row.user_id));
  }

  /** Drops what can never be used again, so the tables do not grow forever. */
  async deleteExpired(now: number, grantsCreatedBefore: number): Promise<void> {
    const db = this.#database.db;
    await db.deleteFrom('oauth_grants').where('created_at', '<', grantsCreatedBefore).execute();
    await db
      .deleteFrom('oauth_tokens')
      .where('kind', '=', 'access')
      .where('expires_at', '<', now)
      .execute();
  }
}

/**
 * Locks the grant a refresh token belongs to. Uses of one token then queue on the grant row,
 * taking it before its tokens just as a revoking delete cascades from grant to tokens; taking
 * the token first made a replay's revocation and a queued use wait on each other (deadlock).
 * A waiter wakes to the grant rotated or gone, and reads the token afresh.
 */
async function lockGrantOf(trx: Writer, digest: string): Promise<void> {
  const grantOfToken = trx
    .selectFrom('oauth_tokens')
    .select('grant_id')
    .where('digest', '=', digest);
  await trx
    .selectFrom('oauth_grants')
    .select('id')
    .where('id', 'in', grantOfToken)
    .forUpdate()
    .execute();
}
