import type { OpenDatabase } from './dialects/dialect.js';

/** A registered OAuth client. Only the digest of its secret is known. */
export interface OAuthClient {
  id: string;
  name: string;
  redirectUri: string;
  secretDigest: string;
  requirePkce: boolean;
}

/** A client as the CLI lists it, with the login names of the users it may act for. */
export interface OAuthClientListing {
  id: string;
  name: string;
  redirectUri: string;
  requirePkce: boolean;
  allowedUsers: string[];
  createdAt: string;
}

/** Client ids are written in URLs and Basic credentials: unreserved characters only. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9\-._~]{1,128}$/;

/**
 * Ids from requests are checked before they reach SQL: no client has any other id, and
 * PostgreSQL refuses a NUL in a text parameter outright.
 */
function isClientId(id: string): boolean {
  return CLIENT_ID_PATTERN.test(id);
}

interface ClientRow {
  id: string;
  name: string;
  redirect_uri: string;
  secret_digest: string;
  require_pkce: number;
}

/**
 * OAuth clients and the users each may act for. Changing a client's secret or removing it
 * ends every grant it holds, so no token outlives the credentials it was issued to.
 */
export class OAuthClientStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  async create(
    client: OAuthClient,
    allowedUserIds: readonly number[],
    createdAt: string,
  ): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('oauth_clients')
        .values({
          id: client.id,
          name: client.name,
          redirect_uri: client.redirectUri,
          secret_digest: client.secretDigest,
          require_pkce: client.requirePkce ? 1 : 0,
          created_at: createdAt,
        })
        .execute();
      if (allowedUserIds.length > 0) {
        await trx
          .insertInto('oauth_client_users')
          .values(allowedUserIds.map((userId) => ({ client_id: client.id, user_id: userId })))
          .execute();
      }
    });
  }

  async find(id: string): Promise<OAuthClient | undefined> {
    if (!isClientId(id)) return undefined;
    const row = await this.#database.db
      .selectFrom('oauth_clients')
      .select(['id', 'name', 'redirect_uri', 'secret_digest', 'require_pkce'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toClient(row);
  }

  async list(): Promise<OAuthClientListing[]> {
    const db = this.#database.db;
    const clients = await db
      .selectFrom('oauth_clients')
      .select(['id', 'name', 'redirect_uri', 'require_pkce', 'created_at'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const members = await db
      .selectFrom('oauth_client_users')
      .innerJoin('users', 'users.id', 'oauth_client_users.user_id')
      .select(['oauth_client_users.client_id as clientId', 'users.login_name as loginName'])
      .orderBy('users.login_name')
      .execute();
    return clients.map((row) => ({
      id: row.id,
      name: row.name,
      redirectUri: row.redirect_uri,
      requirePkce: row.require_pkce === 1,
      allowedUsers: members.filter((m) => m.clientId === row.id).map((m) => m.loginName),
      createdAt: row.created_at,
    }));
  }

  /** True when the user is on the client's list of allowed users. */
  async isAllowed(clientId: string, userId: number): Promise<boolean> {
    if (!isClientId(clientId)) return false;
    const row = await this.#database.db
      .selectFrom('oauth_client_users')
      .select('user_id')
      .where('client_id', '=', clientId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Replaces the allowed users; grants of users taken off the list end with it. */
  async setAllowedUsers(clientId: string, userIds: readonly number[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('oauth_client_users').where('client_id', '=', clientId).execute();
      if (userIds.length > 0) {
        await trx
          .insertInto('oauth_client_users')
          .values(userIds.map((userId) => ({ client_id: clientId, user_id: userId })))
          .execute();
      }
      let stale = trx.deleteFrom('oauth_grants').where('client_id', '=', clientId);
      if (userIds.length > 0) stale = stale.where('user_id', 'not in', [...userIds]);
      await stale.execute();
    });
  }

  /**
   * A new name, redirect endpoint or both; grants and tokens stay, as the client's credentials
   * did not change. Codes issued for an earlier redirect URI stop working at the token
   * endpoint, which compares a code's URI with the client's current one. The details as
   * stored, or null if no such client.
   */
  async updateDetails(
    clientId: string,
    details: { name?: string; redirectUri?: string },
  ): Promise<{ name: string; redirectUri: string } | null> {
    if (!isClientId(clientId)) return null;
    const row = await this.#database.db
      .updateTable('oauth_clients')
      .set({
        ...(details.name !== undefined ? { name: details.name } : {}),
        ...(details.redirectUri !== undefined ? { redirect_uri: details.redirectUri } : {}),
      })
      .where('id', '=', clientId)
      .returning(['name', 'redirect_uri'])
      .executeTakeFirst();
    return row ? { name: row.name, redirectUri: row.redirect_uri } : null;
  }

  /** A new secret; every grant issued under the old one is revoked. False if no such client. */
  async replaceSecret(clientId: string, secretDigest: string): Promise<boolean> {
    if (!isClientId(clientId)) return false;
    return this.#database.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('oauth_clients')
        .set({ secret_digest: secretDigest })
        .where('id', '=', clientId)
        .executeTakeFirst();
      await trx.deleteFrom('oauth_grants').where('client_id', '=', clientId).execute();
      return Number(result.numUpdatedRows) === 1;
    });
  }

  /** Removes the client with its codes, grants and tokens. False if no such client. */
  async remove(clientId: string): Promise<boolean> {
    if (!isClientId(clientId)) return false;
    const result = await this.#database.db
      .deleteFrom('oauth_clients')
      .where('id', '=', clientId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }
}

function toClient(row: ClientRow): OAuthClient {
  return {
    id: row.id,
    name: row.name,
    redirectUri: row.redirect_uri,
    secretDigest: row.secret_digest,
    requirePkce: row.require_pkce === 1,
  };
}
