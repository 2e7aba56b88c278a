import type { AuthEventRecorder } from '../audit/auth-events.js';
import { hashPassword } from '../auth/password-hash.js';
import type { Store } from '../store/store.js';
import type { User } from '../store/types.js';

/**
 * Sets a new password and ends what the old one opened: the user's sessions (except the one
 * given, the session asking) and every OAuth grant the user approved, which must be asked for
 * again. The change and each ended grant go to the audit log.
 */
export async function changePassword(
  deps: { store: Store; audit: AuthEventRecorder },
  user: User,
  password: string,
  context: { keepSessionId: string | null; client: string },
): Promise<void> {
  const { store, audit } = deps;
  await store.users.setPasswordHash(user.id, await hashPassword(password));
  await store.sessions.deleteForUser(user.id, context.keepSessionId);
  const clients = await store.oauthGrants.revokeAllOfUser(user.id);

  const who = { userId: user.id, loginName: user.loginName, client: context.client };
  audit.recordAuthEvent({
    event: 'password_change',
    outcome: 'success',
    method: 'session',
    ...who,
  });
  for (const oauthClientId of clients) {
    audit.recordAuthEvent({
      event: 'oauth_revoke',
      outcome: 'success',
      method: 'oauth',
      reason: 'password_change',
      oauthClientId,
      ...who,
    });
  }
}

/** Disables or enables a user; disabling ends the user's sessions and OAuth grants at once. */
export async function setUserEnabled(
  deps: { store: Store; audit: AuthEventRecorder },
  user: User,
  enabled: boolean,
  client: string,
): Promise<void> {
  const { store, audit } = deps;
  await store.users.setEnabled(user.id, enabled);
  if (!enabled) {
    // The session check already refuses a disabled user; removing the rows also ends them
    // for good if the user is enabled again.
    await store.sessions.deleteForUser(user.id);
    await store.oauthGrants.revokeAllOfUser(user.id);
  }
  audit.recordAuthEvent({
    event: enabled ? 'user_enabled' : 'user_disabled',
    outcome: 'success',
    method: 'session',
    userId: user.id,
    loginName: user.loginName,
    client,
  });
}
