import type { OpenDatabase } from './dialects/dialect.js';

/** One stored authentication event; see src/audit/auth-events.ts for what each field means. */
export interface StoredAuthEvent {
  id: number;
  at: string;
  event: string;
  outcome: string;
  method: string;
  userId: number | null;
  loginName: string | null;
  client: string | null;
  reason: string | null;
}

export interface AuditFilter {
  loginName?: string;
  method?: string;
  outcome?: string;
  event?: string;
  /** Only events older than this one: the next page after a page that ended with it. */
  beforeId?: number;
  limit: number;
}

/** The audit log table: appended to in batches, read newest first. */
export class AuditLogStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  async append(events: readonly Omit<StoredAuthEvent, 'id'>[]): Promise<void> {
    if (events.length === 0) return;
    await this.#database.db
      .insertInto('audit_log')
      .values(
        events.map((e) => ({
          at: e.at,
          event: e.event,
          outcome: e.outcome,
          method: e.method,
          user_id: e.userId,
          login_name: e.loginName,
          client: e.client,
          reason: e.reason,
        })),
      )
      .execute();
  }

  async list(filter: AuditFilter): Promise<StoredAuthEvent[]> {
    // A control character is in no login name, and PostgreSQL refuses a NUL outright.
    if (filter.loginName !== undefined && /[\u0000-\u001f]/.test(filter.loginName)) return [];

    let query = this.#database.db.selectFrom('audit_log').selectAll();
    if (filter.loginName !== undefined) query = query.where('login_name', '=', filter.loginName);
    if (filter.method !== undefined) query = query.where('method', '=', filter.method);
    if (filter.outcome !== undefined) query = query.where('outcome', '=', filter.outcome);
    if (filter.event !== undefined) query = query.where('event', '=', filter.event);
    // An id past the column's range is newer than every event, and PostgreSQL refuses to
    // compare its 32-bit serial with one: no bound at all is the same page.
    const { beforeId } = filter;
    if (beforeId !== undefined && beforeId <= this.#database.storage.largestGeneratedKey) {
      query = query.where('id', '<', beforeId);
    }

    const rows = await query.orderBy('id', 'desc').limit(filter.limit).execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      event: row.event,
      outcome: row.outcome,
      method: row.method,
      userId: row.user_id === null ? null : Number(row.user_id),
      loginName: row.login_name,
      client: row.client,
      reason: row.reason,
    }));
  }
}
