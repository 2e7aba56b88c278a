import type { Store } from '../store/store.js';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP } from './app-permissions.js';

/** Login names of a group's enabled members; the built-in groups are worked out from users. */
export async function groupMemberLogins(store: Store, groupCode: string): Promise<string[]> {
  if (groupCode === EVERYONE_GROUP) return store.users.loginNames({ adminsOnly: false });
  if (groupCode === ADMINISTRATORS_GROUP) return store.users.loginNames({ adminsOnly: true });
  return store.groups.memberLoginNames(groupCode);
}
