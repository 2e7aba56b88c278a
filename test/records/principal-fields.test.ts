import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, fixtureToken, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PEOPLE_TOKEN = fixtureToken('peopleapp');

/** The fixture plus app 7 with user, group and organization selections. */
function peopleSeed(): Seed {
  const seed = fixtureSeed();
  seed.groups = [{ code: 'sales', name: 'Sales team', members: ['bob'] }];
  seed.apps.push({
    id: 7,
    name: 'People',
    code: '',
    description: '',
    properties: {
      title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
      owners: {
        type: 'USER_SELECT',
        code: 'owners',
        label: 'Owners',
        required: true,
        defaultValue: [{ code: 'alice', type: 'USER' }],
      },
      teams: { type: 'GROUP_SELECT', code: 'teams', label: 'Teams' },
      units: { type: 'ORGANIZATION_SELECT', code: 'units', label: 'Units' },
    },
    records: [{ title: { value: 'Seeded' }, owners: { value: [{ code: 'bob' }] } }],
    apiTokens: [{ token: PEOPLE_TOKEN, permissions: ['view', 'add', 'edit'], note: '' }],
  });
  return seed;
}

describe.each(DIALECTS)('user, group and organization selections [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, peopleSeed());
  });
  afterAll(() => server.close());

  const asToken = () =>
    new KintoneRestAPIClient({ baseUrl: server.url, auth: { apiToken: PEOPLE_TOKEN } });

  it('writes codes and reads them back with names, defaults included', async () => {
    const kintone = asToken();
    const { id } = await kintone.record.addRecord({
      app: 7,
      record: {
        title: { value: 'Both' },
        owners: { value: [{ code: 'bob' }, { code: 'ゆき' }] },
        teams: { value: [{ code: 'sales' }, { code: 'everyone' }] },
      },
    });
    const { record } = await kintone.record.getRecord({ app: 7, id });
    expect(record.owners).toEqual({
      type: 'USER_SELECT',
      value: [
        { code: 'bob', name: 'Bob' },
        { code: 'ゆき', name: '雪' },
      ],
    });
    expect(record.teams).toEqual({
      type: 'GROUP_SELECT',
      value: [
        { code: 'sales', name: 'Sales team' },
        { code: 'everyone', name: 'Everyone' },
      ],
    });
    expect(record.units).toEqual({ type: 'ORGANIZATION_SELECT', value: [] });

    const defaulted = await kintone.record.addRecord({ app: 7, record: { title: { value: 'D' } } });
    const fresh = await kintone.record.getRecord({ app: 7, id: defaulted.id });
    expect(fresh.record.owners?.value).toEqual([{ code: 'alice', name: 'Alice Admin' }]);

    const { properties } = await kintone.app.getFormFields({ app: 7 });
    expect(properties.teams).toEqual({
      type: 'GROUP_SELECT',
      code: 'teams',
      label: 'Teams',
      noLabel: false,
      required: false,
      entities: [],
      defaultValue: [],
    });
  });

  it('refuses unknown users and groups, any organization, and an empty required field', async () => {
    const kintone = asToken();
    const bad = await clientFailure(
      kintone.record.addRecord({
        app: 7,
        record: {
          owners: { value: [{ code: 'nobody' }] },
          teams: { value: [{ code: 'ghosts' }] },
          units: { value: [{ code: 'hq' }] },
        },
      }),
    );
    expect(bad.code).toBe('CB_VA01');
    expect(bad.errors).toEqual({
      'record.owners.values.value': { messages: ['The user (nobody) not found.'] },
      'record.teams.values.value': { messages: ['The group (ghosts) not found.'] },
      'record.units.values.value': {
        messages: ['The organization (hq) not found: kintone-local has no organizations.'],
      },
    });

    const empty = await clientFailure(
      kintone.record.updateRecord({ app: 7, id: 1, record: { owners: { value: [] } } }),
    );
    expect(empty.errors).toEqual({ 'record.owners.values': { messages: ['Required.'] } });

    const shape = await clientFailure(
      kintone.record.updateRecord({ app: 7, id: 1, record: { owners: { value: 'bob' } } }),
    );
    expect([shape.status, shape.code]).toEqual([400, 'CB_IJ01']);
  });

  it('queries selections with in, not in and LOGINUSER()', async () => {
    const kintone = asToken();
    await kintone.record.addRecord({
      app: 7,
      record: { title: { value: 'Carol-free' }, owners: { value: [{ code: 'alice' }] } },
    });
    const withBob = await kintone.record.getRecords({
      app: 7,
      query: 'owners in ("bob") order by $id asc',
      fields: ['title'],
    });
    expect(withBob.records.map((r) => r.title?.value)).toEqual(['Seeded', 'Both']);

    const bob = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.bob.loginName, password: USERS.bob.password },
    });
    const mine = await bob.record.getRecords({
      app: 7,
      query: 'owners in (LOGINUSER()) and teams not in ("sales") order by $id asc',
      fields: ['title'],
    });
    expect(mine.records.map((r) => r.title?.value)).toEqual(['Seeded']);
  });
});
