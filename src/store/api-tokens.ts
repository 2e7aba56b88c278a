import { LRUCache } from 'lru-cache';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { ApiToken, TokenPermissions } from './types.js';

interface TokenRow {
  id: number;
  app_id: number;
  can_view: number;
  can_add: number;
  can_edit: number;
  can_delete: number;
  can_manage: number;
  note: string;
  deployed: number;
}

const TOKEN_COLUMNS =
  'id, app_id, can_view, can_add, can_edit, can_delete, can_manage, note, deployed';

/**
 * How long a token lookup is remembered. Every API call by token reads its token, so a short
 * memory saves most reads. Only existing tokens are remembered, so a new token works at once.
 * A token removed through any instance on PostgreSQL is forgotten by all of them at once (see
 * ChangeFeed); a token removed by another process on SQLite stops working within this lag.
 */
export const TOKEN_CACHE_TTL_MS = 1000;

/** At most this many tokens per app, as in Kintone. */
export const MAX_TOKENS_PER_APP = 20;

export class TooManyTokensError extends Error {}

/**
 * API tokens are kept only as the SHA-256 digest of their value: Kintone clients send the whole
 * token on every request, so it is looked up by digest and never stored in clear.
 */
export class ApiTokenStore {
  readonly #database: OpenDatabase;
  readonly #byDigest: PreparedRead<TokenRow>;
  readonly #recent = new LRUCache<string, ApiToken>({ max: 10_000, ttl: TOKEN_CACHE_TTL_MS });

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#byDigest = database.prepare(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE digest = ?`);
    // Token changes are rare, and the memory is keyed by digest, so any change clears it all.
    database.changes.subscribe((change) => {
      if (change.kind === 'tokens' || change.kind === 'everything') this.#recent.clear();
    });
  }

  /** Only tokens that exist are remembered, so a new token works on its first use. */
  async findByDigest(digest: string): Promise<ApiToken | undefined> {
    const remembered = this.#recent.get(digest);
    if (remembered) return remembered;

    const row = await this.#byDigest.first([digest]);
    const token = row && toToken(row);
    if (token) this.#recent.set(digest, token);
    return token;
  }

  /** Every token of an app, oldest first (digests stay inside the store). */
  async listForApp(appId: number): Promise<ApiToken[]> {
    const rows = await this.#database.db
      .selectFrom('api_tokens')
      .select(['id', 'app_id', 'can_view', 'can_add', 'can_edit', 'can_delete', 'can_manage'])
      .select(['note', 'deployed'])
      .where('app_id', '=', appId)
      .orderBy('id')
      .execute();
    return rows.map((row) => toToken(row as TokenRow));
  }

  /** Removes a token; every instance refuses it from the moment this returns. */
  async delete(id: number): Promise<boolean> {
    const result = await this.#database.db
      .deleteFrom('api_tokens')
      .where('id', '=', id)
      .executeTakeFirst();
    this.#recent.clear();
    await this.#database.changes.publish({ kind: 'tokens' });
    return Number(result.numDeletedRows) > 0;
  }

  async create(
    token: { appId: number; digest: string; permissions: TokenPermissions; note: string },
    deployed: boolean,
    createdAt: string,
  ): Promise<ApiToken> {
    return this.#database.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('app_id', '=', token.appId)
        .executeTakeFirstOrThrow();
      if (Number(existing.n) >= MAX_TOKENS_PER_APP) {
        throw new TooManyTokensError(
          `App ${token.appId} already has ${MAX_TOKENS_PER_APP} API tokens, ` +
            'the most Kintone allows',
        );
      }

      const p = token.permissions;
      const row = await trx
        .insertInto('api_tokens')
        .values({
          app_id: token.appId,
          digest: token.digest,
          can_view: p.view ? 1 : 0,
          can_add: p.add ? 1 : 0,
          can_edit: p.edit ? 1 : 0,
          can_delete: p.delete ? 1 : 0,
          can_manage: p.manage ? 1 : 0,
          note: token.note,
          deployed: deployed ? 1 : 0,
          created_at: createdAt,
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      return { id: Number(row.id), appId: token.appId, permissions: p, note: token.note, deployed };
    });
  }
}

function toToken(row: TokenRow): ApiToken {
  return {
    id: Number(row.id),
    appId: Number(row.app_id),
    permissions: {
      view: row.can_view === 1,
      add: row.can_add === 1,
      edit: row.can_edit === 1,
      delete: row.can_delete === 1,
      manage: row.can_manage === 1,
    },
    note: row.note,
    deployed: row.deployed === 1,
  };
}
