import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A two-step flow: the creator submits, bob approves. */
const FLOW = {
  enable: true,
  states: {
    Open: {
      name: 'Open',
      index: '0',
      assignee: {
        type: 'ONE' as const,
        entities: [{ entity: { type: 'CREATOR' as const, code: null }, includeSubs: false }],
      },
    },
    Checking: {
      name: 'Checking',
      index: '1',
      assignee: {
        type: 'ONE' as const,
        entities: [{ entity: { type: 'USER' as const, code: 'bob' }, includeSubs: false }],
      },
    },
    Closed: { name: 'Closed', index: '2', assignee: { type: 'ONE' as const, entities: [] } },
  },
  actions: [
    { name: 'Submit', from: 'Open', to: 'Checking', filterCond: '' },
    { name: 'Approve', from: 'Checking', to: 'Closed', filterCond: '', type: 'PRIMARY' as const },
  ],
};

describe.each(DIALECTS)('process management settings [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const as = (user: 'alice' | 'bob') =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS[user].loginName, password: USERS[user].password },
    });

  async function deployAndWait(client: KintoneRestAPIClient, app: string) {
    await client.app.deployApp({ apps: [{ app }] });
    for (;;) {
      const { apps } = await client.app.getDeployStatus({ apps: [app] });
      if (apps.every((a) => a.status === 'SUCCESS')) return apps;
      expect(apps.every((a) => a.status === 'PROCESSING')).toBe(true);
    }
  }

  async function statusField(app: string) {
    const { properties } = await as('alice').app.getFormFields({ app });
    return Object.values(properties).find((field) => field.type === 'STATUS');
  }

  function put(app: string | number, body: Record<string, unknown>) {
    const auth = passwordHeader(USERS.alice.loginName, USERS.alice.password);
    return jsonRequest(
      server.url,
      'PUT',
      '/k/v1/preview/app/status.json',
      { 'X-Cybozu-Authorization': auth },
      { app, ...body },
    );
  }

  it('writes the flow in preview, deploys it, and records follow it', async () => {
    const kintone = as('alice');
    const { app } = await kintone.app.addApp({ name: 'Requests' });

    const written = await kintone.app.updateProcessManagement({ app, ...FLOW, revision: 1 });
    expect(written).toEqual({ revision: '2' });

    // Live is untouched until the deploy.
    const before = await kintone.app.getProcessManagement({ app });
    expect(before).toEqual({ enable: false, states: null, actions: null, revision: '1' });
    const preview = await kintone.app.getProcessManagement({ app, preview: true });
    expect(preview.revision).toBe('2');
    expect(preview.enable).toBe(true);
    expect(preview.states?.Closed).toEqual({
      name: 'Closed',
      index: '2',
      assignee: { type: 'ONE', entities: [] },
    });
    expect(preview.actions).toEqual([
      { name: 'Submit', from: 'Open', to: 'Checking', filterCond: '', type: 'PRIMARY' },
      { name: 'Approve', from: 'Checking', to: 'Closed', filterCond: '', type: 'PRIMARY' },
    ]);

    expect(await deployAndWait(kintone, app)).toEqual([{ app, status: 'SUCCESS' }]);
    const live = await kintone.app.getProcessManagement({ app });
    expect({ ...live, revision: undefined }).toEqual({ ...preview, revision: undefined });
    expect(live.revision).toBe('2');
    expect(await statusField(app)).toMatchObject({ type: 'STATUS', enabled: true });

    const { id } = await kintone.record.addRecord({ app, record: {} });
    let { record } = await kintone.record.getRecord({ app, id });
    expect(record.Status?.value).toBe('Open');
    await kintone.record.updateRecordStatus({ app, id, action: 'Submit' });
    ({ record } = await kintone.record.getRecord({ app, id }));
    expect(record.Status?.value).toBe('Checking');
    expect(record.Assignee?.value).toEqual([{ code: 'bob', name: 'Bob' }]);

    // Renaming the last step: only states change, the actions are kept and still match.
    const renamed = await kintone.app.updateProcessManagement({
      app,
      states: { ...FLOW.states, Closed: { ...FLOW.states.Closed, index: '5' } },
    });
    expect(renamed).toEqual({ revision: '3' });
    const kept = await kintone.app.getProcessManagement({ app, preview: true });
    expect(kept.actions).toHaveLength(2);
    expect(kept.states?.Closed?.index).toBe('5');

    // Switching it off and deploying: status actions are refused.
    await kintone.app.updateProcessManagement({ app, enable: false });
    await deployAndWait(kintone, app);
    const off = await clientFailure(
      as('bob').record.updateRecordStatus({ app, id, action: 'Approve' }),
    );
    expect(off.code).toBe('GAIA_ST02');
    expect(await statusField(app)).toMatchObject({ enabled: false });
  });

  it('starts records added while it was off in the first state, and keeps it when switched off', async () => {
    const kintone = as('alice');
    await kintone.app.updateProcessManagement({ app: 3, ...FLOW });
    await deployAndWait(kintone, '3');

    const { records } = await kintone.record.getRecords({ app: 3, query: 'order by $id asc' });
    expect(records.map((r) => r['ステータス']?.value)).toEqual(['Open', 'Open']);
    expect(records[0]?.['作業者']?.value).toEqual([]);
    const id = String(records[0]?.$id?.value);
    await kintone.record.updateRecordStatus({ app: 3, id, action: 'Submit' });

    await kintone.app.updateProcessManagement({ app: 3, enable: false });
    await deployAndWait(kintone, '3');
    await kintone.app.updateProcessManagement({ app: 3, enable: true });
    await deployAndWait(kintone, '3');
    const { record } = await kintone.record.getRecord({ app: 3, id });
    expect(record['ステータス']?.value).toBe('Checking');

    // A state records are in cannot go; an unused one can.
    const inUse = await put(3, { states: { Open: FLOW.states.Open }, actions: [] });
    expect(inUse.json.errors).toEqual({
      states: { messages: ['The status "Checking" cannot be removed while records are in it.'] },
    });
    const { Closed: _closed, ...withoutClosed } = FLOW.states;
    const unused = await put(3, { states: withoutClosed, actions: [FLOW.actions[0]] });
    expect(unused.status).toBe(200);
  });

  it('is undone by a revert and refuses a stale revision', async () => {
    const kintone = as('alice');
    const { app } = await kintone.app.addApp({ name: 'Reverted' });
    await kintone.app.updateProcessManagement({ app, ...FLOW });

    const stale = await clientFailure(
      kintone.app.updateProcessManagement({ app, enable: false, revision: 1 }),
    );
    expect([stale.status, stale.code]).toEqual([409, 'GAIA_CO02']);

    await kintone.app.deployApp({ apps: [{ app }], revert: true });
    const preview = await kintone.app.getProcessManagement({ app, preview: true });
    expect(preview).toEqual({ enable: false, states: null, actions: null, revision: '1' });
  });

  it('works on the guest space path', async () => {
    const guest = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
      guestSpaceId: 2,
    });
    const { app } = await guest.app.addApp({ name: 'Guest flow', space: 2 });
    expect(await guest.app.updateProcessManagement({ app, ...FLOW })).toEqual({ revision: '2' });
    await deployAndWait(guest, app);
    expect((await guest.app.getProcessManagement({ app })).enable).toBe(true);
  });

  it('needs app management', async () => {
    const notManager = await clientFailure(
      as('bob').app.updateProcessManagement({ app: 1, enable: true }),
    );
    expect([notManager.status, notManager.code]).toEqual([403, 'CB_NO02']);

    const viewToken = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1View },
    });
    const token = await clientFailure(
      viewToken.app.updateProcessManagement({ app: 1, enable: true }),
    );
    expect([token.status, token.code]).toEqual([403, 'GAIA_NO01']);

    const manageToken = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1Manage },
    });
    const written = await manageToken.app.updateProcessManagement({ app: 1, enable: false });
    expect(written.revision).toMatch(/^\d+$/);
  });

  it('refuses actions between unknown states, names unlike their keys, missing names', async () => {
    const unknown = await put(1, {
      states: FLOW.states,
      actions: [{ name: 'Go', from: 'Open', to: 'Nowhere', filterCond: '' }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.code).toBe('CB_VA01');
    expect(unknown.json.errors).toEqual({
      'actions[0].to': { messages: ['The status "Nowhere" is not found.'] },
    });

    const misnamed = await put(1, {
      states: { Open: { name: 'Opened', index: '0', assignee: { type: 'ONE', entities: [] } } },
    });
    expect(misnamed.json.code).toBe('CB_VA01');
    expect(Object.keys(misnamed.json.errors)).toEqual(['states.Open.name']);

    const nameless = await put(1, {
      states: FLOW.states,
      actions: [{ from: 'Open', to: 'Closed', filterCond: '' }],
    });
    expect(nameless.json.code).toBe('CB_VA01');
    expect(nameless.json.errors).toEqual({ 'actions[0].name': { messages: ['Required field.'] } });

    const empty = await put(1, { enable: true, states: {} });
    expect(empty.json.errors).toEqual({ states: { messages: ['Required field.'] } });

    const badType = await put(1, {
      states: { A: { name: 'A', index: '0', assignee: { type: 'SOME', entities: [] } } },
    });
    expect(Object.keys(badType.json.errors)).toEqual(['states.A.assignee.type']);

    // Actions left out are kept, so states that drop one of their ends are refused.
    await put(1, { states: FLOW.states, actions: FLOW.actions });
    const dropped = await put(1, { states: { Open: FLOW.states.Open } });
    expect(Object.keys(dropped.json.errors)).toEqual(['actions[0].to']);

    const preview = await as('alice').app.getProcessManagement({ app: 1, preview: true });
    expect(Object.keys(preview.states ?? {})).toEqual(['Open', 'Checking', 'Closed']);
  });
});
