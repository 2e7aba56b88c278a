import type { EndpointScope } from '../api/endpoint.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { Principal } from './principal.js';

/**
 * An OAuth caller needs the API's scope on top of its user's permissions. A missing scope is
 * Kintone's "no privilege" (403 CB_NO02), with RFC 6750's `insufficient_scope` naming the
 * scope that would help; APIs no scope opens name none. Other callers are not affected.
 */
export function requireScope(principal: Principal, scope: EndpointScope): void {
  if (principal.kind !== 'user' || principal.method !== 'oauth') return;
  if (scope === 'sub-requests') return;
  if (scope !== null && principal.scopes.has(scope)) return;

  const challenge =
    'Bearer realm="kintone-local", error="insufficient_scope"' +
    (scope === null ? '' : `, scope="${scope}"`);
  throw new KintoneError('CB_NO02', {}, [], { challenge });
}
