import { invalidInput, type LocalText } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import type { SpaceMember } from '../../store/space-details.js';
import type { Store } from '../../store/store.js';
import type { Endpoint } from '../endpoint.js';
import { readObject, readOptionalBoolean } from '../param-readers.js';
import { readObjectList } from '../settings/setting-readers.js';
import { openSpace } from './open-space.js';

/**
 * `GET space/members.json`: the users and groups named as members, then the users who belong
 * through a group only (`isImplicit`). A group entry has no `isImplicit` or `includeSubs`, as
 * Kintone documents; disabled users are left out. A named user's `isAdmin` is their own
 * entry's, even when an administrator group they are in makes them an administrator: Kintone
 * documents no merging, and `spaces/statistics.json` counts them as one.
 * https://cybozu.dev/ja/kintone/docs/rest-api/spaces/get-space-members/
 */
export const getSpaceMembers: Endpoint = {
  path: 'space/members',
  method: 'GET',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space } = await openSpace(call, 'view');
    const store = call.services.store;
    const members: unknown[] = [];
    for (const member of await store.spaceDetails.members(space.id)) {
      if (member.type === 'GROUP') {
        members.push({ entity: { type: 'GROUP', code: member.code }, isAdmin: member.isAdmin });
        continue;
      }
      const user = await store.users.findById(member.userId);
      if (!user?.enabled) continue;
      members.push(userEntry(user.loginName, member.isAdmin, false));
    }
    for (const user of await store.spaceDetails.implicitMembers(space.id)) {
      members.push(userEntry(user.loginName, user.isAdmin, true));
    }
    return { members };
  },
};

function userEntry(code: string, isAdmin: boolean, isImplicit: boolean) {
  return { entity: { type: 'USER', code }, isAdmin, isImplicit, includeSubs: false };
}

/**
 * `PUT space/members.json`: replaces the members, users and groups (stored or built in). At
 * least one must be an administrator, as in Kintone; an administrator group makes each of its
 * users a space administrator. kintone-local has no organizations, so naming one is an
 * unknown code. Every problem is reported at once, as CB_VA01, and nothing changes.
 * https://cybozu.dev/ja/kintone/docs/rest-api/spaces/update-space-members/
 */
export const updateSpaceMembers: Endpoint = {
  path: 'space/members',
  method: 'PUT',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space } = await openSpace(call, 'admin');
    const given = readObjectList(call.params.members, 'members', 1000);

    const members: SpaceMember[] = [];
    const problems: Array<{ key: string; text: LocalText }> = [];
    for (const [i, item] of given.entries()) {
      const entity = readObject(item.entity, `members[${i}].entity`);
      const isAdmin = readOptionalBoolean(item.isAdmin, `members[${i}].isAdmin`);
      readOptionalBoolean(item.includeSubs, `members[${i}].includeSubs`);
      const read = await readMember(call.services.store, entity, isAdmin);
      if ('problem' in read) {
        problems.push({ key: `members[${i}].entity.${read.at}`, text: read.problem });
      } else if (!members.some((m) => sameEntity(m, read.member))) {
        members.push(read.member);
      }
    }
    if (problems.length > 0) throw invalidInput(problems);
    if (!members.some((m) => m.isAdmin)) {
      throw invalidInput([{ key: 'members', text: inputMessage('NO_SPACE_ADMIN') }]);
    }

    await call.services.store.spaceDetails.replaceMembers(space.id, members);
    return {};
  },
};

type ReadMember = { member: SpaceMember } | { at: 'type' | 'code'; problem: LocalText };

async function readMember(
  store: Store,
  entity: Record<string, unknown>,
  isAdmin: boolean,
): Promise<ReadMember> {
  const code = typeof entity.code === 'string' ? entity.code : '';
  if (code === '') return { at: 'code', problem: inputMessage('REQUIRED_PARAMETER') };

  switch (entity.type) {
    case 'USER': {
      const user = await store.users.findByLoginName(code);
      if (!user?.enabled) return { at: 'code', problem: inputMessage('UNKNOWN_USER', { code }) };
      return { member: { type: 'USER', userId: user.id, isAdmin } };
    }
    case 'GROUP': {
      if (!(await store.groups.exists(code))) {
        return { at: 'code', problem: inputMessage('UNKNOWN_GROUP', { code }) };
      }
      return { member: { type: 'GROUP', code, isAdmin } };
    }
    case 'ORGANIZATION':
      return { at: 'code', problem: inputMessage('NO_ORGANIZATIONS', { code }) };
    default:
      return { at: 'type', problem: inputMessage('NOT_IN_ENUM') };
  }
}

function sameEntity(a: SpaceMember, b: SpaceMember): boolean {
  if (a.type === 'USER') return b.type === 'USER' && a.userId === b.userId;
  return b.type === 'GROUP' && a.code === b.code;
}
