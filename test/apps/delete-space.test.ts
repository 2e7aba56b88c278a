import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure, passwordClient } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('deleting a space with its apps [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const as = (user: { loginName: string; password: string }, guestSpaceId?: number) =>
    passwordClient(server.url, user, guestSpaceId);
  const withToken = (token: string, guestSpaceId?: number) =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: token },
      ...(guestSpaceId ? { guestSpaceId } : {}),
    });

  it('removes the space, its apps, their records and tokens, and nothing else', async () => {
    const alice = as(USERS.alice);
    const spaceToken = withToken(TOKENS.spaceAppFull);
    const { id } = await spaceToken.record.addRecord({
      app: 3,
      record: { title: { value: 'kept until the space goes' } },
    });
    await alice.record.addRecordComment({ app: 3, record: id, comment: { text: 'before' } });
    const otherAppBefore = await withToken(TOKENS.app1Full).record.getRecords({ app: 1 });

    const member = await clientFailure(as(USERS.bob).space.deleteSpace({ id: 1 }));
    expect(member.code).toBe('CB_NO02');
    const kept = await spaceToken.record.getRecord({ app: 3, id });
    expect(kept.record.title?.value).toBe('kept until the space goes');

    expect(await alice.space.deleteSpace({ id: 1 })).toEqual({});

    const space = await clientFailure(alice.space.getSpace({ id: 1 }));
    expect(space.status).toBe(404);
    const app = await clientFailure(alice.app.getApp({ id: 3 }));
    expect(app.code).toBe('GAIA_AP01');
    const records = await clientFailure(alice.record.getRecords({ app: 3 }));
    expect(records.code).toBe('GAIA_AP01');
    const token = await clientFailure(spaceToken.record.getRecords({ app: 3 }));
    expect(token.code).toBe('GAIA_IA02');

    const { apps } = await alice.app.getApps({});
    expect(apps.map((a) => a.appId)).not.toContain('3');
    expect(apps.map((a) => a.appId)).toContain('1');
    const otherAppAfter = await withToken(TOKENS.app1Full).record.getRecords({ app: 1 });
    expect(otherAppAfter.records).toEqual(otherAppBefore.records);
  });

  it('removes a guest space and its app through the guest path', async () => {
    const alice = as(USERS.alice, 2);
    await withToken(TOKENS.guestAppFull, 2).record.addRecord({
      app: 2,
      record: { title: { value: 'kept until the space goes' } },
    });

    expect(await alice.space.deleteSpace({ id: 2 })).toEqual({});

    const app = await clientFailure(as(USERS.alice).app.getApp({ id: 2 }));
    expect(app.code).toBe('GAIA_AP01');
    const token = await clientFailure(
      withToken(TOKENS.guestAppFull, 2).record.getRecords({ app: 2 }),
    );
    expect(token.code).toBe('GAIA_IA02');
  });
});
