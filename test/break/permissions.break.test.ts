import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSeed } from '../../src/seed/read-seed.js';
import type { Seed } from '../../src/seed/seed-schema.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { clientAs, RECORD, recordAclSeed, type AclLogin } from '../permissions/acl-fixture.js';

/**
 * Attacks on record and field permissions by users who know the API well: each case is a way
 * around the permissions that once worked.
 */

/** The fixture, with `code` (a unique key) writable by admin, read-only for member and hidden
 * from viewer, who may also add and edit records here. */
function keyedSeed(): Seed {
  const seed = recordAclSeed();
  const app = seed.apps[0]!;
  app.fieldAcl!.push({
    code: 'code',
    entities: [
      { entity: { type: 'USER', code: 'admin' }, accessibility: 'WRITE', includeSubs: false },
      { entity: { type: 'USER', code: 'member' }, accessibility: 'READ', includeSubs: false },
      { entity: { type: 'USER', code: 'viewer' }, accessibility: 'NONE', includeSubs: false },
    ],
  });
  const viewer = app.acl![1]!;
  viewer.recordAddable = true;
  viewer.recordEditable = true;
  app.records![RECORD.plain - 1]!.code = { value: 'plain-key' };
  return seed;
}

const header = (login: AclLogin) => ({
  'X-Cybozu-Authorization': passwordHeader(login, `${login}-password`),
});

describe.each(DIALECTS)('attacks on record and field permissions [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, keyedSeed());
  });
  afterAll(() => server.close());

  const as = (login: AclLogin) => clientAs(server.url, login);
  const countWhere = async (query: string) =>
    (await as('admin').record.getRecords({ app: 1, query, totalCount: true })).totalCount;

  it('does not let an upsert add a record with a key field the caller may only read', async () => {
    const error = await clientFailure(
      as('member').record.updateRecords({
        app: 1,
        upsert: true,
        records: [
          { updateKey: { field: 'code', value: 'member-key' }, record: { title: { value: 'u' } } },
        ],
      }),
    );
    expect(error.status).toBe(403);
    expect(error.code).toBe('CB_NO02');
    expect(await countWhere('code = "member-key"')).toBe('0');
  });

  it('still lets a read-only key field find the record an update names', async () => {
    const { records } = await as('member').record.updateRecords({
      app: 1,
      upsert: true,
      records: [{ updateKey: { field: 'code', value: 'plain-key' }, record: {} }],
    });
    expect(records).toEqual([{ id: String(RECORD.plain), revision: '2', operation: 'UPDATE' }]);
  });

  it('treats an update key on a field the caller may not view as unknown', async () => {
    // Otherwise "found" and "not found" would tell the caller the hidden values.
    for (const value of ['plain-key', 'no-such-key']) {
      for (const path of ['record.json', 'records.json']) {
        const item = { updateKey: { field: 'code', value }, record: { title: { value: 'plain' } } };
        const body = path === 'record.json' ? { app: 1, ...item } : { app: 1, records: [item] };
        const response = await jsonRequest(
          server.url,
          'PUT',
          `/k/v1/${path}`,
          header('viewer'),
          body,
        );
        const key = path === 'record.json' ? 'updateKey.field' : 'records[0].updateKey.field';
        expect(response.status).toBe(400);
        expect(response.json.code).toBe('CB_VA01');
        expect(Object.keys(response.json.errors)).toEqual([key]);
      }
    }
    const plain = await as('admin').record.getRecord({ app: 1, id: RECORD.plain });
    expect(plain.record.更新者!.value).not.toEqual({ code: 'viewer', name: 'viewer' });
  });
});

