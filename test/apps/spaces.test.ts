import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure, passwordClient } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('spaces through the official client [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const as = (user: { loginName: string; password: string }, guestSpaceId?: number) =>
    passwordClient(server.url, user, guestSpaceId);

  it('shows a space with its apps and default thread', async () => {
    const space = await as(USERS.bob).space.getSpace({ id: 1 });
    expect(space).toMatchObject({
      id: '1',
      name: 'Sales space',
      defaultThread: '1',
      isPrivate: true,
      isGuest: false,
      memberCount: '2',
      useMultiThread: false,
      permissions: { createApp: 'EVERYONE' },
    });
    expect(space.attachedApps.map((a) => a.appId)).toEqual(['3']);

    const guest = await as(USERS.alice, 2).space.getSpace({ id: 2 });
    expect(guest).toMatchObject({ id: '2', isGuest: true });
    const wrongPath = await clientFailure(as(USERS.alice).space.getSpace({ id: 2 }));
    expect(wrongPath.code).toBe('GAIA_IL23');
    const otherGuestPath = await clientFailure(as(USERS.alice, 2).space.getSpace({ id: 1 }));
    expect(otherGuestPath.code).toBe('CB_NO02');
    const appThroughGuestPath = await clientFailure(
      as(USERS.alice, 2).app.addApp({ name: 'Misplaced', space: 1 }),
    );
    expect(appThroughGuestPath.code).toBe('CB_NO02');
    const raw = await jsonRequest(
      server.url,
      'POST',
      '/k/guest/2/v1/preview/app.json',
      { 'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password) },
      { name: 'Misplaced', space: 1 },
    );
    expect(raw.json.code).toBe('CB_NO02');
    const outsider = await clientFailure(as(USERS.yuki).space.getSpace({ id: 1 }));
    expect(outsider.code).toBe('CB_NO02');
    const missing = await clientFailure(as(USERS.alice).space.getSpace({ id: 99 }));
    expect(missing.status).toBe(404);
  });

  it('lets administrators change the body, members and threads', async () => {
    const alice = as(USERS.alice);
    await alice.space.updateSpaceMembers({
      id: 1,
      members: [
        { entity: { type: 'USER', code: 'alice' }, isAdmin: true },
        { entity: { type: 'USER', code: 'bob' } },
        { entity: { type: 'USER', code: 'ゆき' } },
      ],
    });
    const { members } = await alice.space.getSpaceMembers({ id: 1 });
    expect(members).toEqual([
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
      {
        entity: { type: 'USER', code: 'ゆき' },
        isAdmin: false,
        isImplicit: false,
        includeSubs: false,
      },
    ]);
    const noAdmin = await clientFailure(
      alice.space.updateSpaceMembers({
        id: 1,
        members: [{ entity: { type: 'USER', code: 'bob' } }],
      }),
    );
    expect(noAdmin.code).toBe('CB_VA01');

    await alice.space.updateSpaceBody({ id: 1, body: '<b>Welcome</b>' });
    expect((await alice.space.getSpace({ id: 1 })).body).toBe('<b>Welcome</b>');
    const notAdmin = await clientFailure(as(USERS.bob).space.updateSpaceBody({ id: 1, body: 'x' }));
    expect(notAdmin.code).toBe('CB_NO02');

    const single = await clientFailure(alice.space.addThread({ space: 1, name: 'Second' }));
    expect(single.code).toBe('KL_SP03');
    await alice.space.updateSpace({ id: 1, useMultiThread: true });
    const { id: threadId } = await alice.space.addThread({ space: 1, name: 'Second' });
    await alice.space.updateThread({ id: threadId, name: 'Renamed', body: 'About' });
    const comment = await as(USERS.bob).space.addThreadComment({
      space: 1,
      thread: threadId,
      comment: { text: 'Hello' },
    });
    expect(comment.id).toMatch(/^\d+$/);

    await alice.space.updateSpace({ id: 1, permissions: { createApp: 'ADMIN' } });
    const memberApp = await clientFailure(as(USERS.bob).app.addApp({ name: 'Mine', space: 1 }));
    expect(memberApp.code).toBe('CB_NO02');
    await alice.space.updateSpace({ id: 1, permissions: { createApp: 'EVERYONE' } });
    expect((await as(USERS.bob).app.addApp({ name: 'Mine', space: 1 })).app).toMatch(/^\d+$/);
  });

  it('refuses tokens, and creates apps in a space thread', async () => {
    const token = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.spaceAppFull },
    });
    const refused = await clientFailure(token.space.getSpace({ id: 1 }));
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('GAIA_NO01');

    const { app } = await as(USERS.alice).app.addApp({ name: 'In space', space: 1 });
    const info = await as(USERS.alice).app.getApp({ id: app });
    expect(info).toMatchObject({ spaceId: '1', threadId: '1' });

    const stats = await as(USERS.alice).space.getStatistics({});
    expect(stats.spaces.map((s: { id: string }) => s.id)).toEqual(['1', '2']);
  });

  it('adds guest users, puts them in a guest space and deletes them', async () => {
    const alice = as(USERS.alice);
    const guest = {
      code: 'partner@example.com',
      password: 'guest-password',
      timezone: 'Asia/Tokyo',
      name: 'Partner',
    };
    await alice.space.addGuests({ guests: [guest] });
    const twice = await clientFailure(alice.space.addGuests({ guests: [guest] }));
    expect(twice.code).toBe('CB_VA01');
    const notAdmin = await clientFailure(
      as(USERS.bob).space.addGuests({ guests: [{ ...guest, code: 'other@example.com' }] }),
    );
    expect(notAdmin.code).toBe('CB_NO02');

    await alice.space.updateSpaceMembers({
      id: 1,
      members: [{ entity: { type: 'USER', code: 'alice' }, isAdmin: true }],
    });
    const inGuestSpace = as(USERS.alice, 2);
    await inGuestSpace.space.updateSpaceGuests({ id: 2, guests: ['partner@example.com'] });
    const unknown = await clientFailure(
      inGuestSpace.space.updateSpaceGuests({ id: 2, guests: ['nobody@example.com'] }),
    );
    expect(unknown.code).toBe('CB_VA01');

    await alice.space.deleteGuests({ guests: ['partner@example.com'] });
    const gone = await clientFailure(
      inGuestSpace.space.updateSpaceGuests({ id: 2, guests: ['partner@example.com'] }),
    );
    expect(gone.code).toBe('CB_VA01');
  });

  it('moves an app into a space and out again', async () => {
    const alice = as(USERS.alice);
    await alice.app.move({ app: 4, space: 1 });
    expect(await alice.app.getApp({ id: 4 })).toMatchObject({ spaceId: '1', threadId: '1' });
    await alice.app.move({ app: 4, space: null });
    expect(await alice.app.getApp({ id: 4 })).toMatchObject({ spaceId: null, threadId: null });

    const intoGuest = await clientFailure(alice.app.move({ app: 4, space: 2 }));
    expect(intoGuest.code).toBe('CB_NO02');
  });
});

describe.each(DIALECTS)('space administrators from a seed file [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    const seed = fixtureSeed();
    seed.spaces[0]!.admins = ['bob'];
    server = await startTestServer(dialect, seed);
  });
  afterAll(() => server.close());

  it('lets a seeded space administrator change the space', async () => {
    const bob = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.bob.loginName, password: USERS.bob.password },
    });
    await bob.space.updateSpaceBody({ id: 1, body: 'Hello' });
    const { members } = await bob.space.getSpaceMembers({ id: 1 });
    expect(members.map((m) => [m.entity.code, m.isAdmin])).toEqual([
      ['alice', false],
      ['bob', true],
    ]);
  });
});
