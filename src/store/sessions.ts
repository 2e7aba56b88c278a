import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';

/** A stored browser session. Times are milliseconds since the epoch. */
export interface StoredSession {
  id: string;
  secretDigest: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
}

interface SessionRow {
  id: string;
  secret_digest: string;
  user_id: number;
  created_at: number | string;
  last_seen_at: number | string;
}

/** Sessions by id; the secret is never stored, only its digest. */
export class SessionStore {
  readonly #database: OpenDatabase;
  readonly #byId: PreparedRead<SessionRow>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#byId = database.prepare(
      'SELECT id, secret_digest, user_id, created_at, last_seen_at FROM sessions WHERE id = ?',
    );
  }

  /** Runs on every session-authenticated request, so it skips the query builder. */
  async find(id: string): Promise<StoredSession | undefined> {
    const row = await this.#byId.first([id]);
    return (
      row && {
        id: row.id,
        secretDigest: row.secret_digest,
        userId: Number(row.user_id),
        // PostgreSQL returns bigint as a string.
        createdAt: Number(row.created_at),
        lastSeenAt: Number(row.last_seen_at),
      }
    );
  }

  async create(session: StoredSession): Promise<void> {
    await this.#database.db
      .insertInto('sessions')
      .values({
        id: session.id,
        secret_digest: session.secretDigest,
        user_id: session.userId,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  async touch(id: string, lastSeenAt: number): Promise<void> {
    await this.#database.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Sessions are read from the database on every request and never cached, so a deleted one is
   * refused by every instance at once; the change is still announced for anyone listening.
   */
  async delete(id: string): Promise<void> {
    await this.#database.db.deleteFrom('sessions').where('id', '=', id).execute();
    await this.#database.changes.publish({ kind: 'session', sessionId: id });
  }

  /** Ends every session of a user, except the one given (the session asking for it). */
  async deleteForUser(userId: number, keepId: string | null = null): Promise<void> {
    let query = this.#database.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepId !== null) query = query.where('id', '!=', keepId);
    await query.execute();
    await this.#database.changes.publish({ kind: 'user', userId });
  }

  /** Removes sessions idle or older than the limits, so the table does not grow forever. */
  async deleteExpired(idleBefore: number, createdBefore: number): Promise<void> {
    await this.#database.db
      .deleteFrom('sessions')
      .where((eb) =>
        eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]),
      )
      .execute();
  }
}
