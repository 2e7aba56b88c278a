import type { AuthEventName, AuthEventRecorder } from '../audit/auth-events.js';
import type { UserStore } from '../store/users.js';

/** What an OAuth event may name. Never a code, token or secret. */
export interface OAuthEventDetails {
  userId?: number;
  /** Only a client known to exist: an id typed by a caller may be a misplaced secret. */
  clientId?: string;
  /** The caller's address, when the event comes from a request. */
  address?: string;
  reason?: string;
}

/**
 * Records OAuth events in the audit log with `method: 'oauth'`, naming the user by login name
 * as the other events do, so `kintone-local audit --user` finds them.
 */
export class OAuthAudit {
  readonly #recorder: AuthEventRecorder;
  readonly #users: UserStore;

  constructor(recorder: AuthEventRecorder, users: UserStore) {
    this.#recorder = recorder;
    this.#users = users;
  }

  async record(
    event: AuthEventName,
    outcome: 'success' | 'failure',
    details: OAuthEventDetails,
  ): Promise<void> {
    const user =
      details.userId === undefined ? undefined : await this.#users.findById(details.userId);
    this.#recorder.recordAuthEvent({
      event,
      outcome,
      method: 'oauth',
      ...(details.userId !== undefined ? { userId: details.userId } : {}),
      ...(user ? { loginName: user.loginName } : {}),
      ...(details.address !== undefined ? { client: details.address } : {}),
      ...(details.reason !== undefined ? { reason: details.reason } : {}),
      ...(details.clientId !== undefined ? { oauthClientId: details.clientId } : {}),
    });
  }

  /** One revocation event per user whose tokens a change ended. */
  async revoked(
    userIds: readonly number[],
    clientId: string,
    reason: string,
    address?: string,
  ): Promise<void> {
    for (const userId of userIds) {
      await this.record('oauth_revoke', 'success', {
        userId,
        clientId,
        reason,
        ...(address !== undefined ? { address } : {}),
      });
    }
  }
}
