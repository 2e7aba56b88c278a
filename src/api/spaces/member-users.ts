import type { Store } from '../../store/store.js';

export interface MemberUser {
  userId: number;
  isAdmin: boolean;
}

/**
 * The enabled users of a space, each once: those named as members and those who belong
 * through a member group, an administrator when named so or through an administrator group.
 * Space counts count these users, not the entries of the member list, and count as
 * administrators those with an administrator's rights: a user named as a plain member who is
 * also in an administrator group is one, though their own entry says otherwise.
 */
export async function memberUsers(store: Store, spaceId: number): Promise<MemberUser[]> {
  const users: MemberUser[] = [];
  for (const member of await store.spaceDetails.members(spaceId)) {
    if (member.type !== 'USER') continue;
    const user = await store.users.findById(member.userId);
    if (!user?.enabled) continue;
    const isAdmin = member.isAdmin || (await store.spaces.role(spaceId, user.id)).isAdmin;
    users.push({ userId: user.id, isAdmin });
  }
  for (const user of await store.spaceDetails.implicitMembers(spaceId)) {
    users.push({ userId: user.userId, isAdmin: user.isAdmin });
  }
  return users;
}
