import {
  AUTH_EVENT_NAMES,
  AUTH_METHODS,
  AUTH_OUTCOMES,
  type AuthEventName,
  type AuthMethod,
  type AuthOutcome,
} from '../../audit/auth-events.js';
import type { AuditFilter } from '../../store/audit-log.js';
import { readPositiveId, single } from '../forms.js';

export const AUDIT_PATH = '/k/admin/audit';

/** Events per page: the command line's default too. */
export const AUDIT_PAGE_SIZE = 50;

/** What the filter form asks for; an empty or unknown choice means "any". */
export interface AuditQuery {
  user: string;
  event: AuthEventName | undefined;
  method: AuthMethod | undefined;
  outcome: AuthOutcome | undefined;
  /** The page after the one that ended with this event's id. */
  before: number | undefined;
}

/**
 * The filter from the page's query string. A value that names no known event, method or outcome
 * is dropped rather than passed on, so the form always shows exactly what narrows the list.
 */
export function readAuditQuery(query: Record<string, string | string[] | undefined>): AuditQuery {
  return {
    user: single(query.user).trim(),
    event: oneOf(AUTH_EVENT_NAMES, single(query.event)),
    method: oneOf(AUTH_METHODS, single(query.method)),
    outcome: oneOf(AUTH_OUTCOMES, single(query.outcome)),
    before: readPositiveId(single(query.before)),
  };
}

/** The store's filter for one page, asking for one event more to learn whether a next exists. */
export function storeFilter(query: AuditQuery): AuditFilter {
  return {
    ...(query.user !== '' ? { loginName: query.user } : {}),
    ...(query.event ? { event: query.event } : {}),
    ...(query.method ? { method: query.method } : {}),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.before !== undefined ? { beforeId: query.before } : {}),
    limit: AUDIT_PAGE_SIZE + 1,
  };
}

/** The page's address with the same filter, starting after `before` (or at the newest). */
export function auditPageHref(query: AuditQuery, before?: number): string {
  const params = new URLSearchParams();
  if (query.user !== '') params.set('user', query.user);
  if (query.event) params.set('event', query.event);
  if (query.method) params.set('method', query.method);
  if (query.outcome) params.set('outcome', query.outcome);
  if (before !== undefined) params.set('before', String(before));
  const search = params.toString();
  return search === '' ? AUDIT_PATH : `${AUDIT_PATH}?${search}`;
}

function oneOf<T extends string>(choices: readonly T[], value: string): T | undefined {
  return choices.find((choice) => choice === value);
}
