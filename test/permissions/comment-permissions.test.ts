import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientAs, RECORD, recordAclSeed } from './acl-fixture.js';

describe.each(DIALECTS)('comments follow record permissions [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, recordAclSeed());
  });
  afterAll(() => server.close());

  it('lets a user comment only on records the user may view', async () => {
    const member = clientAs(server.url, 'member');
    await expect(
      member.record.addRecordComment({ app: 1, record: RECORD.open, comment: { text: 'hi' } }),
    ).resolves.toEqual({ id: 1 });

    const hidden = await clientFailure(
      member.record.addRecordComment({ app: 1, record: RECORD.closed, comment: { text: 'hi' } }),
    );
    expect([hidden.status, hidden.code]).toEqual([403, 'CB_NO02']);
    const unread = await clientFailure(
      member.record.getRecordComments({ app: 1, record: RECORD.closed }),
    );
    expect(unread.code).toBe('CB_NO02');

    const admin = clientAs(server.url, 'admin');
    const page = await admin.record.getRecordComments({ app: 1, record: RECORD.open });
    expect(page.comments.map((c) => c.creator.code)).toEqual(['member']);
  });
});
