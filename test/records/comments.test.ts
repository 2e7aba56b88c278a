import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const NOW = new Date('2026-03-04T05:06:07Z');

describe.each(DIALECTS)('record comments [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed(), {}, { now: () => NOW });
  });
  afterAll(() => server.close());

  const asAlice = () =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
  const asBob = () =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.bob.loginName, password: USERS.bob.password },
    });
  const asToken = () =>
    new KintoneRestAPIClient({ baseUrl: server.url, auth: { apiToken: TOKENS.app1Full } });

  async function newRecord(): Promise<string> {
    const { id } = await asAlice().record.addRecord({ app: 1, record: { title: { value: 'c' } } });
    return id;
  }

  it('posts comments, with mentions in front of the text, and reads them back', async () => {
    const record = await newRecord();
    const first = await asAlice().record.addRecordComment({
      app: 1,
      record,
      comment: { text: 'Plain note' },
    });
    expect(first).toEqual({ id: 1 });
    const second = await asAlice().record.addRecordComment({
      app: 1,
      record,
      comment: {
        text: 'Please check',
        mentions: [
          { code: 'bob', type: 'USER' },
          { code: 'everyone', type: 'GROUP' },
        ],
      },
    });
    expect(second).toEqual({ id: 2 });

    const page = await asAlice().record.getRecordComments({ app: 1, record });
    expect(page).toEqual({
      comments: [
        {
          id: '2',
          text: 'bob everyone \nPlease check',
          createdAt: '2026-03-04T05:06:07Z',
          creator: { code: 'alice', name: 'Alice Admin' },
          mentions: [
            { code: 'bob', type: 'USER' },
            { code: 'everyone', type: 'GROUP' },
          ],
        },
        {
          id: '1',
          text: 'Plain note',
          createdAt: '2026-03-04T05:06:07Z',
          creator: { code: 'alice', name: 'Alice Admin' },
          mentions: [],
        },
      ],
      older: false,
      newer: false,
    });
  });

  it('pages with order, offset and limit, telling whether older or newer comments exist', async () => {
    const record = await newRecord();
    for (let i = 1; i <= 13; i++) {
      await asAlice().record.addRecordComment({ app: 1, record, comment: { text: `n${i}` } });
    }
    const newest = await asAlice().record.getRecordComments({ app: 1, record });
    expect(newest.comments.map((c) => c.id)).toEqual([
      '13',
      '12',
      '11',
      '10',
      '9',
      '8',
      '7',
      '6',
      '5',
      '4',
    ]);
    expect([newest.older, newest.newer]).toEqual([true, false]);

    const middle = await asAlice().record.getRecordComments({
      app: 1,
      record,
      order: 'asc',
      offset: 5,
      limit: 3,
    });
    expect(middle.comments.map((c) => c.text)).toEqual(['n6', 'n7', 'n8']);
    expect([middle.older, middle.newer]).toEqual([true, true]);

    const tooMany = await clientFailure(
      asAlice().record.getRecordComments({ app: 1, record, limit: 11 }),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.code).toBe('CB_VA01');
    expect(tooMany.errors).toEqual({ limit: { messages: ['must be less than or equal to 10'] } });
  });

  it('posts as "Administrator" with a token, and only the poster may delete', async () => {
    const record = await newRecord();
    const { id } = await asToken().record.addRecordComment({
      app: 1,
      record,
      comment: { text: 'from a token' },
    });
    const [comment] = (await asAlice().record.getRecordComments({ app: 1, record })).comments;
    expect(comment?.creator).toEqual({ code: 'Administrator', name: 'Administrator' });

    const notYours = await clientFailure(
      asAlice().record.deleteRecordComment({ app: 1, record, comment: id }),
    );
    expect([notYours.status, notYours.code]).toEqual([403, 'CB_NO02']);

    await asToken().record.deleteRecordComment({ app: 1, record, comment: id });
    const gone = await clientFailure(
      asToken().record.deleteRecordComment({ app: 1, record, comment: id }),
    );
    expect([gone.status, gone.code]).toEqual([400, 'GAIA_RE02']);
    expect(gone.message).toContain('The specified comment does not exist.');

    const bobs = await asBob().record.addRecordComment({ app: 1, record, comment: { text: 'b' } });
    expect(bobs.id).toBe(2);
  });

  it('refuses bad comments with Kintone-style errors', async () => {
    const record = await newRecord();
    const headers = { 'X-Cybozu-API-Token': TOKENS.app1Full, 'Accept-Language': 'en' };
    const tooLong = await jsonRequest(server.url, 'POST', '/k/v1/record/comment.json', headers, {
      app: 1,
      record,
      comment: { text: 'x'.repeat(65_536) },
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.errors).toEqual({
      'comment.text': { messages: ['Enter less than 65536 characters.'] },
    });

    const justRight = await jsonRequest(server.url, 'POST', '/k/v1/record/comment.json', headers, {
      app: 1,
      record,
      comment: { text: 'x'.repeat(65_535) },
    });
    expect(justRight.status).toBe(200);

    const unknown = await jsonRequest(server.url, 'POST', '/k/v1/record/comment.json', headers, {
      app: 1,
      record,
      comment: {
        text: 'hi',
        mentions: [
          { code: 'nobody', type: 'USER' },
          { code: 'sales', type: 'ORGANIZATION' },
          { code: 'bob', type: 'TEAM' },
        ],
      },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual({
      'comment.mentions[0].code': { messages: ['The user (nobody) not found.'] },
      'comment.mentions[1].code': {
        messages: ['The organization (sales) not found: kintone-local has no organizations.'],
      },
      'comment.mentions[2].type': { messages: ['must be one of the enum value'] },
    });

    const noRecord = await jsonRequest(server.url, 'POST', '/k/v1/record/comment.json', headers, {
      app: 1,
      record: 99999,
      comment: { text: 'hi' },
    });
    expect([noRecord.status, noRecord.json.code]).toEqual([404, 'GAIA_RE01']);
  });

  it('deletes the comments of a deleted record, and a new record starts at comment 1', async () => {
    const record = await newRecord();
    await asAlice().record.addRecordComment({ app: 1, record, comment: { text: 'bye' } });
    await asAlice().record.deleteRecords({ app: 1, ids: [record] });

    const other = await newRecord();
    const { id } = await asAlice().record.addRecordComment({
      app: 1,
      record: other,
      comment: { text: 'hello' },
    });
    expect(id).toBe(1);
    const gone = await clientFailure(asAlice().record.getRecordComments({ app: 1, record }));
    expect(gone.code).toBe('GAIA_RE01');
  });

  it('works on guest-space paths, and a view-only token may comment', async () => {
    const guest = new KintoneRestAPIClient({
      baseUrl: server.url,
      guestSpaceId: 2,
      auth: { apiToken: TOKENS.guestAppFull },
    });
    const { id } = await guest.record.addRecordComment({
      app: 2,
      record: 1,
      comment: { text: 'guest note' },
    });
    const page = await guest.record.getRecordComments({ app: 2, record: 1 });
    expect(page.comments[0]).toMatchObject({ id: String(id), text: 'guest note' });

    const outside = await clientFailure(asAlice().record.getRecordComments({ app: 2, record: 1 }));
    expect([outside.status, outside.code]).toEqual([400, 'GAIA_IL23']);

    const viewer = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1View },
    });
    await expect(
      viewer.record.addRecordComment({ app: 1, record: 1, comment: { text: 'seen' } }),
    ).resolves.toEqual({ id: expect.any(Number) });
  });
});

