/**
 * Break tests: the record surface around the data. Comments, process management actions,
 * tables, user fields and lookups, with bad input, other callers' records and concurrency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { DIALECTS } from '../support/dialects.js';
import { APP_PROPERTIES, fixtureToken } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  asAlice,
  asBob,
  asFullToken,
  expectKintoneError,
  expectNoServerFault,
  fixtureSeed,
  jsonRequest,
  rawRequest,
  tally,
  USERS,
} from './break-helpers.js';

const FLOW = { 'x-cybozu-api-token': fixtureToken('flow'), 'accept-language': 'en' };
const FLOW_MANAGE = { 'x-cybozu-api-token': fixtureToken('flowmanage'), 'accept-language': 'en' };
const ORDERS = { 'x-cybozu-api-token': fixtureToken('orders'), 'accept-language': 'en' };
const CUSTOMERS = fixtureToken('customers');
const DEALS = fixtureToken('deals');

const EVERYONE_ALL = {
  entity: { type: 'GROUP', code: 'everyone' },
  includeSubs: false,
  appEditable: false,
  recordViewable: true,
  recordAddable: true,
  recordEditable: true,
  recordDeletable: true,
  recordImportable: false,
  recordExportable: false,
} as const;

function surfaceSeed(): Seed {
  const seed = fixtureSeed();
  seed.apps.push(
    {
      id: 5,
      name: 'Approvals',
      code: '',
      description: '',
      properties: APP_PROPERTIES,
      records: [{ title: { value: 'Seeded request' } }],
      apiTokens: [
        { token: FLOW['x-cybozu-api-token'], permissions: ['view', 'add', 'edit'], note: '' },
        {
          token: FLOW_MANAGE['x-cybozu-api-token'],
          permissions: ['view', 'edit', 'manage'],
          note: '',
        },
      ],
      status: {
        enable: true,
        states: {
          Draft: { name: 'Draft', index: '0', assignee: { type: 'ANY', entities: [] } },
          Review: {
            name: 'Review',
            index: '1',
            assignee: {
              type: 'ONE',
              entities: [
                { entity: { type: 'USER', code: 'alice' }, includeSubs: false },
                { entity: { type: 'USER', code: 'bob' }, includeSubs: false },
              ],
            },
          },
          Done: { name: 'Done', index: '2', assignee: { type: 'ANY', entities: [] } },
        },
        actions: [
          { name: 'Submit', from: 'Draft', to: 'Review', filterCond: '', type: 'PRIMARY' },
          { name: 'Finish', from: 'Review', to: 'Done', filterCond: '', type: 'PRIMARY' },
          { name: 'Quick', from: 'Draft', to: 'Done', filterCond: '', type: 'SECONDARY' },
        ],
      },
    },
    {
      id: 8,
      name: 'Orders',
      code: '',
      description: '',
      properties: {
        customer: { type: 'SINGLE_LINE_TEXT', code: 'customer', label: 'Customer' },
        buyer: { type: 'USER_SELECT', code: 'buyer', label: 'Buyer' },
        grp: { type: 'GROUP_SELECT', code: 'grp', label: 'Group' },
        org: { type: 'ORGANIZATION_SELECT', code: 'org', label: 'Organization' },
        items: {
          type: 'SUBTABLE',
          code: 'items',
          label: 'Items',
          fields: {
            item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item' },
            qty: { type: 'NUMBER', code: 'qty', label: 'Qty' },
            who: { type: 'USER_SELECT', code: 'who', label: 'Who' },
          },
        },
      },
      records: [],
      apiTokens: [
        { token: ORDERS['x-cybozu-api-token'], permissions: ['view', 'add', 'edit'], note: '' },
      ],
    },
    {
      id: 9,
      name: 'Customers',
      code: '',
      description: '',
      properties: {
        customerCode: { type: 'SINGLE_LINE_TEXT', code: 'customerCode', label: 'Code' },
        name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name' },
        note: { type: 'SINGLE_LINE_TEXT', code: 'note', label: 'Note' },
      },
      records: [
        { customerCode: { value: 'C-1' }, name: { value: 'Acme' }, note: { value: 'pays late' } },
        { customerCode: { value: 'SECRET' }, name: { value: 'Hidden Corp' } },
      ],
      apiTokens: [{ token: CUSTOMERS, permissions: ['view'], note: '' }],
      acl: [EVERYONE_ALL],
      fieldAcl: [
        {
          code: 'note',
          entities: [
            { entity: { type: 'USER', code: 'alice' }, accessibility: 'WRITE', includeSubs: false },
          ],
        },
      ],
      recordAcl: [
        {
          filterCond: 'customerCode = "SECRET"',
          entities: [
            {
              entity: { type: 'USER', code: 'alice' },
              viewable: true,
              editable: true,
              deletable: true,
              includeSubs: false,
            },
            {
              entity: { type: 'GROUP', code: 'everyone' },
              viewable: false,
              editable: false,
              deletable: false,
              includeSubs: false,
            },
          ],
        },
      ],
    },
    {
      id: 10,
      name: 'Deals',
      code: '',
      description: '',
      properties: {
        customer: {
          type: 'SINGLE_LINE_TEXT',
          code: 'customer',
          label: 'Customer',
          lookup: {
            relatedApp: { app: '9', code: '' },
            relatedKeyField: 'customerCode',
            fieldMappings: [{ field: 'customerName', relatedField: 'name' }],
          },
        },
        customerName: { type: 'SINGLE_LINE_TEXT', code: 'customerName', label: 'Name' },
        noted: {
          type: 'SINGLE_LINE_TEXT',
          code: 'noted',
          label: 'Noted customer',
          lookup: {
            relatedApp: { app: '9', code: '' },
            relatedKeyField: 'customerCode',
            fieldMappings: [{ field: 'customerNote', relatedField: 'note' }],
            lookupPickerFields: ['customerCode'],
            filterCond: '',
            sort: 'レコード番号 desc',
          },
        },
        customerNote: { type: 'SINGLE_LINE_TEXT', code: 'customerNote', label: 'Note' },
      },
      records: [],
      apiTokens: [{ token: DEALS, permissions: ['view', 'add', 'edit'], note: '' }],
      acl: [EVERYONE_ALL],
    },
  );
  return seed;
}

describe.each(DIALECTS)('break: record surface [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, surfaceSeed());
  });
  afterAll(() => server.close());

  const call = (method: string, path: string, headers: Record<string, string>, body: unknown) =>
    jsonRequest(server.url, method, path, headers, body);
  const comment = (body: unknown, headers: Record<string, string> = asFullToken) =>
    call('POST', '/k/v1/record/comment.json', headers, body);
  const comments = (
    query: Record<string, unknown>,
    headers: Record<string, string> = asFullToken,
  ) => call('GET', '/k/v1/record/comments.json', headers, { app: 1, record: 1, ...query });

  async function addFlowRecord(): Promise<string> {
    const r = await call('POST', '/k/v1/record.json', FLOW, {
      app: 5,
      record: { title: { value: 'x' } },
    });
    expect(r.status, r.text).toBe(200);
    return r.json.id as string;
  }
  async function statusOf(id: string): Promise<[string, string]> {
    const r = await call('GET', '/k/v1/record.json', FLOW, { app: 5, id });
    return [
      r.json.record.ステータス?.value ?? r.json.record.Status?.value,
      r.json.record.$revision.value,
    ];
  }

  describe('comments', () => {
    it.each([
      ['65,536 characters', { text: 'a'.repeat(65_536) }],
      ['empty text', { text: '' }],
      ['a number', { text: 5 }],
      ['an array', { text: ['a'] }],
      ['an object', { text: { a: 1 } }],
      ['an unknown user mention', { text: 'x', mentions: [{ code: 'nobody', type: 'USER' }] }],
      ['an unknown mention type', { text: 'x', mentions: [{ code: 'alice', type: 'ROBOT' }] }],
      ['a mention code as a number', { text: 'x', mentions: [{ code: 5, type: 'USER' }] }],
      ['mentions as an object', { text: 'x', mentions: { code: 'alice', type: 'USER' } }],
      ['a mention as a string', { text: 'x', mentions: ['alice'] }],
      [
        '1,000 mentions',
        {
          text: 'x',
          mentions: Array.from({ length: 1000 }, () => ({ code: 'alice', type: 'USER' })),
        },
      ],
      ['comment as a string', 'hello'],
    ])('refuses %s with CB_VA01', async (_name, body) => {
      const r = await comment({ app: 1, record: 1, comment: body });
      expectKintoneError(r, 'CB_VA01');
    });

    it('accepts 65,535 characters', async () => {
      const r = await comment({ app: 1, record: 1, comment: { text: 'a'.repeat(65_535) } });
      expect(r.status, r.text).toBe(200);
    });

    it.each([
      ['limit 11', { limit: 11 }],
      ['limit -1', { limit: -1 }],
      ['limit abc', { limit: 'abc' }],
      ['limit 1.5', { limit: 1.5 }],
      ['offset -1', { offset: -1 }],
      ['offset beyond a safe integer', { offset: '99999999999999999999' }],
      ['order ASC', { order: 'ASC' }],
      ['order random', { order: 'random' }],
      ['record 0', { record: 0 }],
      ['record abc', { record: 'abc' }],
    ])('refuses %s with CB_VA01', async (_name, query) => {
      expectKintoneError(await comments(query), 'CB_VA01');
    });

    it('answers limit 0 and a huge offset without a fault', async () => {
      expectNoServerFault(await comments({ limit: 0 }));
      const r = await comments({ offset: 9_007_199_254_740_991 });
      expect(r.status, r.text).toBe(200);
      expect(r.json.comments).toEqual([]);
    });

    it('hides the comments of a record the user cannot view', async () => {
      const r = await call('GET', '/k/v1/record/comments.json', asBob, { app: 9, record: 2 });
      expectKintoneError(r, 'CB_NO02');
      const post = await comment({ app: 9, record: 2, comment: { text: 'peek' } }, asBob);
      expectKintoneError(post, 'CB_NO02');
    });

    it('refuses the guest path for an app outside guest spaces', async () => {
      const r = await jsonRequest(
        server.url,
        'GET',
        '/k/guest/2/v1/record/comments.json',
        asAlice,
        {
          app: 1,
          record: 1,
        },
      );
      expectNoServerFault(r);
      expect(r.status).toBeGreaterThanOrEqual(400);
    });

    it("does not delete a comment through another record's id", async () => {
      const posted = await comment({ app: 1, record: 3, comment: { text: 'on three' } });
      const id = posted.json.id;
      const r = await call('DELETE', '/k/v1/record/comment.json', asFullToken, {
        app: 1,
        record: 4,
        comment: id,
      });
      expectKintoneError(r, 'GAIA_RE02');
      const left = await comments({ record: 3 });
      expect(left.json.comments.map((c: { id: string }) => c.id)).toContain(String(id));
    });

    it("refuses a user deleting the token's comment", async () => {
      const posted = await comment({ app: 1, record: 3, comment: { text: 'by token' } });
      const r = await call('DELETE', '/k/v1/record/comment.json', asAlice, {
        app: 1,
        record: 3,
        comment: posted.json.id,
      });
      expectKintoneError(r, 'CB_NO02');
    });

    it('answers GAIA_RE01 for the comments of a deleted record', async () => {
      const added = await call('POST', '/k/v1/record.json', asFullToken, {
        app: 1,
        record: { title: { value: 'doomed' } },
      });
      const record = added.json.id;
      const posted = await comment({ app: 1, record, comment: { text: 'soon gone' } });
      await call('DELETE', '/k/v1/records.json', asFullToken, { app: 1, ids: [record] });
      expectKintoneError(await comments({ record }), 'GAIA_RE01');
      const del = await call('DELETE', '/k/v1/record/comment.json', asFullToken, {
        app: 1,
        record,
        comment: posted.json.id,
      });
      expectKintoneError(del, 'GAIA_RE01');
    });
  });

  describe('status actions', () => {
    const act = (body: Record<string, unknown>, headers: Record<string, string> = FLOW) =>
      call('PUT', '/k/v1/record/status.json', headers, { app: 5, ...body });

    it.each([
      ['an action not available in the status', { action: 'Finish' }],
      ['the action name in the wrong case', { action: 'submit' }],
      ['an unknown action', { action: 'Nope' }],
    ])('refuses %s with GAIA_IL03', async (_name, body) => {
      const id = await addFlowRecord();
      expectKintoneError(await act({ id, ...body }), 'GAIA_IL03');
    });

    it('refuses a missing and a non-user assignee, and a stale revision', async () => {
      const id = await addFlowRecord();
      expectKintoneError(await act({ id, action: 'Submit' }), 'GAIA_SA01');
      expectKintoneError(await act({ id, action: 'Submit', assignee: 'nobody' }), 'CB_VA01');
      expectKintoneError(await act({ id, action: 'Submit', assignee: 5 }), 'CB_VA01');
      expectKintoneError(
        await act({ id, action: 'Submit', assignee: 'bob', revision: 99 }),
        'GAIA_CO02',
      );
      expect((await statusOf(id))[1]).toBe('1');
    });

    it('refuses status on an app without process management', async () => {
      const r = await call('PUT', '/k/v1/record/status.json', asFullToken, {
        app: 1,
        id: 1,
        action: 'Submit',
      });
      expectKintoneError(r, 'GAIA_ST02');
    });

    it('refuses 101 records and applies nothing of a failing batch', async () => {
      const a = await addFlowRecord();
      const b = await addFlowRecord();
      const many = Array.from({ length: 101 }, () => ({ id: a, action: 'Quick' }));
      const r = await call('PUT', '/k/v1/records/status.json', FLOW, { app: 5, records: many });
      expectKintoneError(r, 'CB_VA01');
      const mixed = await call('PUT', '/k/v1/records/status.json', FLOW, {
        app: 5,
        records: [
          { id: a, action: 'Quick' },
          { id: b, action: 'Finish' },
        ],
      });
      expectKintoneError(mixed, 'GAIA_IL03');
      expect(await statusOf(a)).toEqual(['Draft', '1']);
    });

    it('runs the same record twice in one call in order, all or nothing', async () => {
      const a = await addFlowRecord();
      const twice = (second: Record<string, unknown>) =>
        call('PUT', '/k/v1/records/status.json', FLOW, {
          app: 5,
          records: [
            { id: a, action: 'Submit', assignee: 'bob' },
            { id: a, ...second },
          ],
        });
      // The second action runs on what the first left (by design): Review, assigned to bob,
      // whom a token ("Administrator") may not act for, so nothing of the call is kept.
      expectKintoneError(await twice({ action: 'Finish' }), 'KL_ST01');
      expect(await statusOf(a)).toEqual(['Draft', '1']);
    });

    it('lets a token act only where nobody or "Administrator" is assigned', async () => {
      const a = await addFlowRecord();
      expect((await act({ id: a, action: 'Submit', assignee: 'bob' })).status).toBe(200);
      expectKintoneError(await act({ id: a, action: 'Finish' }), 'KL_ST01');
      expect((await act({ id: a, action: 'Finish' }, asBob)).status).toBe(200);
      expect(await statusOf(a)).toEqual(['Done', '5']);
    });

    it('rolls a status change back when a bulkRequest sub-request fails', async () => {
      const a = await addFlowRecord();
      const r = await call('POST', '/k/v1/bulkRequest.json', FLOW, {
        requests: [
          {
            method: 'PUT',
            api: '/k/v1/record/status.json',
            payload: { app: 5, id: a, action: 'Quick' },
          },
          {
            method: 'PUT',
            api: '/k/v1/record/status.json',
            payload: { app: 5, id: a, action: 'Quick' },
          },
        ],
      });
      expect(r.status, r.text).toBeGreaterThanOrEqual(400);
      expect(await statusOf(a)).toEqual(['Draft', '1']);
    });

    it('lets exactly one of concurrent actions win', async () => {
      const a = await addFlowRecord();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => act({ id: a, action: 'Quick' })),
      );
      for (const r of answers) expectNoServerFault(r);
      expect(tally(answers)['200']).toBe(1);
      expect(await statusOf(a)).toEqual(['Done', '3']);
    });

    it('does not let record.json change the status', async () => {
      const a = await addFlowRecord();
      const r = await call('PUT', '/k/v1/record.json', FLOW, {
        app: 5,
        id: a,
        record: { ステータス: { value: 'Done' }, 作業者: { value: [{ code: 'bob' }] } },
      });
      expectNoServerFault(r);
      expect((await statusOf(a))[0]).toBe('Draft');
    });
  });

  describe('tables and user fields', () => {
    const add = (record: unknown, headers: Record<string, string> = ORDERS) =>
      call('POST', '/k/v1/record.json', headers, { app: 8, record });
    const get = (id: string) => call('GET', '/k/v1/record.json', ORDERS, { app: 8, id });

    it('does not duplicate a row id sent twice', async () => {
      const first = await add({ items: { value: [{ value: { item: { value: 'a' } } }] } });
      const row = (await get(first.json.id)).json.record.items.value[0].id;
      const r = await call('PUT', '/k/v1/record.json', ORDERS, {
        app: 8,
        id: first.json.id,
        record: {
          items: {
            value: [
              { id: row, value: { item: { value: 'b' } } },
              { id: row, value: { item: { value: 'c' } } },
            ],
          },
        },
      });
      expect(r.status, r.text).toBe(200);
      const rows = (await get(first.json.id)).json.record.items.value;
      const ids = rows.map((x: { id: string }) => x.id);
      expect(new Set(ids).size).toBe(2);
      expect(ids[0]).toBe(row);
      expect(rows.map((x: any) => x.value.item.value)).toEqual(['b', 'c']);
    });

    it("treats another record's row id as a new row", async () => {
      const one = await add({ items: { value: [{ value: { item: { value: 'one' } } }] } });
      const two = await add({ items: { value: [{ value: { item: { value: 'two' } } }] } });
      const otherRow = (await get(one.json.id)).json.record.items.value[0].id;
      const r = await call('PUT', '/k/v1/record.json', ORDERS, {
        app: 8,
        id: two.json.id,
        record: { items: { value: [{ id: otherRow, value: { qty: { value: '3' } } }] } },
      });
      expectNoServerFault(r);
      const rows = (await get(two.json.id)).json.record.items.value;
      expect(rows.map((x: any) => x.value.item.value)).not.toContain('one');
    });

    it.each([
      ['a row id as a negative number', [{ id: -1, value: { item: { value: 'n' } } }]],
      ['a row id as an object', [{ id: { a: 1 }, value: { item: { value: 'n' } } }]],
      ['a row value as an array', [{ value: [1] }]],
      ['a row as a string', ['row']],
      ['a cell as a bare string', [{ value: { item: 'plain' } }]],
      ['a number cell with text', [{ value: { qty: { value: 'abc' } } }]],
      ['an unknown cell', [{ value: { nope: { value: 'x' } } }]],
      ['a table field outside its table', 'x'],
    ])('answers %s without a fault', async (_name, value) => {
      const r = await add({ items: { value } });
      expectNoServerFault(r);
      if (r.status !== 200) expectKintoneError(r, ['CB_VA01', 'CB_IJ01', 'GAIA_IQ11']);
    });

    it('reports a wrong cell with the table key', async () => {
      // A number that does not parse answers on the bracket form, as Kintone does.
      const r = await add({ items: { value: [{ value: { qty: { value: 'abc' } } }] } });
      expectKintoneError(r, 'CB_VA01');
      expect(Object.keys(r.json.errors)).toEqual(['record.items.value[0].value[qty].value']);
    });

    it('stores 5,000 rows or refuses them cleanly', async () => {
      const value = Array.from({ length: 5000 }, (_, i) => ({
        value: { item: { value: `r${i}` } },
      }));
      expectNoServerFault(await add({ items: { value } }));
    });

    it.each(['item = "a"', 'item != "a"', 'qty > 1 and item = "x"'])(
      'refuses %s on a table field',
      async (query) => {
        const r = await call('GET', '/k/v1/records.json', ORDERS, { app: 8, query });
        expectNoServerFault(r);
        expect(r.status, r.text).toBe(400);
      },
    );

    it.each([
      ['an unknown user', [{ code: 'nobody' }]],
      ['a number code', [{ code: 5 }]],
      ['a bare string', 'alice'],
      ['strings in the list', ['alice']],
    ])('refuses %s in a user field', async (_name, value) => {
      const r = await add({ buyer: { value } });
      expectKintoneError(r, ['CB_VA01', 'CB_IJ01']);
    });

    it('answers LOGINUSER() with a token without a fault', async () => {
      const r = await call('GET', '/k/v1/records.json', ORDERS, {
        app: 8,
        query: 'buyer in (LOGINUSER())',
      });
      expectNoServerFault(r);
    });
  });

  describe('lookups', () => {
    const deal = (customer: string, headers: Record<string, string>) =>
      call('POST', '/k/v1/record.json', headers, {
        app: 10,
        record: { customer: { value: customer } },
      });

    it('answers GAIA_LO04 for a key that matches nothing', async () => {
      expectKintoneError(await deal('C-404', asAlice), 'GAIA_LO04');
    });

    it('does not copy from a source record the user cannot view', async () => {
      expectKintoneError(await deal('SECRET', asBob), 'GAIA_LO04');
      const ok = await deal('SECRET', asAlice);
      expect(ok.status, ok.text).toBe(200);
    });

    it('refuses a token of the target app alone', async () => {
      const only = { 'x-cybozu-api-token': DEALS, 'accept-language': 'en' };
      const r = await deal('C-1', only);
      expectNoServerFault(r);
      expect(r.status).toBeGreaterThanOrEqual(400);
      const both = { 'x-cybozu-api-token': `${DEALS},${CUSTOMERS}`, 'accept-language': 'en' };
      expect((await deal('C-1', both)).status).toBe(200);
    });
  });
  describe('second round', () => {
    it('rolls back a status change when another app write of the bulkRequest fails', async () => {
      const a = await addFlowRecord();
      const both = {
        'x-cybozu-api-token': `${FLOW['x-cybozu-api-token']}`,
        'accept-language': 'en',
      };
      const r = await call('POST', '/k/v1/bulkRequest.json', both, {
        requests: [
          {
            method: 'PUT',
            api: '/k/v1/record/status.json',
            payload: { app: 5, id: a, action: 'Quick' },
          },
          {
            method: 'PUT',
            api: '/k/v1/record.json',
            payload: { app: 5, id: a, record: { amount: { value: 'x' } } },
          },
        ],
      });
      expect(r.status, r.text).toBe(400);
      expect(await statusOf(a)).toEqual(['Draft', '1']);
    });

    it('refuses comments inside a bulkRequest cleanly', async () => {
      const r = await call('POST', '/k/v1/bulkRequest.json', asFullToken, {
        requests: [
          {
            method: 'POST',
            api: '/k/v1/record/comment.json',
            payload: { app: 1, record: 1, comment: { text: 'b' } },
          },
        ],
      });
      expectNoServerFault(r);
    });

    it.each([
      ['assignees as a string', { assignees: 'bob' }],
      ['assignees with a number', { assignees: [5] }],
      ['assignees with an unknown user', { assignees: ['nobody'] }],
      ['a stale revision', { assignees: ['bob'], revision: 99 }],
      ['a revision as text', { assignees: ['bob'], revision: 'abc' }],
      ['101 assignees', { assignees: Array.from({ length: 101 }, () => 'bob') }],
    ])('refuses %s for record/assignees', async (_name, body) => {
      const a = await addFlowRecord();
      const r = await call('PUT', '/k/v1/record/assignees.json', FLOW_MANAGE, {
        app: 5,
        id: a,
        ...body,
      });
      expectKintoneError(r, ['CB_VA01', 'GAIA_CO02']);
      expect((await statusOf(a))[1]).toBe('1');
    });

    it('queries status and assignee fields with a token', async () => {
      for (const query of [
        'ステータス in ("Done")',
        '作業者 in (LOGINUSER())',
        'ステータス = "Draft"',
      ]) {
        const r = await call('GET', '/k/v1/records.json', FLOW, { app: 5, query });
        expectNoServerFault(r);
      }
    });

    it('refuses = on a table field when creating a cursor', async () => {
      const r = await call('POST', '/k/v1/records/cursor.json', ORDERS, {
        app: 8,
        query: 'item = "a"',
      });
      expectKintoneError(r, 'GAIA_IQ07');
      const ok = await call('GET', '/k/v1/records.json', ORDERS, {
        app: 8,
        query: 'item in ("a") and qty not in ("1")',
      });
      expect(ok.status, ok.text).toBe(200);
      // Comparisons and emptiness on table fields are not supported yet (README), and say so.
      const greater = await call('GET', '/k/v1/records.json', ORDERS, {
        app: 8,
        query: 'qty > 1',
      });
      expectKintoneError(greater, 'GAIA_IQ03');
    });

    it('finds text in table rows with like and not like', async () => {
      const row = (item: string) => ({ value: { item: { value: item } } });
      const pie = await call('POST', '/k/v1/record.json', ORDERS, {
        app: 8,
        record: {
          customer: { value: 'like-test' },
          items: { value: [row('x'), row('Apple pie 100%')] },
        },
      });
      const plain = await call('POST', '/k/v1/record.json', ORDERS, {
        app: 8,
        record: { customer: { value: 'like-test' }, items: { value: [row('banana')] } },
      });
      const ids = async (query: string) => {
        const r = await call('GET', '/k/v1/records.json', ORDERS, {
          app: 8,
          query: `customer = "like-test" and ${query} order by $id asc`,
        });
        expect(r.status, r.text).toBe(200);
        return r.json.records.map((x: any) => x.$id.value);
      };
      expect(await ids('item like "APPLE"')).toEqual([pie.json.id]);
      expect(await ids('item like "0%"')).toEqual([pie.json.id]);
      expect(await ids('item like "_"')).toEqual([]);
      expect(await ids('item not like "apple"')).toEqual([plain.json.id]);
      expect(await ids('item like "apple" or item in ("banana")')).toEqual([
        pie.json.id,
        plain.json.id,
      ]);
    });

    it.each(['C-1" or customerCode != "', 'C-1\\', '"', '\\" or "1" = "1'])(
      'treats lookup key %s as a value',
      async (key) => {
        const r = await call('POST', '/k/v1/record.json', asBob, {
          app: 10,
          record: { customer: { value: key } },
        });
        expectKintoneError(r, 'GAIA_LO04');
      },
    );

    it('does not leak a hidden source record through records.json or updateKey', async () => {
      const r = await call('POST', '/k/v1/records.json', asBob, {
        app: 10,
        records: [{ customer: { value: 'C-1' } }, { customer: { value: 'SECRET' } }],
      });
      expectKintoneError(r, 'GAIA_LO04');
      expect(r.text).not.toContain('Hidden');
      const added = await call('POST', '/k/v1/record.json', asBob, {
        app: 10,
        record: { customer: { value: 'C-1' } },
      });
      const up = await call('PUT', '/k/v1/records.json', asBob, {
        app: 10,
        records: [{ id: added.json.id, record: { customer: { value: 'SECRET' } } }],
      });
      expectKintoneError(up, 'GAIA_LO04');
      const read = await call('GET', '/k/v1/record.json', asBob, { app: 10, id: added.json.id });
      expect(read.json.record.customerName.value).toBe('Acme');
    });

    it('does not copy a source field the user cannot view', async () => {
      const r = await call('POST', '/k/v1/record.json', asBob, {
        app: 10,
        record: { noted: { value: 'C-1' } },
      });
      expectKintoneError(r, 'GAIA_LO04');
      expect(r.text).not.toContain('pays late');
      const ok = await call('POST', '/k/v1/record.json', asAlice, {
        app: 10,
        record: { noted: { value: 'C-1' } },
      });
      expect(ok.status, ok.text).toBe(200);
      const read = await call('GET', '/k/v1/record.json', asAlice, { app: 10, id: ok.json.id });
      expect(read.json.record.customerNote.value).toBe('pays late');
    });

    it('lets tokens past record and field permissions, as Kintone does', async () => {
      const both = { 'x-cybozu-api-token': `${DEALS},${CUSTOMERS}`, 'accept-language': 'en' };
      const r = await call('POST', '/k/v1/record.json', both, {
        app: 10,
        record: { customer: { value: 'SECRET' }, noted: { value: 'C-1' } },
      });
      expect(r.status, r.text).toBe(200);
      const source = { 'x-cybozu-api-token': CUSTOMERS, 'accept-language': 'en' };
      const read = await call('GET', '/k/v1/record/comments.json', source, { app: 9, record: 2 });
      expect(read.status, read.text).toBe(200);
    });

    it('refuses writing the copied field of a lookup as a value of its own', async () => {
      const r = await call('POST', '/k/v1/record.json', asAlice, {
        app: 10,
        record: { customer: { value: 'C-1' }, customerName: { value: 'Forged' } },
      });
      expectNoServerFault(r);
      if (r.status === 200) {
        const read = await call('GET', '/k/v1/record.json', asAlice, { app: 10, id: r.json.id });
        expect(read.json.record.customerName.value).toBe('Acme');
      }
    });

    it('answers comments for a token without view permission with GAIA_NO01', async () => {
      const add = { 'x-cybozu-api-token': fixtureToken('app1add'), 'accept-language': 'en' };
      const r = await call('GET', '/k/v1/record/comments.json', add, { app: 1, record: 1 });
      expectKintoneError(r, ['GAIA_NO01', 'CB_NO02']);
      const p = await call('POST', '/k/v1/record/comment.json', add, {
        app: 1,
        record: 1,
        comment: { text: 'x' },
      });
      expectKintoneError(p, ['GAIA_NO01', 'CB_NO02']);
    });

    it('answers a comment on a record of another app with GAIA_RE01', async () => {
      const r = await call('POST', '/k/v1/record/comment.json', asFullToken, {
        app: 1,
        record: 99999,
        comment: { text: 'x' },
      });
      expectKintoneError(r, 'GAIA_RE01');
    });
  });
  describe('third round', () => {
    it.each([
      ['a number', 5, 'GAIA_LO04'],
      ['an array', ['C-1'], 'CB_IJ01'],
      ['an object', { code: 'C-1' }, 'CB_IJ01'],
    ])('refuses a lookup key given as %s', async (_name, value, code) => {
      const r = await call('POST', '/k/v1/record.json', asAlice, {
        app: 10,
        record: { customer: { value } },
      });
      // A number reads as its text, as in other text fields; other shapes are malformed.
      expectKintoneError(r, code);
    });

    it.each([
      ['records as an object', { records: { id: 1, action: 'Quick' } }],
      ['an item as a string', { records: ['1'] }],
      ['an action as a number', { records: [{ id: 1, action: 5 }] }],
      ['an id as text', { records: [{ id: 'abc', action: 'Quick' }] }],
      ['a revision as text', { records: [{ id: 1, action: 'Quick', revision: 'x' }] }],
      ['an empty list', { records: [] }],
    ])('refuses %s for records/status', async (_name, body) => {
      const r = await call('PUT', '/k/v1/records/status.json', FLOW, { app: 5, ...body });
      expectKintoneError(r, 'CB_VA01');
    });

    it('refuses two assignees in a one-of state and a disabled user', async () => {
      const a = await addFlowRecord();
      await call('PUT', '/k/v1/record/status.json', FLOW, {
        app: 5,
        id: a,
        action: 'Submit',
        assignee: 'bob',
      });
      const two = await call('PUT', '/k/v1/record/assignees.json', asAlice, {
        app: 5,
        id: a,
        assignees: ['alice', 'bob'],
      });
      expectKintoneError(two, 'CB_VA01');
      const disabled = await call('PUT', '/k/v1/record/assignees.json', asAlice, {
        app: 5,
        id: a,
        assignees: ['carol'],
      });
      // A disabled user is still a user, and may stay assigned (by design).
      expect(disabled.status, disabled.text).toBe(200);
    });

    it('needs app management to change assignees, as Kintone documents', async () => {
      const a = await addFlowRecord();
      const body = { app: 5, id: a, assignees: ['bob'] };
      expectKintoneError(await call('PUT', '/k/v1/record/assignees.json', FLOW, body), 'GAIA_NO01');
      expectKintoneError(await call('PUT', '/k/v1/record/assignees.json', asBob, body), 'CB_NO02');
      expect((await statusOf(a))[1]).toBe('1');
      const admin = await call('PUT', '/k/v1/record/assignees.json', asAlice, body);
      expect(admin.status, admin.text).toBe(200);
    });

    it('deletes a comment once when two deletes race', async () => {
      const posted = await comment({ app: 1, record: 5, comment: { text: 'race' } });
      const answers = await Promise.all(
        Array.from({ length: 6 }, () =>
          call('DELETE', '/k/v1/record/comment.json', asFullToken, {
            app: 1,
            record: 5,
            comment: posted.json.id,
          }),
        ),
      );
      for (const r of answers) expectNoServerFault(r);
      expect(tally(answers)).toEqual({ '200': 1, '400 GAIA_RE02': 5 });
    });

    it('stores duplicate mentions once', async () => {
      const posted = await comment({
        app: 1,
        record: 5,
        comment: {
          text: 'dup',
          mentions: [
            { code: 'bob', type: 'USER' },
            { code: 'bob', type: 'USER' },
          ],
        },
      });
      const read = await comments({ record: 5 });
      const mine = read.json.comments.find((c: { id: string }) => c.id === String(posted.json.id));
      expect(mine.mentions).toEqual([{ code: 'bob', type: 'USER' }]);
      expect(mine.text).toBe('bob \ndup');
    });

    it.each([
      ['an unknown group', { grp: { value: [{ code: 'nogroup' }] } }],
      ['an organization', { org: { value: [{ code: 'anything' }] } }],
      [
        'an unknown user in a table row',
        { items: { value: [{ value: { who: { value: [{ code: 'nobody' }] } } }] } },
      ],
    ])('refuses %s in a selection field', async (_name, record) => {
      const r = await call('POST', '/k/v1/record.json', ORDERS, { app: 8, record });
      expectKintoneError(r, 'CB_VA01');
    });
  });
  describe('session callers', () => {
    async function session(user: { loginName: string; password: string }) {
      const login = await rawRequest(server.url, {
        method: 'POST',
        path: '/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
        body: new URLSearchParams({ username: user.loginName, password: user.password }).toString(),
      });
      const line = (login.headers['set-cookie'] ?? []).find((c) =>
        c.startsWith('kintone-session='),
      );
      const cookie = line!.split(';')[0]!;
      const page = await rawRequest(server.url, { path: '/k/', headers: { cookie } });
      const token = /"requestToken":"([^"]+)"/.exec(page.text)![1]!;
      const headers = {
        cookie,
        'x-requested-with': 'XMLHttpRequest',
        origin: server.url,
        'accept-language': 'en',
      };
      return { headers, token };
    }

    it('needs the request token for comments, status and assignees', async () => {
      const { headers, token } = await session(USERS.bob);
      const a = await addFlowRecord();
      const unsafe = [
        await call('POST', '/k/v1/record/comment.json', headers, {
          app: 1,
          record: 1,
          comment: { text: 's' },
        }),
        await call('DELETE', '/k/v1/record/comment.json', headers, {
          app: 1,
          record: 1,
          comment: 1,
        }),
        await call('PUT', '/k/v1/record/status.json', headers, { app: 5, id: a, action: 'Quick' }),
        await call('PUT', '/k/v1/records/status.json', headers, {
          app: 5,
          records: [{ id: a, action: 'Quick' }],
        }),
        await call('PUT', '/k/v1/record/assignees.json', headers, { app: 5, id: a, assignees: [] }),
      ];
      for (const r of unsafe) expectKintoneError(r, 'CB_IL02');
      expect(await statusOf(a)).toEqual(['Draft', '1']);

      const posted = await call('POST', '/k/v1/record/comment.json', headers, {
        app: 1,
        record: 1,
        comment: { text: 'from a session' },
        __REQUEST_TOKEN__: token,
      });
      expect(posted.status, posted.text).toBe(200);
      const acted = await call('PUT', '/k/v1/record/status.json', headers, {
        app: 5,
        id: a,
        action: 'Quick',
        __REQUEST_TOKEN__: token,
      });
      expect(acted.status, acted.text).toBe(200);
      const hidden = await call('GET', '/k/v1/record/comments.json', headers, {
        app: 9,
        record: 2,
      });
      expectKintoneError(hidden, 'CB_NO02');
    });
  });
});
