import { invalidInput, KintoneError } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import type { SpaceMember } from '../../store/space-details.js';
import type { Endpoint } from '../endpoint.js';
import { readObject, readOptionalBoolean } from '../param-readers.js';
import { readObjectList } from '../settings/setting-readers.js';
import { openSpace } from './open-space.js';

/** `GET space/members.json`: the space's members, administrators marked. */
export const getSpaceMembers: Endpoint = {
  path: 'space/members',
  method: 'GET',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space } = await openSpace(call, 'view');
    const store = call.services.store;
    const members = [];
    for (const member of await store.spaceDetails.members(space.id)) {
      const user = await store.users.findById(member.userId);
      if (!user) continue;
      members.push({
        entity: { type: 'USER', code: user.loginName },
        isAdmin: member.isAdmin,
        isImplicit: false,
        includeSubs: false,
      });
    }
    return { members };
  },
};

/**
 * `PUT space/members.json`: replaces the members. At least one must be an administrator, as in
 * Kintone. Members are users; groups and organizations are not modelled by kintone-local.
 */
export const updateSpaceMembers: Endpoint = {
  path: 'space/members',
  method: 'PUT',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space } = await openSpace(call, 'admin');
    const store = call.services.store;
    const given = readObjectList(call.params.members, 'members', 1000);

    const members: SpaceMember[] = [];
    for (const [i, member] of given.entries()) {
      const entity = readObject(member.entity, `members[${i}].entity`);
      if (entity.type !== 'USER') {
        throw new KintoneError('KL_NI01', { feature: 'groups and organizations in spaces' });
      }
      const code = String(entity.code ?? '');
      const user = await store.users.findByLoginName(code);
      if (!user || !user.enabled) {
        throw invalidInput([
          { key: `members[${i}].entity.code`, text: inputMessage('UNKNOWN_USER', { code }) },
        ]);
      }
      const isAdmin = readOptionalBoolean(member.isAdmin, `members[${i}].isAdmin`);
      if (!members.some((m) => m.userId === user.id)) members.push({ userId: user.id, isAdmin });
    }
    if (!members.some((m) => m.isAdmin)) {
      throw invalidInput([{ key: 'members', text: inputMessage('NO_SPACE_ADMIN') }]);
    }

    await store.spaceDetails.replaceMembers(space.id, members);
    return {};
  },
};
