import type { ApiCall } from '../api/endpoint.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { App, FieldAccessibility, FieldProperties } from '../store/types.js';
import { entityMatcher, inPriorityOrder } from './permission-entities.js';

/** What `fieldAccessFor` answers: null when nothing restricts the caller. */
export type FieldAccess = ReadonlyMap<string, FieldAccessibility> | null;

/**
 * The caller's access to each field that has field permissions, or null when nothing
 * restricts the caller (an API token, or an app without field permissions). Fields without
 * permissions are open to everyone with the app's rights. For a field with permissions, the
 * first entity that names the user ("Everyone" last) decides; a user none names gets NONE.
 */
export async function fieldAccessFor(call: ApiCall, app: App): Promise<FieldAccess> {
  if (call.principal.kind !== 'user') return null;
  const rules = await call.services.store.permissions.find(app.id, 'field', 'live');
  if (!rules || rules.length === 0) return null;

  const namesUser = await entityMatcher(call.services.store, call.principal.user);
  const access = new Map<string, FieldAccessibility>();
  for (const rule of rules) {
    let decided: FieldAccessibility = 'NONE';
    for (const entry of inPriorityOrder(rule.entities)) {
      if (namesUser(entry.entity)) {
        decided = entry.accessibility;
        break;
      }
    }
    access.set(rule.code, decided);
  }
  return access;
}

export function mayView(access: FieldAccess, code: string) {
  return access === null || access.get(code) !== 'NONE';
}

export function mayEdit(access: FieldAccess, code: string) {
  return access === null || (access.get(code) ?? 'WRITE') === 'WRITE';
}

/** The app's fields without those the caller may not view. */
export function visibleProperties(
  properties: FieldProperties,
  access: FieldAccess,
): FieldProperties {
  if (access === null) return properties;
  return Object.fromEntries(
    Object.entries(properties).filter(([code]) => mayView(access, code)),
  ) as FieldProperties;
}

/** A write that names a field the caller may not edit is refused whole (CB_NO02). */
export function refuseUneditableFields(access: FieldAccess, record: unknown): void {
  if (access === null || record === null || typeof record !== 'object') return;
  for (const code of Object.keys(record)) {
    if (!mayEdit(access, code)) throw new KintoneError('CB_NO02');
  }
}