describe.each(DIALECTS)('attacks on the permission settings APIs [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, recordAclSeed());
  });
  afterAll(() => server.close());

  const admin = () => clientAs(server.url, 'admin');

  it('moves the revision on with each change, so a stale revision is refused', async () => {
    const { revision } = await admin().app.getRecordAcl({ app: 1, preview: true });
    const first = await admin().app.updateRecordAcl({ app: 1, rights: [], revision });
    expect(Number(first.revision)).toBe(Number(revision) + 1);

    // A second manager who read the same revision must not overwrite the first one's change.
    const stale = await clientFailure(admin().app.updateFieldAcl({ app: 1, rights: [], revision }));
    expect(stale.status).toBe(409);
    expect(stale.code).toBe('GAIA_CO02');
    const fields = await admin().app.getFieldAcl({ app: 1, preview: true });
    expect(fields.rights.map((r) => r.code)).toEqual(['amount', 'privateFile', 'body']);
    expect(fields.revision).toBe(first.revision);
  });

  it('lets exactly one of several concurrent changes at one revision through', async () => {
    const { revision } = await admin().app.getAppAcl({ app: 1, preview: true });
    const { rights } = await admin().app.getAppAcl({ app: 1 });
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, () => admin().app.updateAppAcl({ app: 1, rights, revision })),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    const after = await admin().app.getAppAcl({ app: 1, preview: true });
    expect(Number(after.revision)).toBe(Number(revision) + 1);
  });

  it('names the condition a syntax error is in, not a query the caller never sent', async () => {
    const error = await clientFailure(
      admin().app.updateRecordAcl({
        app: 1,
        rights: [
          { filterCond: '', entities: [] },
          { filterCond: 'title = ', entities: [] },
        ],
      }),
    );
    expect(error.code).toBe('CB_VA01');
    expect(Object.keys(error.errors as object)).toEqual(['rights[1].filterCond']);
  });

  it('refuses app permissions Kintone refuses: editing without viewing, importing without adding', async () => {
    const entity = { type: 'USER' as const, code: 'member' };
    const editBlind = await clientFailure(
      admin().app.updateAppAcl({
        app: 1,
        rights: [{ entity, recordViewable: false, recordEditable: true }],
      }),
    );
    expect(editBlind.code).toBe('CB_VA01');
    expect(Object.keys(editBlind.errors as object)).toEqual(['rights[0].recordViewable']);

    const deleteBlind = await clientFailure(
      admin().app.updateAppAcl({ app: 1, rights: [{ entity, recordDeletable: true }] }),
    );
    expect(Object.keys(deleteBlind.errors as object)).toEqual(['rights[0].recordViewable']);

    const importOnly = await clientFailure(
      admin().app.updateAppAcl({
        app: 1,
        rights: [{ entity, recordViewable: true, recordImportable: true }],
      }),
    );
    expect(importOnly.errors).toEqual({
      'rights[0].recordAddable': {
        messages: ['Allow adding records when allowing importing them from a file.'],
      },
    });
  });

  it('refuses field permissions that name one field twice', async () => {
    // Otherwise the later entry would decide, against "first decides", and a body could
    // repeat one field a thousand times, each with its own entities to look up.
    const everyone = { type: 'GROUP' as const, code: 'everyone' };
    const error = await clientFailure(
      admin().app.updateFieldAcl({
        app: 1,
        rights: [
          { code: 'title', entities: [{ entity: everyone, accessibility: 'NONE' }] },
          { code: 'title', entities: [{ entity: everyone, accessibility: 'WRITE' }] },
        ],
      }),
    );
    expect(error.code).toBe('CB_VA01');
    expect(error.errors).toEqual({
      'rights[1].code': { messages: ['The field (title) is named more than once.'] },
    });
  });

  it('refuses field permissions on names that are not fields of the app', async () => {
    for (const code of ['toString', '__proto__', 'constructor']) {
      const error = await clientFailure(
        admin().app.updateFieldAcl({ app: 1, rights: [{ code, entities: [] }] }),
      );
      expect(error.code).toBe('CB_VA01');
      expect(Object.keys(error.errors as object)).toEqual(['rights[0].code']);
    }
    const error = await clientFailure(
      admin().app.updateRecordAcl({
        app: 1,
        rights: [
          {
            filterCond: '',
            entities: [
              { entity: { type: 'FIELD_ENTITY', code: 'hasOwnProperty' }, viewable: true },
            ],
          },
        ],
      }),
    );
    expect(Object.keys(error.errors as object)).toEqual(['rights[0].entities[0].entity.code']);
  });
});

