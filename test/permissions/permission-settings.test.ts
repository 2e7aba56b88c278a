import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployPermissionPreviews } from '../../src/store/permission-settings.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { passwordHeader, jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  ACL_TOKEN_MANAGE,
  ACL_TOKEN_VIEW,
  clientAs,
  clientWithToken,
  RECORD,
  recordAclSeed,
  type AclLogin,
} from './acl-fixture.js';

const HIDE_OPEN_FROM_STAFF = [
  {
    filterCond: 'state in ("Open")',
    entities: [
      {
        entity: { type: 'USER' as const, code: 'admin' },
        viewable: true,
        editable: true,
        deletable: true,
        includeSubs: false,
      },
    ],
  },
];

describe.each(DIALECTS)('permission settings [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, recordAclSeed());
  });
  afterAll(() => server.close());

  const as = (login: AclLogin) => clientAs(server.url, login);

  it('answers the record permissions in order, with their entities', async () => {
    const live = await as('admin').app.getRecordAcl({ app: 1 });
    expect(live.revision).toMatch(/^\d+$/);
    expect(live.rights.map((r) => r.filterCond)).toEqual([
      'state in ("Closed")',
      'title = "locked"',
      'title = "own"',
    ]);
    expect(live.rights[1]).toEqual({
      filterCond: 'title = "locked"',
      entities: [
        {
          entity: { type: 'GROUP', code: 'staff' },
          viewable: true,
          editable: false,
          deletable: false,
          includeSubs: false,
        },
      ],
    });
    expect(await as('admin').app.getRecordAcl({ app: 1, preview: true })).toEqual(live);
  });

  it('answers the field permissions', async () => {
    const live = await as('admin').app.getFieldAcl({ app: 1 });
    expect(live.rights).toEqual([
      {
        code: 'amount',
        entities: [
          { entity: { type: 'USER', code: 'admin' }, accessibility: 'WRITE', includeSubs: false },
          { entity: { type: 'GROUP', code: 'staff' }, accessibility: 'READ', includeSubs: false },
        ],
      },
      {
        code: 'privateFile',
        entities: [
          { entity: { type: 'USER', code: 'admin' }, accessibility: 'WRITE', includeSubs: false },
        ],
      },
      {
        code: 'body',
        entities: [
          { entity: { type: 'USER', code: 'admin' }, accessibility: 'WRITE', includeSubs: false },
        ],
      },
    ]);
  });

  it('needs app management to read or write any of them', async () => {
    const member = as('member');
    for (const call of [
      () => member.app.getRecordAcl({ app: 1 }),
      () => member.app.getFieldAcl({ app: 1, preview: true }),
      () => member.app.updateRecordAcl({ app: 1, rights: [] }),
      () => member.app.updateFieldAcl({ app: 1, rights: [] }),
      () => member.app.updateAppAcl({ app: 1, rights: [] }),
    ]) {
      const error = await clientFailure(call());
      expect(error.status).toBe(403);
      expect(error.code).toBe('CB_NO02');
    }

    const viewToken = await clientFailure(
      clientWithToken(server.url, ACL_TOKEN_VIEW).app.getRecordAcl({ app: 1 }),
    );
    expect(viewToken.code).toBe('GAIA_NO01');
    const manageToken = clientWithToken(server.url, ACL_TOKEN_MANAGE);
    expect((await manageToken.app.getFieldAcl({ app: 1 })).rights).toHaveLength(3);
  });

  it('writes to the preview only, leaving what is live in force', async () => {
    const admin = as('admin');
    const before = await admin.app.getRecordAcl({ app: 1 });
    const answer = await admin.app.updateRecordAcl({ app: 1, rights: HIDE_OPEN_FROM_STAFF });
    expect(Number(answer.revision)).toBeGreaterThan(Number(before.revision));

    const preview = await admin.app.getRecordAcl({ app: 1, preview: true });
    expect(preview.rights).toEqual(HIDE_OPEN_FROM_STAFF);
    expect(preview.revision).toBe(answer.revision);
    expect(await admin.app.getRecordAcl({ app: 1 })).toEqual(before);
    await expect(as('member').record.getRecord({ app: 1, id: RECORD.open })).resolves.toBeDefined();

    await admin.app.updateRecordAcl({ app: 1, rights: before.rights });
  });

  it('keeps app and field permission previews apart from what is live', async () => {
    const admin = as('admin');
    const liveApp = await admin.app.getAppAcl({ app: 1 });
    const everyoneViews = [
      {
        entity: { type: 'GROUP' as const, code: 'everyone' },
        includeSubs: false,
        appEditable: true,
        recordViewable: true,
        recordAddable: false,
        recordEditable: false,
        recordDeletable: false,
        recordImportable: false,
        recordExportable: false,
      },
    ];
    await admin.app.updateAppAcl({ app: 1, rights: everyoneViews });
    expect((await admin.app.getAppAcl({ app: 1, preview: true })).rights).toEqual(everyoneViews);
    expect((await admin.app.getAppAcl({ app: 1 })).rights).toEqual(liveApp.rights);

    const openAmount = [
      {
        code: 'amount',
        entities: [
          {
            entity: { type: 'GROUP' as const, code: 'everyone' },
            accessibility: 'WRITE' as const,
            includeSubs: false,
          },
        ],
      },
    ];
    await admin.app.updateFieldAcl({ app: 1, rights: openAmount });
    expect((await admin.app.getFieldAcl({ app: 1, preview: true })).rights).toEqual(openAmount);
    expect((await admin.app.getFieldAcl({ app: 1 })).rights).toHaveLength(3);

    // Put the previews back as they were, for the tests that follow.
    await admin.app.updateAppAcl({ app: 1, rights: liveApp.rights });
    await admin.app.updateFieldAcl({
      app: 1,
      rights: (await admin.app.getFieldAcl({ app: 1 })).rights,
    });
  });

  it('refuses settings Kintone refuses, naming the input', async () => {
    const admin = as('admin');
    const entity = (over: Record<string, unknown>) => ({
      filterCond: '',
      entities: [
        {
          entity: { type: 'USER', code: 'member' },
          viewable: true,
          editable: false,
          deletable: false,
          ...over,
        },
      ],
    });
    const cases: Array<[unknown, string]> = [
      [[entity({ viewable: false, editable: true })], 'rights[0].entities[0].viewable'],
      [[entity({ entity: { type: 'USER', code: 'ghost' } })], 'rights[0].entities[0].entity.code'],
      [
        [entity({ entity: { type: 'GROUP', code: 'nobody' } })],
        'rights[0].entities[0].entity.code',
      ],
      [
        [entity({ entity: { type: 'ORGANIZATION', code: 'sales' } })],
        'rights[0].entities[0].entity.type',
      ],
      [
        [entity({ entity: { type: 'FIELD_ENTITY', code: 'title' } })],
        'rights[0].entities[0].entity.code',
      ],
      [[{ ...entity({}), filterCond: 'title = "a" order by $id asc' }], 'rights[0].filterCond'],
    ];
    for (const [rights, key] of cases) {
      const error = await clientFailure(admin.app.updateRecordAcl({ app: 1, rights } as never));
      expect(error.status).toBe(400);
      expect(error.code).toBe('CB_VA01');
      expect(Object.keys(error.errors as object)).toEqual([key]);
    }

    const unknownField = await clientFailure(
      admin.app.updateRecordAcl({ app: 1, rights: [{ filterCond: 'nope = "1"', entities: [] }] }),
    );
    expect(unknownField.code).toBe('GAIA_IQ11');

    const fieldError = await clientFailure(
      admin.app.updateFieldAcl({ app: 1, rights: [{ code: 'nope', entities: [] }] }),
    );
    expect(fieldError.code).toBe('CB_VA01');
    expect(Object.keys(fieldError.errors as object)).toEqual(['rights[0].code']);

    const stale = await clientFailure(
      admin.app.updateRecordAcl({ app: 1, rights: [], revision: 999 }),
    );
    expect(stale.status).toBe(409);
    expect(stale.code).toBe('GAIA_CO02');

    expect((await admin.app.getRecordAcl({ app: 1, preview: true })).rights).toHaveLength(3);
  });

  it('answers malformed settings with 400, never a server error', async () => {
    const headers = { 'x-cybozu-authorization': passwordHeader('admin', 'admin-password') };
    const many = Array.from({ length: 1001 }, (_, i) => `title = "${i}"`).join(' or ');
    const bodies: Array<[string, unknown]> = [
      ['record/acl', { app: 1 }],
      ['record/acl', { app: 1, rights: 'all' }],
      ['record/acl', { app: 1, rights: [1] }],
      ['record/acl', { app: 1, rights: [{ entities: 'x' }] }],
      ['record/acl', { app: 1, rights: [{ filterCond: 5, entities: [] }] }],
      ['record/acl', { app: 1, rights: [{ entities: [{ entity: {} }] }] }],
      ['record/acl', { app: 1, rights: [{ entities: [{ entity: { type: 'USER' } }] }] }],
      ['record/acl', { app: 1, rights: [{ filterCond: 'title = ', entities: [] }] }],
      ['record/acl', { app: 1, rights: [{ filterCond: many, entities: [] }] }],
      ['field/acl', { app: 1, rights: [{ code: 'title', entities: [{ accessibility: 'ALL' }] }] }],
      ['field/acl', { app: 1, rights: [{ code: '$id', entities: [] }] }],
      [
        'app/acl',
        { app: 1, rights: [{ entity: { type: 'USER', code: 'admin' }, appEditable: 2 }] },
      ],
    ];
    for (const [path, body] of bodies) {
      const answer = await jsonRequest(
        server.url,
        'PUT',
        `/k/v1/preview/${path}.json`,
        headers,
        body,
      );
      expect([path, body, answer.status]).toEqual([path, body, 400]);
      expect(answer.json.code).toMatch(/^(CB_VA01|GAIA_IQ\d\d)$/);
    }
    expect((await as('admin').app.getRecordAcl({ app: 1, preview: true })).rights).toHaveLength(3);
  });

  it('deploys every permission preview inside a given transaction', async () => {
    const store = server.server.store;
    await as('admin').app.updateRecordAcl({ app: 1, rights: HIDE_OPEN_FROM_STAFF });

    await store.database.db.transaction().execute((trx) => deployPermissionPreviews(trx, 1));
    // The deploy that runs the step announces the app's change, which every cache hears.
    await store.apps.changed(1);

    const live = await as('admin').app.getRecordAcl({ app: 1 });
    expect(live.rights).toEqual(HIDE_OPEN_FROM_STAFF);
    // Called alone, the step leaves the revisions to the deploy that runs it.
    const preview = await as('admin').app.getRecordAcl({ app: 1, preview: true });
    expect(preview.rights).toEqual(live.rights);
    expect((await as('admin').app.getFieldAcl({ app: 1 })).rights).toHaveLength(3);
    const denied = await clientFailure(as('member').record.getRecord({ app: 1, id: RECORD.open }));
    expect(denied.code).toBe('CB_NO02');

    // A transaction that fails deploys nothing.
    await as('admin').app.updateRecordAcl({ app: 1, rights: [] });
    await expect(
      store.database.db.transaction().execute(async (trx) => {
        await deployPermissionPreviews(trx, 1);
        throw new Error('deploy failed later');
      }),
    ).rejects.toThrow('deploy failed later');
    expect((await as('admin').app.getRecordAcl({ app: 1 })).rights).toEqual(HIDE_OPEN_FROM_STAFF);

    await store.database.db.transaction().execute((trx) => deployPermissionPreviews(trx, 1));
    await store.apps.changed(1);
    expect((await as('admin').app.getRecordAcl({ app: 1 })).rights).toEqual([]);
    await expect(
      as('member').record.getRecord({ app: 1, id: RECORD.closed }),
    ).resolves.toBeDefined();
  });
});

