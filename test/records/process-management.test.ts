import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { APP_PROPERTIES, fixtureSeed, fixtureToken, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const FLOW_TOKEN = fixtureToken('flowapp');
const FLOW_VIEW_TOKEN = fixtureToken('flowview');

/** The fixture plus app 5, a small approval flow, and app 1 with the process switched off. */
function processSeed(): Seed {
  const seed = fixtureSeed();
  seed.groups = [{ code: 'reviewers', name: 'Reviewers', members: ['bob', 'ゆき'] }];
  seed.apps.push({
    id: 5,
    name: 'Approvals',
    code: '',
    description: '',
    properties: APP_PROPERTIES,
    records: [{ title: { value: 'Seeded request' }, amount: { value: '10' } }],
    apiTokens: [
      { token: FLOW_TOKEN, permissions: ['view', 'add', 'edit', 'delete', 'manage'], note: '' },
      { token: FLOW_VIEW_TOKEN, permissions: ['view'], note: '' },
    ],
    status: {
      enable: true,
      states: {
        Draft: {
          name: 'Draft',
          index: '0',
          assignee: {
            type: 'ONE',
            entities: [{ entity: { type: 'CREATOR', code: null }, includeSubs: false }],
          },
        },
        Review: {
          name: 'Review',
          index: '1',
          assignee: {
            type: 'ALL',
            entities: [{ entity: { type: 'GROUP', code: 'reviewers' }, includeSubs: false }],
          },
        },
        Approved: {
          name: 'Approved',
          index: '2',
          assignee: {
            type: 'ONE',
            entities: [
              { entity: { type: 'USER', code: 'alice' }, includeSubs: false },
              { entity: { type: 'USER', code: 'bob' }, includeSubs: false },
            ],
          },
        },
        Done: { name: 'Done', index: '3', assignee: { type: 'ANY', entities: [] } },
      },
      actions: [
        { name: 'Submit', from: 'Draft', to: 'Review', filterCond: '', type: 'PRIMARY' },
        { name: 'Approve', from: 'Review', to: 'Approved', filterCond: '', type: 'PRIMARY' },
        {
          name: 'Close',
          from: 'Approved',
          to: 'Done',
          filterCond: 'amount >= 100',
          type: 'PRIMARY',
        },
        {
          name: 'Close small',
          from: 'Approved',
          to: 'Done',
          filterCond: 'amount < 100',
          type: 'SECONDARY',
        },
      ],
    },
  });
  return seed;
}

describe.each(DIALECTS)('process management [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, processSeed());
  });
  afterAll(() => server.close());

  const as = (user: keyof typeof USERS) =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS[user].loginName, password: USERS[user].password },
    });
  const withToken = (apiToken: string) =>
    new KintoneRestAPIClient({ baseUrl: server.url, auth: { apiToken } });

  it('shows the settings, the status fields, and starts records in the first state', async () => {
    const settings = await as('alice').app.getProcessManagement({ app: 5 });
    expect(settings.enable).toBe(true);
    expect(Object.keys(settings.states ?? {})).toEqual(['Draft', 'Review', 'Approved', 'Done']);
    expect(settings.actions?.[2]).toEqual({
      name: 'Close',
      from: 'Approved',
      to: 'Done',
      filterCond: 'amount >= 100',
      type: 'PRIMARY',
    });

    const { properties } = await as('alice').app.getFormFields({ app: 5 });
    expect(properties['ステータス']).toEqual({
      type: 'STATUS',
      code: 'ステータス',
      label: 'ステータス',
      enabled: true,
    });
    expect(properties['作業者']).toMatchObject({ type: 'STATUS_ASSIGNEE', enabled: true });

    const seeded = await as('alice').record.getRecord({ app: 5, id: 1 });
    expect(seeded.record['ステータス']).toEqual({ type: 'STATUS', value: 'Draft' });
    expect(seeded.record['作業者']).toEqual({
      type: 'STATUS_ASSIGNEE',
      value: [{ code: 'alice', name: 'Alice Admin' }],
    });

    const { id } = await as('bob').record.addRecord({ app: 5, record: { title: { value: 'x' } } });
    const added = await as('bob').record.getRecord({ app: 5, id });
    expect(added.record['作業者']?.value).toEqual([{ code: 'bob', name: 'Bob' }]);

    const off = await as('alice').record.getRecord({ app: 1, id: 1 });
    expect(off.record['ステータス']).toBeUndefined();
    const offSettings = await as('alice').app.getProcessManagement({ app: 1 });
    expect(offSettings).toMatchObject({ enable: false, states: null, actions: null });
  });

  it('runs actions: assignee checks, "all of them" states, conditions and revisions', async () => {
    const { id } = await as('bob').record.addRecord({
      app: 5,
      record: { title: { value: 'Buy a desk' }, amount: { value: '250' } },
    });

    const notYours = await clientFailure(
      as('alice').record.updateRecordStatus({ app: 5, id, action: 'Submit' }),
    );
    expect([notYours.status, notYours.code]).toEqual([403, 'KL_ST01']);

    const wrongState = await clientFailure(
      as('bob').record.updateRecordStatus({ app: 5, id, action: 'Approve' }),
    );
    expect([wrongState.status, wrongState.code]).toEqual([400, 'GAIA_IL03']);

    const submitted = await as('bob').record.updateRecordStatus({
      app: 5,
      id,
      action: 'Submit',
      revision: 1,
    });
    expect(submitted).toEqual({ revision: '3' });
    let { record } = await as('bob').record.getRecord({ app: 5, id });
    expect(record['ステータス']?.value).toBe('Review');
    expect(record['作業者']?.value).toEqual([
      { code: 'bob', name: 'Bob' },
      { code: 'ゆき', name: '雪' },
    ]);

    // Every reviewer must approve: the first approval only takes bob off the list.
    const partly = await as('bob').record.updateRecordStatus({ app: 5, id, action: 'Approve' });
    expect(partly).toEqual({ revision: '4' });
    ({ record } = await as('bob').record.getRecord({ app: 5, id }));
    expect(record['ステータス']?.value).toBe('Review');
    expect(record['作業者']?.value).toEqual([{ code: 'ゆき', name: '雪' }]);

    // The next status takes one of two users: the caller must choose.
    const unchosen = await clientFailure(
      as('yuki').record.updateRecordStatus({ app: 5, id, action: 'Approve' }),
    );
    expect([unchosen.status, unchosen.code]).toEqual([400, 'GAIA_SA01']);
    // A token acts as "Administrator", who is not assigned here.
    const token = await clientFailure(
      withToken(FLOW_TOKEN).record.updateRecordStatus({ app: 5, id, action: 'Approve' }),
    );
    expect([token.status, token.code]).toEqual([403, 'KL_ST01']);

    const yuki = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.yuki.loginName, password: USERS.yuki.password },
    });
    const stranger = await clientFailure(
      yuki.record.updateRecordStatus({ app: 5, id, action: 'Approve', assignee: 'carol' }),
    );
    expect(stranger.errors).toEqual({
      assignee: { messages: ['carol cannot be an assignee of this status.'] },
    });
    await yuki.record.updateRecordStatus({ app: 5, id, action: 'Approve', assignee: 'alice' });
    ({ record } = await as('alice').record.getRecord({ app: 5, id }));
    expect(record['ステータス']?.value).toBe('Approved');
    expect(record['作業者']?.value).toEqual([{ code: 'alice', name: 'Alice Admin' }]);

    // amount is 250: "Close small" needs amount < 100.
    const unmet = await clientFailure(
      as('alice').record.updateRecordStatus({ app: 5, id, action: 'Close small' }),
    );
    expect(unmet.code).toBe('GAIA_IL03');
    const stale = await clientFailure(
      as('alice').record.updateRecordStatus({ app: 5, id, action: 'Close', revision: 2 }),
    );
    expect([stale.status, stale.code]).toEqual([409, 'GAIA_CO02']);
    await as('alice').record.updateRecordStatus({ app: 5, id, action: 'Close' });
    ({ record } = await as('alice').record.getRecord({ app: 5, id }));
    expect(record['ステータス']?.value).toBe('Done');
    expect(record['作業者']?.value).toEqual([]);
    expect(record['更新者']?.value).toEqual({ code: 'alice', name: 'Alice Admin' });
  });

  it('updates many records at once, all or nothing, and tokens act as Administrator', async () => {
    const kintone = withToken(FLOW_TOKEN);
    const { ids } = await kintone.record.addRecords({
      app: 5,
      records: [{ title: { value: 'a' } }, { title: { value: 'b' } }],
    });
    const [a, b] = ids as [string, string];
    const [first] = (await kintone.record.getRecords({ app: 5, query: `$id = ${a}` })).records;
    expect(first?.['作業者']?.value).toEqual([{ code: 'Administrator', name: 'Administrator' }]);

    const failed = await clientFailure(
      kintone.record.updateRecordsStatus({
        app: 5,
        records: [
          { id: a, action: 'Submit' },
          { id: b, action: 'Close' },
        ],
      }),
    );
    expect(failed.code).toBe('GAIA_IL03');
    const untouched = await kintone.record.getRecord({ app: 5, id: a });
    expect(untouched.record['ステータス']?.value).toBe('Draft');

    const done = await kintone.record.updateRecordsStatus({
      app: 5,
      records: [
        { id: a, action: 'Submit', revision: 1 },
        { id: b, action: 'Submit' },
      ],
    });
    expect(done).toEqual({
      records: [
        { id: a, revision: '3' },
        { id: b, revision: '3' },
      ],
    });
    const { records } = await kintone.record.getRecords({
      app: 5,
      query: `ステータス in ("Review") and $id >= ${a} order by $id asc`,
    });
    expect(records.map((r) => r.$id?.value)).toEqual([a, b]);

    const mine = await as('yuki').record.getRecords({
      app: 5,
      query: `作業者 in (LOGINUSER()) and $id >= ${a}`,
    });
    expect(mine.records).toHaveLength(2);

    const viewOnly = await clientFailure(
      withToken(FLOW_VIEW_TOKEN).record.updateRecordStatus({ app: 5, id: a, action: 'Approve' }),
    );
    expect([viewOnly.status, viewOnly.code]).toEqual([403, 'GAIA_NO01']);
  });

  it('sets assignees, and refuses everything while the process is off', async () => {
    const kintone = withToken(FLOW_TOKEN);
    const { id } = await kintone.record.addRecord({ app: 5, record: { title: { value: 'z' } } });
    const changed = await kintone.record.updateRecordAssignees({
      app: 5,
      id,
      assignees: ['bob'],
      revision: 1,
    });
    expect(changed).toEqual({ revision: '2' });
    const { record } = await kintone.record.getRecord({ app: 5, id });
    expect(record['作業者']?.value).toEqual([{ code: 'bob', name: 'Bob' }]);

    const two = await clientFailure(
      kintone.record.updateRecordAssignees({ app: 5, id, assignees: ['bob', 'alice'] }),
    );
    expect(two.errors).toEqual({ assignees: { messages: ['Specify 1 or fewer items.'] } });
    const nobody = await clientFailure(
      kintone.record.updateRecordAssignees({ app: 5, id, assignees: ['nobody'] }),
    );
    expect(nobody.errors).toEqual({
      'assignees[0]': { messages: ['The user (nobody) not found.'] },
    });

    const off = await clientFailure(
      withToken(TOKENS.app1Full).record.updateRecordStatus({ app: 1, id: 1, action: 'Submit' }),
    );
    expect([off.status, off.code]).toEqual([400, 'GAIA_ST02']);
    expect(off.message).toContain('The process management feature has been disabled.');
    const offAssignees = await clientFailure(
      withToken(TOKENS.app1Full).record.updateRecordAssignees({ app: 1, id: 1, assignees: [] }),
    );
    expect(offAssignees.code).toBe('GAIA_ST02');
    const offQuery = await clientFailure(
      withToken(TOKENS.app1Full).record.getRecords({ app: 1, query: 'ステータス = "Draft"' }),
    );
    expect(offQuery.code).toBe('GAIA_IQ11');
  });

  it('runs status actions inside a bulk request', async () => {
    const kintone = withToken(FLOW_TOKEN);
    const { id } = await kintone.record.addRecord({ app: 5, record: { title: { value: 'bulk' } } });
    const results = await kintone.bulkRequest({
      requests: [
        {
          method: 'PUT',
          api: '/k/v1/record/status.json',
          payload: { app: 5, id, action: 'Submit' },
        },
        {
          method: 'PUT',
          api: '/k/v1/record/assignees.json',
          payload: { app: 5, id, assignees: ['bob'] },
        },
      ],
    });
    expect(results).toEqual({ results: [{ revision: '3' }, { revision: '4' }] });
  });
});