describe.each(DIALECTS)('hidden records stay hidden while things change [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, recordAclSeed());
  });
  afterAll(() => server.close());

  const as = (login: AclLogin) => clientAs(server.url, login);

  it('leaves a record out of an open cursor once a rule hides it', async () => {
    const cursor = await as('member').record.createCursor({
      app: 1,
      query: 'title in ("open", "locked", "plain") order by $id asc',
      size: 1,
    });
    expect(cursor.totalCount).toBe('3');
    await as('admin').record.updateRecord({
      app: 1,
      id: RECORD.plain,
      record: { state: { value: 'Closed' } },
    });

    const seen: string[] = [];
    for (;;) {
      const page = await as('member').record.getRecordsByCursor({ id: cursor.id });
      seen.push(...page.records.map((r) => String(r.$id!.value)));
      if (!page.next) break;
    }
    expect(seen).toEqual([String(RECORD.open), String(RECORD.locked)]);
    await as('admin').record.updateRecord({
      app: 1,
      id: RECORD.plain,
      record: { state: { value: 'Open' } },
    });
  });

  it('deletes none of several records when one of them may not be deleted', async () => {
    const { id } = await as('member').record.addRecord({
      app: 1,
      record: { title: { value: 'deletable' } },
    });
    const error = await clientFailure(
      as('member').record.deleteRecords({ app: 1, ids: [id, String(RECORD.closed)] }),
    );
    expect(error.code).toBe('CB_NO02');
    await expect(as('member').record.getRecord({ app: 1, id })).resolves.toBeDefined();
  });

  it('answers CB_NO02 for a hidden record before comparing revisions', async () => {
    const update = await clientFailure(
      as('member').record.updateRecord({
        app: 1,
        id: RECORD.closed,
        revision: 99,
        record: { title: { value: 'x' } },
      }),
    );
    expect(update.code).toBe('CB_NO02');
    const remove = await clientFailure(
      as('member').record.deleteRecords({ app: 1, ids: [RECORD.closed], revisions: [99] }),
    );
    expect(remove.code).toBe('CB_NO02');
  });
});

describe('seeded app permissions', () => {
  it('are refused where Kintone refuses them', () => {
    const withEntry = (entry: object) =>
      parseSeed({
        apps: [{ id: 1, name: 'x', acl: [{ entity: { type: 'CREATOR' }, ...entry }] }],
      });
    expect(() => withEntry({ recordEditable: true })).toThrow(/acl.*recordViewable/);
    expect(() => withEntry({ recordViewable: true, recordImportable: true })).toThrow(
      /acl.*recordAddable/,
    );
    expect(() => withEntry({ recordViewable: true, recordEditable: true })).not.toThrow();
  });
});

describe.each(DIALECTS)('many users writing at once under record permissions [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, recordAclSeed());
  });
  afterAll(() => server.close());

  it('finishes every write when more run at once than the database has connections', async () => {
    // Each write checks record permissions inside its transaction; those checks must not wait
    // for a connection that only the queued writes hold.
    const member = clientAs(server.url, 'member');
    const writes = Array.from({ length: 30 }, (_, i) =>
      member.record.updateRecord({
        app: 1,
        id: RECORD.plain,
        record: { title: { value: `plain ${i}` } },
      }),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(30);
  }, 20_000);

  it('finishes concurrent upserts, deletes and bulk requests the same way', async () => {
    const member = clientAs(server.url, 'member');
    const { ids } = await member.record.addRecords({
      app: 1,
      records: Array.from({ length: 15 }, (_, i) => ({ title: { value: `gone ${i}` } })),
    });
    const writes = [
      ...ids.map((id) => member.record.deleteRecords({ app: 1, ids: [id] })),
      ...Array.from({ length: 15 }, (_, i) =>
        member.record.updateRecords({
          app: 1,
          upsert: true,
          records: [
            { updateKey: { field: 'code', value: `k${i}` }, record: { title: { value: 'u' } } },
          ],
        }),
      ),
      ...Array.from({ length: 15 }, (_, i) =>
        member.bulkRequest({
          requests: [
            {
              method: 'PUT',
              api: '/k/v1/record.json',
              payload: { app: 1, id: RECORD.open, record: { title: { value: `open ${i}` } } },
            },
          ],
        }),
      ),
    ];
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  }, 20_000);
});
