import { KintoneError } from '../../errors/kintone-error.js';
import type { SpaceDetails } from '../../store/space-details.js';
import type { Space } from '../../store/types.js';
import type { ApiCall } from '../endpoint.js';
import { readPositiveId } from '../param-readers.js';

/** What a space call needs: to see the space, to take part in it, or to administer it. */
export type SpaceNeed = 'view' | 'member' | 'admin';

export interface OpenSpace {
  space: Space;
  details: SpaceDetails;
}

/**
 * Finds the space a call names and checks the caller may do what it needs there. A guest
 * space answers only on its own `/k/guest/{id}/v1/` path and other spaces only on `/k/v1/`.
 * Anyone may view a public space; private spaces are for members; administering needs the
 * space administrator role, which the system's administrators also hold.
 */
export async function openSpace(
  call: ApiCall,
  need: SpaceNeed,
  param: { value: unknown; key: string } = { value: call.params.id, key: 'id' },
): Promise<OpenSpace> {
  const spaceId = readPositiveId(param.value, param.key);
  const store = call.services.store;
  const space = await store.spaces.find(spaceId);
  if (!space) throw new KintoneError('KL_SP01', { id: spaceId });
  if (call.guestSpaceId !== null && call.guestSpaceId !== spaceId) {
    throw new KintoneError('CB_NO02');
  }
  if (space.isGuest !== (call.guestSpaceId === spaceId)) {
    if (space.isGuest) throw new KintoneError('GAIA_IL23');
    throw new KintoneError('CB_NO02');
  }

  const details = await store.spaceDetails.details(spaceId, call.services.now());
  if (call.principal.kind !== 'user') throw new KintoneError('GAIA_NO01');
  const user = call.principal.user;
  // Membership through a member group counts as one's own, for access and administration.
  const role = await store.spaces.role(spaceId, user.id);

  const allowed =
    need === 'admin'
      ? role.isAdmin || user.isAdmin
      : role.isMember || (need === 'view' && !details.isPrivate && !space.isGuest);
  if (!allowed) throw new KintoneError('CB_NO02');
  return { space, details };
}
