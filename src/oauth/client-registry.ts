import { sha256Hex } from '../crypto/digest.js';
import { CLIENT_ID_PATTERN } from '../store/oauth-clients.js';
import type { Store } from '../store/store.js';
import type { OAuthAudit } from './oauth-audit.js';
import { redirectUriProblem } from './redirect-uri.js';
import { newClientId, newClientSecret } from './secrets.js';

/** A mistake in what an administrator asked for, worded for them. */
export class ClientRegistrationError extends Error {}

export interface ClientRegistration {
  name: string;
  redirectUri: string;
  allowedLogins: readonly string[];
  requirePkce: boolean;
}

/**
 * Registers a client with a generated id and a 256-bit secret, the way the CLI and the admin
 * page do. The secret is returned to be shown once; only its digest is stored.
 */
export async function registerClient(
  store: Store,
  registration: ClientRegistration,
  createdAt: string,
): Promise<{ clientId: string; clientSecret: string }> {
  const name = checkedName(registration.name);
  checkRedirectUri(registration.redirectUri);
  const userIds = await userIdsOf(store, registration.allowedLogins);

  const clientId = newClientId();
  const clientSecret = newClientSecret();
  await store.oauthClients.create(
    {
      id: clientId,
      name,
      redirectUri: registration.redirectUri,
      secretDigest: sha256Hex(clientSecret),
      requirePkce: registration.requirePkce,
    },
    userIds,
    createdAt,
  );
  return { clientId, clientSecret };
}

/**
 * Renames a client and moves its redirect endpoint, with the checks registration makes. A code
 * issued for the old redirect URI can no longer be exchanged; tokens already issued stay valid,
 * as the client's credentials are unchanged. The details as stored, or null if no such client.
 */
export async function editClient(
  store: Store,
  clientId: string,
  details: { name?: string; redirectUri?: string },
): Promise<{ name: string; redirectUri: string } | null> {
  const name = details.name !== undefined ? checkedName(details.name) : undefined;
  if (details.redirectUri !== undefined) checkRedirectUri(details.redirectUri);
  return store.oauthClients.updateDetails(clientId, {
    ...(name !== undefined ? { name } : {}),
    ...(details.redirectUri !== undefined ? { redirectUri: details.redirectUri } : {}),
  });
}

/** The name as stored: trimmed, 1 to 100 characters, no control characters. */
function checkedName(text: string): string {
  const name = text.trim();
  if (name === '' || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new ClientRegistrationError(
      'The name must be 1 to 100 characters, none of them control characters.',
    );
  }
  return name;
}

function checkRedirectUri(text: string): void {
  const problem = redirectUriProblem(text);
  if (problem) throw new ClientRegistrationError(`The redirect URI ${problem}.`);
}

/** Who made an administrator's change, for the audit log: an address, or none for the CLI. */
export interface AdminChange {
  audit: OAuthAudit;
  address?: string;
}

/** A new secret for a client, every token of the old one revoked; null if no such client. */
export async function rotateClientSecret(
  store: Store,
  clientId: string,
  change: AdminChange,
): Promise<string | null> {
  const holders = await holdersOf(store, clientId);
  const clientSecret = newClientSecret();
  const replaced = await store.oauthClients.replaceSecret(clientId, sha256Hex(clientSecret));
  if (!replaced) return null;

  await change.audit.revoked(holders, clientId, 'secret_rotated', change.address);
  return clientSecret;
}

/** Removes a client with its codes and tokens; false if no such client. */
export async function removeClient(
  store: Store,
  clientId: string,
  change: AdminChange,
): Promise<boolean> {
  const holders = await holdersOf(store, clientId);
  if (!(await store.oauthClients.remove(clientId))) return false;

  await change.audit.revoked(holders, clientId, 'client_removed', change.address);
  return true;
}

/** Replaces the users allowed to use a client; the tokens of users left off end. */
export async function setClientUsers(
  store: Store,
  clientId: string,
  userIds: readonly number[],
  change: AdminChange,
): Promise<void> {
  const holders = await holdersOf(store, clientId);
  await store.oauthClients.setAllowedUsers(clientId, userIds);

  const cutOff = holders.filter((id) => !userIds.includes(id));
  await change.audit.revoked(cutOff, clientId, 'users_changed', change.address);
}

async function holdersOf(store: Store, clientId: string): Promise<number[]> {
  return CLIENT_ID_PATTERN.test(clientId) ? store.oauthGrants.usersWithGrants(clientId) : [];
}

/** The ids of users named by login, refusing unknown names. */
export async function userIdsOf(store: Store, logins: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const login of new Set(logins)) {
    // A control character is in no login name, and PostgreSQL refuses a NUL outright.
    const user = /[\u0000-\u001f]/.test(login)
      ? undefined
      : await store.users.findByLoginName(login);
    if (!user) throw new ClientRegistrationError(`No user with the login name "${login}".`);
    ids.push(user.id);
  }
  return ids;
}

/** `a, b,c` as a list of login names. */
export function splitLogins(text: string): string[] {
  return [
    ...new Set(
      text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
