import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { jsonRequest, rawRequest } from '../support/http.js';
import { APP_PROPERTIES, fixtureToken } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const NOTHING = {
  appEditable: false,
  recordViewable: false,
  recordAddable: false,
  recordEditable: false,
  recordDeletable: false,
  recordImportable: false,
  recordExportable: false,
};
const ALL_RECORDS = {
  recordViewable: true,
  recordAddable: true,
  recordEditable: true,
  recordDeletable: true,
  recordImportable: true,
  recordExportable: true,
};

const TOKEN_VIEW_MANAGE = fixtureToken('aclviewmanage');
const TOKEN_VIEW = fixtureToken('aclview');

const users = ['owner', 'admin2', 'member', 'viewer', 'outsider'] as const;
type Login = (typeof users)[number];

/**
 * App 1 has its own permissions: the creator (the first administrator, "owner") may do
 * everything; "viewer" may only view, above the group "staff" that would give it everything;
 * "staff" manages the app and its records; nobody else has any right, including the second
 * administrator. App 2 keeps Kintone's defaults. App 3 opens viewing to the administrators.
 */
function aclSeed(): Seed {
  const app = (id: number) => ({
    id,
    name: `App ${id}`,
    code: '',
    description: '',
    properties: APP_PROPERTIES,
    records: [{ title: { value: 'first' } }],
    apiTokens: [],
  });
  return {
    users: users.map((login) => ({
      loginName: login,
      password: `${login}-password`,
      admin: login === 'owner' || login === 'admin2',
      enabled: true,
    })),
    groups: [{ code: 'staff', name: 'Staff', members: ['member', 'viewer'] }],
    spaces: [],
    apps: [
      {
        ...app(1),
        apiTokens: [
          { token: TOKEN_VIEW_MANAGE, permissions: ['view', 'manage'], note: '' },
          { token: TOKEN_VIEW, permissions: ['view'], note: '' },
        ],
        acl: [
          {
            entity: { type: 'CREATOR', code: null },
            includeSubs: false,
            ...ALL_RECORDS,
            appEditable: true,
          },
          {
            entity: { type: 'USER', code: 'viewer' },
            includeSubs: false,
            ...NOTHING,
            recordViewable: true,
          },
          {
            entity: { type: 'GROUP', code: 'staff' },
            includeSubs: false,
            ...ALL_RECORDS,
            appEditable: true,
          },
        ],
      },
      app(2),
      {
        ...app(3),
        acl: [
          {
            entity: { type: 'GROUP', code: 'Administrators' },
            includeSubs: false,
            ...NOTHING,
            recordViewable: true,
          },
        ],
      },
    ],
  };
}

type Operation = (client: KintoneRestAPIClient, spareId: string) => Promise<unknown>;

const OPERATIONS: Record<string, Operation> = {
  getRecord: (c) => c.record.getRecord({ app: 1, id: 1 }),
  getRecords: (c) => c.record.getRecords({ app: 1 }),
  addRecord: (c) => c.record.addRecord({ app: 1, record: { title: { value: 'added' } } }),
  updateRecord: (c) =>
    c.record.updateRecord({ app: 1, id: 1, record: { title: { value: 'updated' } } }),
  deleteRecords: (c, spareId) => c.record.deleteRecords({ app: 1, ids: [spareId] }),
  getFormFields: (c) => c.app.getFormFields({ app: 1 }),
  getApp: (c) => c.app.getApp({ id: 1 }),
  getAppAcl: (c) => c.app.getAppAcl({ app: 1 }),
};

const VIEWER_MAY = ['getRecord', 'getRecords', 'getFormFields', 'getApp'];

/** Which operations each user may run on app 1; the others answer CB_NO02. */
const ALLOWED: Record<Login, readonly string[]> = {
  owner: Object.keys(OPERATIONS),
  member: Object.keys(OPERATIONS),
  viewer: VIEWER_MAY,
  outsider: [],
  admin2: [],
};

