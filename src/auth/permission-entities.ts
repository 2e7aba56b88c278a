import type { Store } from '../store/store.js';
import type { PermissionEntity, User } from '../store/types.js';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP } from './app-permissions.js';

/**
 * Entities in the order Kintone weighs them: as listed, except "Everyone", which comes last
 * wherever it is placed.
 */
export function inPriorityOrder<T extends { entity: PermissionEntity }>(
  entries: readonly T[],
): T[] {
  const isEveryone = (e: T) => e.entity.type === 'GROUP' && e.entity.code === EVERYONE_GROUP;
  return [...entries.filter((e) => !isEveryone(e)), ...entries.filter(isEveryone)];
}

/**
 * A test of whether a USER or GROUP entity names the user, whatever the record, with the
 * user's groups read once. FIELD_ENTITY depends on the record, so the caller decides it.
 */
export async function entityMatcher(
  store: Store,
  user: User,
): Promise<(entity: PermissionEntity) => boolean> {
  const groups = await store.groups.codesOf(user.id);
  return (entity) => {
    if (entity.type === 'USER') return entity.code === user.loginName;
    if (entity.type === 'FIELD_ENTITY') return false;
    if (entity.code === EVERYONE_GROUP) return true;
    if (entity.code === ADMINISTRATORS_GROUP) return user.isAdmin;
    return groups.has(entity.code);
  };
}
