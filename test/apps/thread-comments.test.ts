import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure, passwordClient } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const THREE_DAYS_MS = 3 * 24 * 60 * 60 * 1000;
const ALICE = {
  'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
  'accept-language': 'en',
};

describe.each(DIALECTS)('files in space thread comments [%s]', (dialect) => {
  let server: TestServer;
  let clock = new Date('2024-05-01T00:00:00Z');
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed(), {}, { now: () => clock });
  });
  afterAll(() => server.close());

  const as = (user: { loginName: string; password: string }, guestSpaceId?: number) =>
    passwordClient(server.url, user, guestSpaceId);

  const upload = async (name = 'note.txt', client = as(USERS.alice)) =>
    (await client.file.uploadFile({ file: { name, data: 'hello' } })).fileKey;

  const post = (comment: unknown, path = '/k/v1/space/thread/comment.json', space = 1) =>
    jsonRequest(server.url, 'POST', path, ALICE, { space, thread: space, comment });

  const db = () => server.server.store.database.db;

  const filesOf = (commentId: number) =>
    db()
      .selectFrom('files')
      .select(['name', 'attached', 'width'])
      .where('thread_comment_id', '=', commentId)
      .orderBy('name')
      .execute();

  const commentCount = async () =>
    Number(
      (
        await db()
          .selectFrom('space_thread_comments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Whether an upload key still names a temporary file another write could attach. */
  const usable = (key: string) => server.server.store.files.isTemporary(key, clock.getTime());

  it('attaches uploaded files to a comment, and each upload key works once', async () => {
    const bob = as(USERS.bob);
    const first = await upload('a.txt', bob);
    const second = await upload('b.png', bob);

    const { id } = await bob.space.addThreadComment({
      space: 1,
      thread: 1,
      comment: { text: 'Minutes attached', files: [{ fileKey: first }, { fileKey: second }] },
    });
    expect(id).toMatch(/^\d+$/);
    expect(await filesOf(Number(id))).toEqual([
      { name: 'a.txt', attached: 1, width: null },
      { name: 'b.png', attached: 1, width: null },
    ]);
    expect(await usable(first)).toBe(false);

    const again = await clientFailure(
      bob.space.addThreadComment({ space: 1, thread: 1, comment: { files: [{ fileKey: first }] } }),
    );
    expect(again.status).toBe(404);
    expect(again.code).toBe('GAIA_BL01');
  });

  it('takes files without text, with a width as a number or a string', async () => {
    const alice = as(USERS.alice);
    const keys = [await upload('w1.png'), await upload('w2.png')];
    const { id } = await alice.space.addThreadComment({
      space: 1,
      thread: 1,
      comment: {
        files: [
          { fileKey: keys[0]!, width: 100 },
          { fileKey: keys[1]!, width: '750' },
        ],
      },
    });
    expect(await filesOf(Number(id))).toEqual([
      { name: 'w1.png', attached: 1, width: 100 },
      { name: 'w2.png', attached: 1, width: 750 },
    ]);

    const empty = await post({ text: '', files: [] });
    expect(empty.status).toBe(400);
    expect(empty.json.code).toBe('KL_SP04');
  });

  it('attaches files on the guest space path', async () => {
    const guestPath = as(USERS.alice, 2);
    const fileKey = await upload('guest.txt', guestPath);
    const { id } = await guestPath.space.addThreadComment({
      space: 2,
      thread: 2,
      comment: { text: 'For partners', files: [{ fileKey }] },
    });
    expect(await filesOf(Number(id))).toEqual([{ name: 'guest.txt', attached: 1, width: null }]);
  });

  it('refuses an unknown key with GAIA_BL01, keeping nothing and leaving good keys usable', async () => {
    const good = await upload();
    const before = await commentCount();

    const response = await post({ text: 'x', files: [{ fileKey: good }, { fileKey: 'nope' }] });
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({
      code: 'GAIA_BL01',
      message: 'The specified file (id: nope) not found.',
    });
    expect(await commentCount()).toBe(before);
    expect(await usable(good)).toBe(true);

    const twice = await post({ text: 'x', files: [{ fileKey: good }, { fileKey: good }] });
    expect(twice.status).toBe(404);
    expect(twice.json.code).toBe('GAIA_BL01');
    expect(await commentCount()).toBe(before);
    expect(await usable(good)).toBe(true);

    const ok = await post({ text: 'x', files: [{ fileKey: good }] });
    expect(ok.status).toBe(200);
    expect(await commentCount()).toBe(before + 1);
  });

  it('refuses an upload older than three days', async () => {
    const old = await upload();
    const uploadedAt = clock;
    clock = new Date(uploadedAt.getTime() + THREE_DAYS_MS);
    try {
      const response = await post({ text: 'late', files: [{ fileKey: old }] });
      expect(response.status).toBe(404);
      expect(response.json.code).toBe('GAIA_BL01');
    } finally {
      clock = uploadedAt;
    }
  });

  it('refuses more than five files and badly shaped lists with CB_VA01, keeping keys usable', async () => {
    const keys: string[] = [];
    for (let i = 0; i < 6; i++) keys.push(await upload(`f${i}.txt`));
    const before = await commentCount();

    const cases: Array<[unknown, string, string]> = [
      [keys.map((fileKey) => ({ fileKey })), 'comment.files', 'Specify 5 or fewer items.'],
      ['not a list', 'comment.files', 'Enter an array.'],
      [{ fileKey: keys[0] }, 'comment.files', 'Enter an array.'],
      [[keys[0]], 'comment.files[0]', 'Enter an object.'],
      [[{}], 'comment.files[0].fileKey', 'Required field.'],
      [[{ fileKey: 12 }], 'comment.files[0].fileKey', 'Enter a string.'],
      [
        [{ fileKey: keys[0], width: 99 }],
        'comment.files[0].width',
        'The value must be 100 or more.',
      ],
      [
        [{ fileKey: keys[0], width: '751' }],
        'comment.files[0].width',
        'must be less than or equal to 750',
      ],
      [[{ fileKey: keys[0], width: 'wide' }], 'comment.files[0].width', 'Enter an integer value.'],
    ];
    for (const [files, key, message] of cases) {
      const response = await post({ text: 'x', files });
      expect(response.status, JSON.stringify(files)).toBe(400);
      expect(response.json.code).toBe('CB_VA01');
      expect(response.json.errors).toEqual({ [key]: { messages: [message] } });
    }

    expect(await commentCount()).toBe(before);
    for (const key of keys) expect(await usable(key)).toBe(true);
  });

  it('deletes the files of a space with its comments', async () => {
    const alice = as(USERS.alice);
    const fileKey = await upload('doomed.txt');
    const { id } = await alice.space.addThreadComment({
      space: 1,
      thread: 1,
      comment: { files: [{ fileKey }] },
    });
    expect(await filesOf(Number(id))).toHaveLength(1);

    await alice.space.deleteSpace({ id: 1 });
    const left = await db()
      .selectFrom('files')
      .select('name')
      .where('thread_comment_id', 'is not', null)
      .execute();
    expect(left).toEqual([{ name: 'guest.txt' }]);
  });
});

describe.each(DIALECTS)('mentions in space thread comments [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const as = (user: { loginName: string; password: string }, guestSpaceId?: number) =>
    passwordClient(server.url, user, guestSpaceId);

  const post = (comment: unknown, path = '/k/v1/space/thread/comment.json', space = 1) =>
    jsonRequest(server.url, 'POST', path, ALICE, { space, thread: space, comment });

  const stored = async (id: string) => {
    const row = await server.server.store.database.db
      .selectFrom('space_thread_comments')
      .select(['text', 'mentions'])
      .where('id', '=', Number(id))
      .executeTakeFirstOrThrow();
    return { text: row.text, mentions: JSON.parse(row.mentions) as unknown };
  };

  const commentCount = async () =>
    Number(
      (
        await server.server.store.database.db
          .selectFrom('space_thread_comments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('keeps users and groups that exist, each once, and puts them in front of the text', async () => {
    const { id } = await as(USERS.bob).space.addThreadComment({
      space: 1,
      thread: 1,
      comment: {
        text: 'Please check',
        mentions: [
          { code: 'alice', type: 'USER' },
          { code: 'everyone', type: 'GROUP' },
          { code: 'alice', type: 'USER' },
        ],
      },
    });
    expect(await stored(id)).toEqual({
      text: 'alice everyone \nPlease check',
      mentions: [
        { code: 'alice', type: 'USER' },
        { code: 'everyone', type: 'GROUP' },
      ],
    });

    const plain = await as(USERS.bob).space.addThreadComment({
      space: 1,
      thread: 1,
      comment: { text: 'No one named', mentions: [] },
    });
    expect(await stored(plain.id)).toEqual({ text: 'No one named', mentions: [] });

    const ten = Array.from({ length: 10 }, () => ({ code: 'bob', type: 'USER' }));
    expect((await post({ text: 'ten', mentions: ten })).status).toBe(200);
  });

  it('names the guest users of a guest space as guest/<e-mail>, only in that space', async () => {
    const alice = as(USERS.alice);
    const guest = { password: 'guest-password', timezone: 'Asia/Tokyo', name: 'Guest' };
    await alice.space.addGuests({
      guests: [
        { ...guest, code: 'partner@example.com' },
        { ...guest, code: 'outsider@example.com' },
      ],
    });
    const inGuestSpace = as(USERS.alice, 2);
    await inGuestSpace.space.updateSpaceGuests({ id: 2, guests: ['partner@example.com'] });

    const { id } = await inGuestSpace.space.addThreadComment({
      space: 2,
      thread: 2,
      comment: {
        text: 'Welcome',
        mentions: [
          { code: 'guest/partner@example.com', type: 'USER' },
          { code: 'alice', type: 'USER' },
        ],
      },
    });
    expect(await stored(id)).toEqual({
      text: 'guest/partner@example.com alice \nWelcome',
      mentions: [
        { code: 'guest/partner@example.com', type: 'USER' },
        { code: 'alice', type: 'USER' },
      ],
    });

    const before = await commentCount();
    const outsider = await post(
      { text: 'x', mentions: [{ code: 'guest/outsider@example.com', type: 'USER' }] },
      '/k/guest/2/v1/space/thread/comment.json',
      2,
    );
    expect(outsider.status).toBe(400);
    expect(outsider.json.code).toBe('CB_VA01');
    expect(outsider.json.errors).toEqual({
      'comment.mentions[0].code': {
        messages: ['The user (guest/outsider@example.com) not found.'],
      },
    });

    const outsideGuestSpace = await post({
      text: 'x',
      mentions: [{ code: 'guest/partner@example.com', type: 'USER' }],
    });
    expect(outsideGuestSpace.status).toBe(400);
    expect(outsideGuestSpace.json.errors).toEqual({
      'comment.mentions[0].code': {
        messages: ['The user (guest/partner@example.com) not found.'],
      },
    });
    expect(await commentCount()).toBe(before);
  });

  it('refuses bad mentions with CB_VA01, storing nothing and leaving file keys usable', async () => {
    const fileKey = (
      await as(USERS.alice).file.uploadFile({ file: { name: 'kept.txt', data: 'hello' } })
    ).fileKey;
    const before = await commentCount();

    const eleven = Array.from({ length: 11 }, () => ({ code: 'bob', type: 'USER' }));
    const cases: Array<[unknown, Record<string, { messages: string[] }>]> = [
      [eleven, { 'comment.mentions': { messages: ['Specify 10 or fewer items.'] } }],
      ['bob', { 'comment.mentions': { messages: ['Enter an array.'] } }],
      [['bob'], { 'comment.mentions[0]': { messages: ['Enter an object.'] } }],
      [
        [
          { code: 'nobody', type: 'USER' },
          { code: 'bob', type: 'USER' },
          { code: 'no-such-group', type: 'GROUP' },
          { code: 'sales', type: 'ORGANIZATION' },
          { code: 'bob', type: 'TEAM' },
          { type: 'USER' },
        ],
        {
          'comment.mentions[0].code': { messages: ['The user (nobody) not found.'] },
          'comment.mentions[2].code': { messages: ['The group (no-such-group) not found.'] },
          'comment.mentions[3].code': {
            messages: ['The organization (sales) not found: kintone-local has no organizations.'],
          },
          'comment.mentions[4].type': { messages: ['must be one of the enum value'] },
          'comment.mentions[5].code': { messages: ['Required field.'] },
        },
      ],
    ];
    for (const [mentions, errors] of cases) {
      const response = await post({ text: 'x', mentions, files: [{ fileKey }] });
      expect(response.status, JSON.stringify(mentions)).toBe(400);
      expect(response.json.code).toBe('CB_VA01');
      expect(response.json.errors).toEqual(errors);
    }

    const viaClient = await clientFailure(
      as(USERS.bob).space.addThreadComment({
        space: 1,
        thread: 1,
        comment: { text: 'x', mentions: [{ code: 'nobody', type: 'USER' }] },
      }),
    );
    expect([viaClient.status, viaClient.code]).toEqual([400, 'CB_VA01']);

    expect(await commentCount()).toBe(before);
    expect(await server.server.store.files.isTemporary(fileKey, Date.now())).toBe(true);
  });
});
