import type { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { jsonRequest, passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ACL_TOKEN_VIEW,
  ACL_USERS,
  clientAs,
  clientWithToken,
  RECORD,
  recordAclSeed,
  type AclLogin,
} from './acl-fixture.js';

type Operation = (client: KintoneRestAPIClient, spareId: string) => Promise<unknown>;

const OPERATIONS: Record<string, Operation> = {
  getRecord: (c) => c.record.getRecord({ app: 1, id: RECORD.open }),
  getRecords: (c) => c.record.getRecords({ app: 1 }),
  addRecord: (c) => c.record.addRecord({ app: 1, record: { title: { value: 'added' } } }),
  updateRecord: (c) =>
    c.record.updateRecord({ app: 1, id: RECORD.plain, record: { title: { value: 'plain' } } }),
  deleteRecords: (c, spareId) => c.record.deleteRecords({ app: 1, ids: [spareId] }),
  getFormFields: (c) => c.app.getFormFields({ app: 1 }),
  getApp: (c) => c.app.getApp({ id: 1 }),
  getAppAcl: (c) => c.app.getAppAcl({ app: 1 }),
};

const READS = ['getRecord', 'getRecords', 'getFormFields', 'getApp'];

const ALLOWED: Record<AclLogin, readonly string[]> = {
  admin: Object.keys(OPERATIONS),
  member: Object.keys(OPERATIONS).filter((op) => op !== 'getAppAcl'),
  viewer: READS,
  outsider: [],
  disabled: [],
};

async function expectNoPrivilege(promise: Promise<unknown>) {
  const error = await clientFailure(promise);
  expect(error.status).toBe(403);
  expect(error.code).toBe('CB_NO02');
  expect(error.message).toBe(`[403] [CB_NO02] No privilege to proceed. (${error.id})`);
}

async function expectPasswordRefused(promise: Promise<unknown>) {
  const error = await clientFailure(promise);
  expect(error.status).toBe(401);
  expect(error.code).toBe('CB_WA01');
  expect(error.message).toBe(
    '[401] [CB_WA01] Password authentication failed. ' +
      `The value in http header of X-Cybozu-Authorization is not valid. (${error.id})`,
  );
}

const ids = (records: ReadonlyArray<{ $id?: { value: unknown } }>) =>
  records.map((r) => Number(r.$id!.value)).sort((a, b) => a - b);

describe.each(DIALECTS)('record and field permissions for users [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, recordAclSeed());
  });
  afterAll(() => server.close());

  const as = (login: AclLogin) => clientAs(server.url, login);

  const cases = ACL_USERS.flatMap((login) =>
    Object.keys(OPERATIONS).map((op) => [login, op, ALLOWED[login].includes(op)] as const),
  );

  it.each(cases)('%s calling %s: allowed=%s', async (login, op, allowed) => {
    const { id: spareId } = await as('admin').record.addRecord({
      app: 1,
      record: { title: { value: 'spare' } },
    });
    const run = OPERATIONS[op]!(as(login), spareId);
    if (login === 'disabled') await expectPasswordRefused(run);
    else if (allowed) await expect(run).resolves.toBeDefined();
    else await expectNoPrivilege(run);
  });

  it('never lists a record hidden by record permissions, nor counts it', async () => {
    const member = await as('member').record.getRecords({
      app: 1,
      query: 'title in ("open", "closed", "locked", "plain") order by $id asc',
      totalCount: true,
    });
    expect(ids(member.records)).toEqual([RECORD.open, RECORD.locked, RECORD.plain]);
    expect(member.totalCount).toBe('3');

    // A condition naming the hidden record finds nothing, and paging stays on visible records.
    const byId = await as('member').record.getRecords({
      app: 1,
      query: `$id = ${RECORD.closed}`,
      totalCount: true,
    });
    expect(byId).toEqual({ records: [], totalCount: '0' });
    const page = await as('member').record.getRecords({
      app: 1,
      query: 'title in ("open", "closed", "locked", "plain") order by $id asc limit 1 offset 1',
    });
    expect(ids(page.records)).toEqual([RECORD.locked]);

    const admin = await as('admin').record.getRecords({
      app: 1,
      query: 'title in ("open", "closed", "locked", "plain")',
      totalCount: true,
    });
    // Admin is not named by the "locked" rule, so that record is closed to it.
    expect(ids(admin.records)).toEqual([RECORD.open, RECORD.closed, RECORD.plain]);
    expect(admin.totalCount).toBe('3');
  });

  it('refuses a hidden record by id, and still tells a missing one apart', async () => {
    await expectNoPrivilege(as('member').record.getRecord({ app: 1, id: RECORD.closed }));
    await expectNoPrivilege(as('admin').record.getRecord({ app: 1, id: RECORD.locked }));

    const missing = await clientFailure(as('member').record.getRecord({ app: 1, id: 9999 }));
    expect(missing.status).toBe(404);
    expect(missing.code).toBe('GAIA_RE01');
  });

  it('keeps hidden records out of cursors', async () => {
    const records = await as('member').record.getAllRecordsWithCursor({
      app: 1,
      query: 'title in ("open", "closed", "locked", "plain")',
    });
    expect(ids(records)).toEqual([RECORD.open, RECORD.locked, RECORD.plain]);

    const cursor = await as('member').record.createCursor({ app: 1, size: 1 });
    const total = Number(cursor.totalCount);
    const all = await as('member').record.getRecords({ app: 1, totalCount: true });
    expect(total).toBe(Number(all.totalCount));
    await as('member').record.deleteCursor({ id: cursor.id });
  });

  it('refuses to update or delete records the rules do not open for it', async () => {
    await expectNoPrivilege(
      as('member').record.updateRecord({
        app: 1,
        id: RECORD.closed,
        record: { title: { value: 'changed' } },
      }),
    );
    await expectNoPrivilege(
      as('member').record.updateRecord({
        app: 1,
        id: RECORD.locked,
        record: { title: { value: 'locked' } },
      }),
    );
    await expectNoPrivilege(as('member').record.deleteRecords({ app: 1, ids: [RECORD.locked] }));
    await expectNoPrivilege(as('member').record.deleteRecords({ app: 1, ids: [RECORD.closed] }));

    const closed = await as('admin').record.getRecord({ app: 1, id: RECORD.closed });
    expect(closed.record.title!.value).toBe('closed');
    expect(closed.record.$revision!.value).toBe('1');
  });

  it('never touches a hidden record from a bulk request, and rolls the rest back', async () => {
    const error = await clientFailure(
      as('member').bulkRequest({
        requests: [
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app: 1, record: { title: { value: 'bulk-added' } } },
          },
          {
            method: 'DELETE',
            api: '/k/v1/records.json',
            payload: { app: 1, ids: [RECORD.closed] },
          },
        ],
      }),
    );
    expect(error.code).toBe('CB_NO02');
    expect(error.bulkRequestIndex).toBe(1);

    const added = await as('admin').record.getRecords({
      app: 1,
      query: 'title = "bulk-added"',
      totalCount: true,
    });
    expect(added.totalCount).toBe('0');
    await expect(
      as('admin').record.getRecord({ app: 1, id: RECORD.closed }),
    ).resolves.toBeDefined();
  });

  it('opens a record to the user its Created by field holds', async () => {
    const { id } = await as('member').record.addRecord({
      app: 1,
      record: { title: { value: 'own' } },
    });
    const mine = await as('member').record.getRecord({ app: 1, id });
    expect(mine.record.title!.value).toBe('own');
    await expectNoPrivilege(as('viewer').record.getRecord({ app: 1, id }));
    await expectNoPrivilege(as('admin').record.getRecord({ app: 1, id }));
    await as('member').record.deleteRecords({ app: 1, ids: [id] });
  });

  it('leaves out fields the user may not view, everywhere records are read', async () => {
    const single = await as('member').record.getRecord({ app: 1, id: RECORD.plain });
    expect(single.record).not.toHaveProperty('body');
    expect(single.record).toHaveProperty('amount');
    expect(single.record).toHaveProperty('title');

    const list = await as('member').record.getRecords({ app: 1, fields: ['body', 'title'] });
    for (const record of list.records) expect(Object.keys(record)).toEqual(['title']);

    const viaCursor = await as('viewer').record.getAllRecordsWithCursor({ app: 1 });
    for (const record of viaCursor) expect(record).not.toHaveProperty('body');

    const form = await as('member').app.getFormFields({ app: 1 });
    expect(form.properties).not.toHaveProperty('body');
    expect(form.properties).toHaveProperty('amount');

    const admin = await as('admin').record.getRecord({ app: 1, id: RECORD.plain });
    expect(admin.record.body).toEqual({ type: 'MULTI_LINE_TEXT', value: 'secret' });
  });

  it('treats hidden fields as unknown in queries', async () => {
    const error = await clientFailure(
      as('member').record.getRecords({ app: 1, query: 'body like "secret"' }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('GAIA_IQ11');
  });

  it('refuses writes to fields the user may only read or not see', async () => {
    await expectNoPrivilege(
      as('member').record.updateRecord({
        app: 1,
        id: RECORD.plain,
        record: { amount: { value: '5' } },
      }),
    );
    await expectNoPrivilege(
      as('member').record.addRecord({
        app: 1,
        record: { title: { value: 'x' }, body: { value: 'y' } },
      }),
    );
    await expect(
      as('admin').record.updateRecord({
        app: 1,
        id: RECORD.plain,
        record: { amount: { value: '5' } },
      }),
    ).resolves.toBeDefined();
  });

  it('serves attached files only to users who may view their record and field', async () => {
    const admin = as('admin');
    const attach = async (id: number, field: string) => {
      const { fileKey } = await admin.file.uploadFile({
        file: { name: `${field}.txt`, data: `in ${id}` },
      });
      await admin.record.updateRecord({
        app: 1,
        id,
        record: { [field]: { value: [{ fileKey }] } },
      });
      const stored = await admin.record.getRecord({ app: 1, id });
      return (stored.record[field]!.value as Array<{ fileKey: string }>)[0]!.fileKey;
    };
    const inHiddenRecord = await attach(RECORD.closed, 'attachment');
    const inHiddenField = await attach(RECORD.open, 'privateFile');
    const visible = await attach(RECORD.open, 'attachment');

    // The client reads downloads as bytes, so it sees the status only; the body is checked raw.
    const member = { 'x-cybozu-authorization': passwordHeader('member', 'member-password') };
    for (const fileKey of [inHiddenRecord, inHiddenField]) {
      const refused = await clientFailure(as('member').file.downloadFile({ fileKey }));
      expect(refused.status).toBe(403);
      const raw = await jsonRequest(
        server.url,
        'GET',
        `/k/v1/file.json?fileKey=${fileKey}`,
        member,
      );
      expect(raw.status).toBe(403);
      expect(raw.json).toEqual({
        code: 'CB_NO02',
        id: expect.any(String),
        message: 'No privilege to proceed.',
      });
    }
    const file = await as('member').file.downloadFile({ fileKey: visible });
    expect(Buffer.from(file).toString()).toBe(`in ${RECORD.open}`);
    const own = await admin.file.downloadFile({ fileKey: inHiddenField });
    expect(Buffer.from(own).toString()).toBe(`in ${RECORD.open}`);
  });

  it('lets API tokens see and touch every record and field', async () => {
    const token = clientWithToken(server.url, ACL_TOKEN_VIEW);
    const all = await token.record.getRecords({
      app: 1,
      query: 'title in ("open", "closed", "locked", "plain")',
    });
    expect(ids(all.records)).toEqual([RECORD.open, RECORD.closed, RECORD.locked, RECORD.plain]);
    const locked = await token.record.getRecord({ app: 1, id: RECORD.locked });
    expect(locked.record.body!.value).toBe('b');
  });

  it('refuses a user disabled meanwhile, by password and by session', async () => {
    const store = server.server.store;
    const viewer = (await store.users.findByLoginName('viewer'))!;
    await expect(as('viewer').record.getRecords({ app: 1 })).resolves.toBeDefined();
    const headers = await sessionHeaders(server.url, 'viewer');
    const before = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', headers);
    expect(before.status).toBe(200);

    await store.users.setEnabled(viewer.id, false);
    try {
      await expectPasswordRefused(as('viewer').record.getRecords({ app: 1 }));
      const after = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', headers);
      expect(after.status).toBe(401);
      expect(after.json).toEqual({
        code: 'CB_AU01',
        id: expect.any(String),
        message: 'Please login.',
      });
    } finally {
      await store.users.setEnabled(viewer.id, true);
    }
  });
});

/** Logs in through the login form and returns the headers of that browser session's API calls. */
async function sessionHeaders(url: string, login: AclLogin): Promise<Record<string, string>> {
  const form = new URLSearchParams({ username: login, password: `${login}-password` });
  const response = await rawRequest(url, {
    method: 'POST',
    path: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: form.toString(),
  });
  const cookie = response.headers['set-cookie']!.find((c) => c.startsWith('kintone-session='))!;
  return { cookie: cookie.split(';')[0]!, 'x-requested-with': 'XMLHttpRequest', origin: url };
}
