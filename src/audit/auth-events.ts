import type { AuditLogStore, StoredAuthEvent } from '../store/audit-log.js';

/**
 * What happened. New kinds (an OAuth grant, a revocation) are added here; the compiler then asks
 * for their label on the audit page (src/web/admin/audit-texts.ts).
 */
export const AUTH_EVENT_NAMES = [
  'login',
  'password_auth',
  'api_token',
  'logout',
  'password_change',
  'user_disabled',
  'user_enabled',
  'oauth_consent',
  'oauth_code_exchange',
  'oauth_refresh',
  'oauth_client_auth',
  'oauth_bearer',
  'oauth_revoke',
] as const;

export type AuthEventName = (typeof AUTH_EVENT_NAMES)[number];

/** How the caller proved (or tried to prove) who they are. */
export const AUTH_METHODS = [
  'login_form',
  'password',
  'api_token',
  'session',
  'cli',
  'oauth',
] as const;

export type AuthMethod = (typeof AUTH_METHODS)[number];

export const AUTH_OUTCOMES = ['success', 'failure'] as const;

export type AuthOutcome = (typeof AUTH_OUTCOMES)[number];

/**
 * One authentication event. Only facts that are safe to keep: never a password, token, session
 * secret or cookie. `loginName` is the account's name, set only when that account exists, so a
 * password typed into the login field by mistake is never stored.
 */
export interface AuthEvent {
  event: AuthEventName;
  outcome: AuthOutcome;
  method: AuthMethod;
  userId?: number;
  loginName?: string;
  /** The caller's address as the server saw it. */
  client?: string;
  /**
   * Why it failed: a fixed word (`wrong_password`, `unknown_user`) or a Kintone error code. For
   * an OAuth revocation, what ended the tokens (`account_page`, `client_removed`, ...).
   */
  reason?: string;
  /** The OAuth client involved, only once it is known to exist (an id, never a secret). */
  oauthClientId?: string;
}

/** Anything that takes authentication events; the server's trail, or a test's list. */
export interface AuthEventRecorder {
  recordAuthEvent(event: AuthEvent): void;
}

/** How many events wait in memory at most while the database is unreachable. */
const MAX_PENDING = 10_000;
const RETRY_DELAY_MS = 500;

/**
 * Writes authentication events to the audit log without making the request wait: events are
 * queued and written in one batch right after the current work, and retried while the database
 * is unreachable. An event that cannot be kept (the queue is full, or the server is stopping
 * and the database still refuses) is written to stderr as a JSON line, so none is lost
 * silently. A process killed outright loses at most the events of its last moment.
 */
export class AuthEventTrail implements AuthEventRecorder {
  readonly #store: AuditLogStore;
  readonly #now: () => Date;
  readonly #lost: (event: Omit<StoredAuthEvent, 'id'>) => void;
  #pending: Omit<StoredAuthEvent, 'id'>[] = [];
  #writing: Promise<void> | undefined;
  #retry: NodeJS.Timeout | undefined;

  constructor(
    store: AuditLogStore,
    now: () => Date = () => new Date(),
    lost: (event: Omit<StoredAuthEvent, 'id'>) => void = writeToStderr,
  ) {
    this.#store = store;
    this.#now = now;
    this.#lost = lost;
  }

  recordAuthEvent(event: AuthEvent): void {
    const row = toRow(event, this.#now());
    if (this.#pending.length >= MAX_PENDING) {
      this.#lost(row);
      return;
    }

    this.#pending.push(row);
    if (!this.#writing && !this.#retry) this.#writing = this.#writeSoon();
  }

  /**
   * Writes whatever waits; what the database still refuses goes to stderr. The server calls it
   * when stopping; the trail stays usable afterwards.
   */
  async flush(): Promise<void> {
    clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.#writing;
    while (this.#pending.length > 0) {
      if (await this.#writeBatch()) continue;
      for (const row of this.#pending.splice(0)) this.#lost(row);
    }
  }

  async #writeSoon(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending.length > 0) {
      if (!(await this.#writeBatch())) {
        this.#retry = setTimeout(() => {
          this.#retry = undefined;
          this.#writing = this.#writeSoon();
        }, RETRY_DELAY_MS);
        this.#retry.unref();
        break;
      }
    }
    this.#writing = undefined;
  }

  async #writeBatch(): Promise<boolean> {
    const batch = this.#pending.splice(0, 500);
    try {
      await this.#store.append(batch);
      return true;
    } catch {
      this.#pending.unshift(...batch);
      return false;
    }
  }
}

export function toRow(event: AuthEvent, at: Date): Omit<StoredAuthEvent, 'id'> {
  return {
    at: at.toISOString(),
    event: event.event,
    outcome: event.outcome,
    method: event.method,
    userId: event.userId ?? null,
    loginName: event.loginName ?? null,
    client: event.client ?? null,
    reason: storedReason(event),
  };
}

/** The OAuth client's id rides in the reason column: `denied client_id=reports`. */
export function storedReason(event: Pick<AuthEvent, 'reason' | 'oauthClientId'>): string | null {
  const parts = [event.reason, event.oauthClientId && `client_id=${event.oauthClientId}`];
  const text = parts.filter(Boolean).join(' ');
  return text === '' ? null : text;
}

function writeToStderr(event: Omit<StoredAuthEvent, 'id'>): void {
  process.stderr.write(`${JSON.stringify({ auditEventNotStored: event })}\n`);
}