describe.each(DIALECTS)('record comments mentioning guest users [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    const seed = fixtureSeed();
    seed.spaces.push({ id: 3, name: 'Other guest space', isGuest: true, members: ['alice'] });
    server = await startTestServer(dialect, seed);

    const guest = { password: 'guest-password', timezone: 'Asia/Tokyo', name: 'Guest' };
    await as().space.addGuests({
      guests: [
        { ...guest, code: 'partner@example.com' },
        { ...guest, code: 'outsider@example.com' },
      ],
    });
    await as(2).space.updateSpaceGuests({ id: 2, guests: ['partner@example.com'] });
    await as(3).space.updateSpaceGuests({ id: 3, guests: ['outsider@example.com'] });
  });
  afterAll(() => server.close());

  const as = (guestSpaceId?: number) =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
      ...(guestSpaceId ? { guestSpaceId } : {}),
    });

  const commentCount = async () =>
    Number(
      (
        await server.server.store.database.db
          .selectFrom('record_comments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('names a guest of the app’s guest space as guest/<e-mail> and lists it so', async () => {
    const { id } = await as(2).record.addRecordComment({
      app: 2,
      record: 1,
      comment: {
        text: 'Welcome',
        mentions: [
          { code: 'guest/partner@example.com', type: 'USER' },
          { code: 'alice', type: 'USER' },
        ],
      },
    });

    const page = await as(2).record.getRecordComments({ app: 2, record: 1 });
    expect(page.comments).toEqual([
      {
        id: String(id),
        text: 'guest/partner@example.com alice \nWelcome',
        createdAt: expect.any(String),
        creator: { code: 'alice', name: 'Alice Admin' },
        mentions: [
          { code: 'guest/partner@example.com', type: 'USER' },
          { code: 'alice', type: 'USER' },
        ],
      },
    ]);
  });

  it('refuses a guest of another guest space, and any guest outside guest spaces', async () => {
    const before = await commentCount();

    const otherSpace = await clientFailure(
      as(2).record.addRecordComment({
        app: 2,
        record: 2,
        comment: { text: 'x', mentions: [{ code: 'guest/outsider@example.com', type: 'USER' }] },
      }),
    );
    expect([otherSpace.status, otherSpace.code]).toEqual([400, 'CB_VA01']);
    expect(otherSpace.errors).toEqual({
      'comment.mentions[0].code': {
        messages: ['The user (guest/outsider@example.com) not found.'],
      },
    });

    for (const app of [1, 3]) {
      const notGuestApp = await clientFailure(
        as().record.addRecordComment({
          app,
          record: 1,
          comment: { text: 'x', mentions: [{ code: 'guest/partner@example.com', type: 'USER' }] },
        }),
      );
      expect([notGuestApp.status, notGuestApp.code]).toEqual([400, 'CB_VA01']);
      expect(notGuestApp.errors).toEqual({
        'comment.mentions[0].code': {
          messages: ['The user (guest/partner@example.com) not found.'],
        },
      });
    }
    expect(await commentCount()).toBe(before);
  });
});
