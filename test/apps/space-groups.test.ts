import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure, passwordClient } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ALICE_ADMIN = { entity: { type: 'USER' as const, code: 'alice' }, isAdmin: true };
const SALES = { entity: { type: 'GROUP' as const, code: 'sales' } };

describe.each(DIALECTS)('groups as space members [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    const seed = fixtureSeed();
    // ゆき is in no space; the group is her only way into one.
    seed.groups = [{ code: 'sales', name: 'Sales', members: ['ゆき'] }];
    server = await startTestServer(dialect, seed);
  });
  afterAll(() => server.close());

  const as = (user: { loginName: string; password: string }, guestSpaceId?: number) =>
    passwordClient(server.url, user, guestSpaceId);
  const yukiHeader = {
    'x-cybozu-authorization': passwordHeader(USERS.yuki.loginName, USERS.yuki.password),
  };

  it('lets a member group’s users into a private space and its apps, until it is removed', async () => {
    const alice = as(USERS.alice);
    const yuki = as(USERS.yuki);
    expect((await clientFailure(yuki.space.getSpace({ id: 1 }))).code).toBe('CB_NO02');
    expect((await clientFailure(yuki.record.getRecords({ app: 3 }))).code).toBe('CB_NO02');

    await alice.space.updateSpaceMembers({ id: 1, members: [ALICE_ADMIN, SALES] });
    expect((await yuki.space.getSpace({ id: 1 })).memberCount).toBe('2');
    expect((await yuki.record.getRecords({ app: 3 })).records).toHaveLength(2);
    const raw = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=3', yukiHeader);
    expect(raw.status).toBe(200);
    const comment = await yuki.space.addThreadComment({
      space: 1,
      thread: 1,
      comment: { text: 'Hello from a group' },
    });
    expect(comment.id).toMatch(/^\d+$/);
    expect((await clientFailure(yuki.space.updateSpaceBody({ id: 1, body: 'x' }))).code).toBe(
      'CB_NO02',
    );

    await alice.space.updateSpaceMembers({ id: 1, members: [ALICE_ADMIN] });
    expect((await clientFailure(yuki.space.getSpace({ id: 1 }))).code).toBe('CB_NO02');
    const after = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=3', yukiHeader);
    expect([after.status, after.json.code]).toEqual([403, 'CB_NO02']);
  });

  it('lists a group without isImplicit or includeSubs, and its users as implicit members', async () => {
    const alice = as(USERS.alice);
    await alice.space.updateSpaceMembers({
      id: 1,
      members: [
        ALICE_ADMIN,
        { ...SALES, isAdmin: false },
        { entity: { type: 'USER', code: 'bob' } },
      ],
    });
    const raw = await jsonRequest(server.url, 'GET', '/k/v1/space/members.json?id=1', {
      'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
    });
    expect(raw.json).toEqual({
      members: [
        {
          entity: { type: 'USER', code: 'alice' },
          isAdmin: true,
          isImplicit: false,
          includeSubs: false,
        },
        {
          entity: { type: 'USER', code: 'bob' },
          isAdmin: false,
          isImplicit: false,
          includeSubs: false,
        },
        { entity: { type: 'GROUP', code: 'sales' }, isAdmin: false },
        {
          entity: { type: 'USER', code: 'ゆき' },
          isAdmin: false,
          isImplicit: true,
          includeSubs: false,
        },
      ],
    });
    expect((await alice.space.getSpaceMembers({ id: 1 })).members).toEqual(raw.json.members);
  });

  it('refuses an unknown group or an organization and changes nothing', async () => {
    const alice = as(USERS.alice);
    await alice.space.updateSpaceMembers({ id: 1, members: [ALICE_ADMIN, SALES] });
    const before = await alice.space.getSpaceMembers({ id: 1 });

    const unknown = await clientFailure(
      alice.space.updateSpaceMembers({
        id: 1,
        members: [ALICE_ADMIN, { entity: { type: 'GROUP', code: 'nobody' } }],
      }),
    );
    expect(unknown.code).toBe('CB_VA01');
    expect(Object.keys(unknown.errors ?? {})).toEqual(['members[1].entity.code']);
    const organization = await clientFailure(
      alice.space.updateSpaceMembers({
        id: 1,
        members: [
          ALICE_ADMIN,
          { entity: { type: 'ORGANIZATION', code: 'org1' }, includeSubs: true },
        ],
      }),
    );
    expect(organization.code).toBe('CB_VA01');
    expect(await alice.space.getSpaceMembers({ id: 1 })).toEqual(before);
  });

  it('makes an administrator group’s users space administrators', async () => {
    const alice = as(USERS.alice);
    // The group is the only administrator, which satisfies the rule.
    await alice.space.updateSpaceMembers({
      id: 1,
      members: [{ entity: { type: 'USER', code: 'bob' } }, { ...SALES, isAdmin: true }],
    });
    const yuki = as(USERS.yuki);
    await yuki.space.updateSpaceBody({ id: 1, body: 'Group administered' });
    expect((await yuki.space.getSpace({ id: 1 })).body).toBe('Group administered');
    expect(
      (await clientFailure(as(USERS.bob).space.updateSpaceBody({ id: 1, body: 'x' }))).code,
    ).toBe('CB_NO02');
    const { members } = await yuki.space.getSpaceMembers({ id: 1 });
    expect(members.find((m) => m.entity.code === 'ゆき')).toMatchObject({
      isAdmin: true,
      isImplicit: true,
    });
  });

  it('lists a named plain member of an administrator group as their entry says, but counts them as an administrator', async () => {
    const alice = as(USERS.alice);
    const header = {
      'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
    };
    const groups = server.server.store.groups;
    const bobId = (await server.server.store.users.findByLoginName('bob'))!.id;
    await groups.addMember('sales', bobId);
    try {
      await alice.space.updateSpaceMembers({
        id: 1,
        members: [
          ALICE_ADMIN,
          { entity: { type: 'USER', code: 'bob' } },
          { ...SALES, isAdmin: true },
        ],
      });

      // Bob has an administrator's rights through the group.
      await as(USERS.bob).space.updateSpaceBody({ id: 1, body: 'Bob administers' });
      const { members } = await alice.space.getSpaceMembers({ id: 1 });
      expect(members.find((m) => m.entity.code === 'bob')).toEqual({
        entity: { type: 'USER', code: 'bob' },
        isAdmin: false,
        isImplicit: false,
        includeSubs: false,
      });

      const stats = await jsonRequest(server.url, 'GET', '/k/v1/spaces/statistics.json', header);
      expect(stats.json.spaces.find((s: { id: string }) => s.id === '1')).toMatchObject({
        administratorCount: '3',
        memberCount: '3',
      });
    } finally {
      await groups.removeMember('sales', bobId);
    }
  });

  it('follows changes to the group’s members at once', async () => {
    const store = server.server.store;
    const yukiId = (await store.users.findByLoginName('ゆき'))!.id;
    await as(USERS.alice).space.updateSpaceMembers({ id: 1, members: [ALICE_ADMIN, SALES] });
    const yuki = as(USERS.yuki);
    expect((await yuki.record.getRecords({ app: 3 })).records).toHaveLength(2);

    // What `kintone-local group remove-member` and `add-member` do.
    await store.groups.removeMember('sales', yukiId);
    expect((await clientFailure(yuki.record.getRecords({ app: 3 }))).code).toBe('CB_NO02');
    expect((await as(USERS.alice).space.getSpace({ id: 1 })).memberCount).toBe('1');
    await store.groups.addMember('sales', yukiId);
    expect((await yuki.space.getSpace({ id: 1 })).id).toBe('1');
  });

  it('lets a group into a guest space through its own path', async () => {
    const alice = as(USERS.alice, 2);
    await alice.space.updateSpaceMembers({ id: 2, members: [ALICE_ADMIN, SALES] });
    const yuki = as(USERS.yuki, 2);
    expect((await yuki.space.getSpace({ id: 2 })).isGuest).toBe(true);
    expect((await yuki.record.getRecords({ app: 2 })).records).toHaveLength(3);
    const raw = await jsonRequest(
      server.url,
      'GET',
      '/k/guest/2/v1/records.json?app=2',
      yukiHeader,
    );
    expect(raw.status).toBe(200);

    await alice.space.updateSpaceMembers({ id: 2, members: [ALICE_ADMIN] });
    expect((await clientFailure(yuki.record.getRecords({ app: 2 }))).code).toBe('CB_NO02');
  });
});