describe.each(DIALECTS)('records/acl/evaluate.json [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, recordAclSeed());
  });
  afterAll(() => server.close());

  it("answers the user's rights on each record and its fields", async () => {
    const { rights } = await clientAs(server.url, 'member').app.evaluateRecordsAcl({
      app: 1,
      ids: [RECORD.open, RECORD.locked, RECORD.closed],
    });
    expect(rights.map((r) => [r.id, r.record])).toEqual([
      ['1', { viewable: true, editable: true, deletable: true }],
      ['3', { viewable: true, editable: false, deletable: false }],
      ['2', { viewable: false, editable: false, deletable: false }],
    ]);
    expect(rights[0]!.fields.title).toEqual({ viewable: true, editable: true });
    expect(rights[0]!.fields.amount).toEqual({ viewable: true, editable: false });
    expect(rights[0]!.fields.body).toEqual({ viewable: false, editable: false });
    expect(rights[1]!.fields.title).toEqual({ viewable: true, editable: false });
    expect(rights[0]!.fields).not.toHaveProperty('$id');
  });

  it('holds a view-only user to viewing', async () => {
    const { rights } = await clientAs(server.url, 'viewer').app.evaluateRecordsAcl({
      app: 1,
      ids: [RECORD.open],
    });
    expect(rights[0]!.record).toEqual({ viewable: true, editable: false, deletable: false });
  });

  it('refuses a missing record, a user without rights and an API token', async () => {
    const missing = await clientFailure(
      clientAs(server.url, 'member').app.evaluateRecordsAcl({ app: 1, ids: [9999] }),
    );
    expect(missing.code).toBe('GAIA_RE01');

    const outsider = await clientFailure(
      clientAs(server.url, 'outsider').app.evaluateRecordsAcl({ app: 1, ids: [1] }),
    );
    expect(outsider.code).toBe('CB_NO02');

    const token = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/records/acl/evaluate.json?app=1&ids[0]=1',
      { 'x-cybozu-api-token': ACL_TOKEN_VIEW },
    );
    expect(token.status).toBe(403);
    expect(token.json.code).toBe('GAIA_NO01');

    const noIds = await jsonRequest(server.url, 'GET', '/k/v1/records/acl/evaluate.json?app=1', {
      'x-cybozu-authorization': passwordHeader('member', 'member-password'),
    });
    expect(noIds.status).toBe(400);
    expect(Object.keys(noIds.json.errors)).toEqual(['ids']);
  });
});

describe('record and field permissions in a seed', () => {
  it('are checked before anything is written', async () => {
    const seed = recordAclSeed();
    seed.apps[0]!.recordAcl![1]!.entities[0]!.entity = { type: 'USER', code: 'ghost' };
    await expect(startTestServer('sqlite', seed)).rejects.toThrow(
      'apps[0].recordAcl[1].entities[0].entity.code: The user (ghost) not found.',
    );

    const badField = recordAclSeed();
    badField.apps[0]!.fieldAcl![0]!.code = 'nope';
    await expect(startTestServer('sqlite', badField)).rejects.toThrow(
      'apps[0].fieldAcl[0].code: The field (nope) not found.',
    );
  });
});
