import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { Schema } from './schema.js';
import {
  permissionColumns,
  toSettings,
  toToken,
  type SettingsRow,
  type TokenRow,
} from './api-token-rows.js';
import type { ApiToken, PendingTokenChange, TokenPermissions, TokenSettings } from './types.js';

const TOKEN_COLUMNS =
  'id, app_id, can_view, can_add, can_edit, can_delete, can_manage, note, deployed';

/**
 * How long a token lookup is remembered. Every API call by token reads its token, so a short
 * memory saves most reads. Only deployed tokens are remembered, so a token works as soon as its
 * app is updated. A token removed or changed through any instance on PostgreSQL is forgotten by
 * all of them at once (see ChangeFeed); one removed by another process on SQLite stops working
 * within this lag.
 */
export const TOKEN_CACHE_TTL_MS = 1000;

/** At most this many tokens per app, as in Kintone. */
export const MAX_TOKENS_PER_APP = 20;

export class TooManyTokensError extends Error {}

/**
 * API tokens are kept only as the SHA-256 digest of their value: Kintone clients send the whole
 * token on every request, so it is looked up by digest and never stored in clear.
 *
 * As in Kintone, what the settings page saves waits for "Update App": a new token is a draft
 * (`deployed = 0`) that answers like an unknown token, and changes to a deployed token (its
 * checkboxes, note, a regenerated value, its removal) wait in `pending` while the token keeps
 * working as it was.
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

  /** Only deployed tokens are remembered, so a draft works on its first use after deployment. */
  async findByDigest(digest: string): Promise<ApiToken | undefined> {
    const remembered = this.#recent.get(digest);
    if (remembered) return remembered;

    const row = await this.#byDigest.first([digest]);
    const token = row && toToken(row);
    if (token?.deployed) this.#recent.set(digest, token);
    return token;
  }

  /** An app's tokens, oldest first, as its settings page shows them. */
  async listForApp(appId: number): Promise<TokenSettings[]> {
    const rows = await this.#database.db
      .selectFrom('api_tokens')
      .select(['id', 'app_id', 'can_view', 'can_add', 'can_edit', 'can_delete', 'can_manage'])
      .select(['note', 'deployed', 'hint', 'pending'])
      .where('app_id', '=', appId)
      .orderBy('id')
      .execute();
    return rows.map((row) => toSettings(row as SettingsRow));
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
    token: {
      appId: number;
      digest: string;
      permissions: TokenPermissions;
      note: string;
      hint?: string;
    },
    deployed: boolean,
    createdAt: string,
  ): Promise<ApiToken> {
    return this.#database.db.transaction().execute(async (trx) => {
      // A token waiting for removal still counts until the app is updated, as in Kintone.
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
          ...permissionColumns(p),
          note: token.note,
          deployed: deployed ? 1 : 0,
          created_at: createdAt,
          hint: token.hint ?? '',
        })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      return { id: Number(row.id), appId: token.appId, permissions: p, note: token.note, deployed };
    });
  }

  /**
   * Saves a token's checkboxes and note, and optionally a new value: straight into a draft,
   * into `pending` for a deployed token. False when the app has no such token.
   */
  async saveSettings(
    appId: number,
    tokenId: number,
    change: { permissions: TokenPermissions; note: string; digest?: string; hint?: string },
  ): Promise<boolean> {
    return this.#database.db.transaction().execute(async (trx) => {
      const current = await findSettings(trx, appId, tokenId);
      if (!current) return false;

      if (!current.deployed) {
        await trx
          .updateTable('api_tokens')
          .set({
            ...permissionColumns(change.permissions),
            note: change.note,
            ...(change.digest ? { digest: change.digest, hint: change.hint ?? '' } : {}),
          })
          .where('id', '=', tokenId)
          .execute();
        return true;
      }

      // A value regenerated earlier and not yet deployed is kept when only settings change.
      const earlier = current.pending?.kind === 'change' ? current.pending : undefined;
      const digest = change.digest ?? earlier?.digest;
      const hint = change.digest ? change.hint : earlier?.hint;
      const pending: PendingTokenChange = {
        kind: 'change',
        permissions: change.permissions,
        note: change.note,
        ...(digest ? { digest, hint: hint ?? '' } : {}),
      };
      await setPending(trx, tokenId, pending);
      return true;
    });
  }

  /** Removes a draft at once; a deployed token is removed by the next "Update App". */
  async remove(appId: number, tokenId: number): Promise<boolean> {
    return this.#database.db.transaction().execute(async (trx) => {
      const current = await findSettings(trx, appId, tokenId);
      if (!current) return false;

      if (current.deployed) await setPending(trx, tokenId, { kind: 'delete' });
      else await trx.deleteFrom('api_tokens').where('id', '=', tokenId).execute();
      return true;
    });
  }

  /** Whether the app has token settings that "Update App" would apply. */
  async hasUndeployed(appId: number): Promise<boolean> {
    const row = await this.#database.db
      .selectFrom('api_tokens')
      .select('id')
      .where('app_id', '=', appId)
      .where((eb) => eb.or([eb('deployed', '=', 0), eb('pending', 'is not', null)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Applies an app's saved token settings: drafts become usable, pending changes and removals
   * take effect. Runs inside the caller's transaction, so "Update App" is all or nothing.
   */
  async deploy(trx: Kysely<Schema>, appId: number): Promise<void> {
    await trx
      .updateTable('api_tokens')
      .set({ deployed: 1 })
      .where('app_id', '=', appId)
      .where('deployed', '=', 0)
      .execute();

    const waiting = await trx
      .selectFrom('api_tokens')
      .select(['id', 'pending'])
      .where('app_id', '=', appId)
      .where('pending', 'is not', null)
      .execute();
    for (const row of waiting) {
      const pending = JSON.parse(row.pending ?? '{}') as PendingTokenChange;
      if (pending.kind === 'delete') {
        await trx.deleteFrom('api_tokens').where('id', '=', row.id).execute();
        continue;
      }
      await trx
        .updateTable('api_tokens')
        .set({
          ...permissionColumns(pending.permissions),
          note: pending.note,
          ...(pending.digest ? { digest: pending.digest, hint: pending.hint ?? '' } : {}),
          pending: null,
        })
        .where('id', '=', row.id)
        .execute();
    }
  }

  /** Drops an app's saved token settings: drafts go, tokens in use stay as deployed. */
  async discard(trx: Kysely<Schema>, appId: number): Promise<void> {
    await trx
      .deleteFrom('api_tokens')
      .where('app_id', '=', appId)
      .where('deployed', '=', 0)
      .execute();
    await trx
      .updateTable('api_tokens')
      .set({ pending: null })
      .where('app_id', '=', appId)
      .execute();
  }

  /** Tells every instance that tokens changed, after a deployment was committed. */
  async announceChange(): Promise<void> {
    this.#recent.clear();
    await this.#database.changes.publish({ kind: 'tokens' });
  }
}

async function findSettings(
  trx: Kysely<Schema>,
  appId: number,
  tokenId: number,
): Promise<TokenSettings | undefined> {
  const row = await trx
    .selectFrom('api_tokens')
    .select(['id', 'app_id', 'can_view', 'can_add', 'can_edit', 'can_delete', 'can_manage'])
    .select(['note', 'deployed', 'hint', 'pending'])
    .where('app_id', '=', appId)
    .where('id', '=', tokenId)
    .executeTakeFirst();
  return row && toSettings(row as SettingsRow);
}

async function setPending(trx: Kysely<Schema>, tokenId: number, pending: PendingTokenChange) {
  await trx
    .updateTable('api_tokens')
    .set({ pending: JSON.stringify(pending) })
    .where('id', '=', tokenId)
    .execute();
}