describe.each(DIALECTS)('app permissions for user callers [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, aclSeed());
  });
  afterAll(() => server.close());

  const as = (login: Login) =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: login, password: `${login}-password` },
    });
  const withToken = (apiToken: string) =>
    new KintoneRestAPIClient({ baseUrl: server.url, auth: { apiToken } });

  async function expectNoPrivilege(promise: Promise<unknown>) {
    const error = await clientFailure(promise);
    expect(error.status).toBe(403);
    expect(error.code).toBe('CB_NO02');
    expect(error.message).toBe(`[403] [CB_NO02] No privilege to proceed. (${error.id})`);
  }

  const cases = users.flatMap((login) =>
    Object.keys(OPERATIONS).map((op) => [login, op, ALLOWED[login].includes(op)] as const),
  );

  it.each(cases)('%s calling %s: allowed=%s', async (login, op, allowed) => {
    const { id: spareId } = await as('owner').record.addRecord({
      app: 1,
      record: { title: { value: 'spare' } },
    });
    const run = OPERATIONS[op]!(as(login), spareId);
    if (allowed) await expect(run).resolves.toBeDefined();
    else await expectNoPrivilege(run);
  });

  it('lets a USER entry above a GROUP entry decide for a member of both', async () => {
    const viewer = as('viewer');
    await expect(viewer.record.getRecord({ app: 1, id: 1 })).resolves.toBeDefined();
    await expectNoPrivilege(
      viewer.record.addRecord({ app: 1, record: { title: { value: 'nope' } } }),
    );
  });

  it('applies entries for the Administrators group, and nothing implicit', async () => {
    await expect(as('admin2').record.getRecords({ app: 3 })).resolves.toBeDefined();
    await expectNoPrivilege(
      as('admin2').record.addRecord({ app: 3, record: { title: { value: 'x' } } }),
    );
    await expectNoPrivilege(as('member').record.getRecords({ app: 3 }));
  });

  it("keeps Kintone's defaults for an app without permissions", async () => {
    const member = as('member');
    const { id } = await member.record.addRecord({ app: 2, record: { title: { value: 'm' } } });
    await member.record.deleteRecords({ app: 2, ids: [id] });
    await expectNoPrivilege(member.app.getAppAcl({ app: 2 }));

    expect(await as('owner').app.getAppAcl({ app: 2 })).toEqual({
      rights: [
        {
          entity: { type: 'CREATOR', code: null },
          includeSubs: false,
          appEditable: true,
          ...ALL_RECORDS,
        },
        {
          entity: { type: 'GROUP', code: 'everyone' },
          includeSubs: false,
          appEditable: false,
          ...ALL_RECORDS,
        },
      ],
      revision: expect.stringMatching(/^\d+$/),
    });
  });

  it('answers the permissions in order, live and in preview', async () => {
    const live = await as('member').app.getAppAcl({ app: 1 });
    const preview = await as('member').app.getAppAcl({ app: 1, preview: true });
    expect(preview).toEqual(live);
    expect(live.rights.map((r) => r.entity)).toEqual([
      { type: 'CREATOR', code: null },
      { type: 'USER', code: 'viewer' },
      { type: 'GROUP', code: 'staff' },
    ]);
    expect(live.rights[1]).toEqual({
      entity: { type: 'USER', code: 'viewer' },
      includeSubs: false,
      ...NOTHING,
      recordViewable: true,
    });
  });

  it('needs app management to set who created a record', async () => {
    const fields = await as('owner').app.getFormFields({ app: 2 });
    const creatorCode = Object.values(fields.properties).find((p) => p.type === 'CREATOR')!.code;
    const input = { title: { value: 'as owner' }, [creatorCode]: { value: { code: 'owner' } } };
    await expectNoPrivilege(as('member').record.addRecord({ app: 2, record: input }));
    await expect(as('owner').record.addRecord({ app: 2, record: input })).resolves.toBeDefined();
  });

  it('lists only the apps in which the user has some right', async () => {
    const listed = async (login: Login) =>
      (await as(login).app.getApps({})).apps.map((app) => app.appId);
    expect(await listed('owner')).toEqual(['1', '2', '3']);
    expect(await listed('admin2')).toEqual(['2', '3']);
    expect(await listed('viewer')).toEqual(['1', '2']);
    expect(await listed('outsider')).toEqual(['2']);
  });

  it('applies to browser-session callers too', async () => {
    const form = new URLSearchParams({ username: 'viewer', password: 'viewer-password' });
    const login = await rawRequest(server.url, {
      method: 'POST',
      path: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: form.toString(),
    });
    const cookie = login.headers['set-cookie']!.find((c) => c.startsWith('kintone-session='))!;
    const headers = {
      cookie: cookie.split(';')[0]!,
      'x-requested-with': 'XMLHttpRequest',
      origin: server.url,
    };
    const portal = await rawRequest(server.url, { path: '/k/', headers });
    const token = /"requestToken":"([^"]+)"/.exec(portal.text)![1]!;

    const read = await jsonRequest(server.url, 'GET', '/k/v1/record.json?app=1&id=1', headers);
    expect(read.status).toBe(200);
    const add = await jsonRequest(server.url, 'POST', '/k/v1/record.json', headers, {
      app: 1,
      record: { title: { value: 'by session' } },
      __REQUEST_TOKEN__: token,
    });
    expect(add.status).toBe(403);
    expect(add.json).toEqual({
      code: 'CB_NO02',
      id: expect.any(String),
      message: 'No privilege to proceed.',
    });
  });

  it('leaves API tokens to their checkboxes', async () => {
    const token = withToken(TOKEN_VIEW_MANAGE);
    await expect(token.record.getRecords({ app: 1 })).resolves.toBeDefined();
    expect((await token.app.getAppAcl({ app: 1 })).rights).toHaveLength(3);

    const error = await clientFailure(withToken(TOKEN_VIEW).app.getAppAcl({ app: 1 }));
    expect(error.status).toBe(403);
    expect(error.code).toBe('GAIA_NO01');
  });
});
