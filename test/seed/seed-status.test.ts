import { describe, expect, it } from 'vitest';
import { applySeed } from '../../src/seed/apply-seed.js';
import { parseSeed } from '../../src/seed/read-seed.js';
import { openStore } from '../../src/store/store.js';

const FIELDS = {
  title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
  amount: { type: 'NUMBER', code: 'amount', label: 'Amount' },
};

async function applyStatus(status: unknown) {
  const seed = parseSeed({
    users: [{ loginName: 'ann', password: 'pw' }],
    apps: [{ id: 1, name: 'Flow', properties: FIELDS, status }],
  });
  const store = await openStore({ kind: 'sqlite', file: ':memory:' });
  try {
    await applySeed(store, seed, { now: new Date(), timeZone: 'UTC' });
    return await store.apps.find(1);
  } finally {
    await store.close();
  }
}

describe('process management in seed files', () => {
  it('keeps the states in order, numbering those without an index', async () => {
    const app = await applyStatus({
      states: { Open: { name: 'Open' }, Closed: { name: 'Closed' } },
      actions: [{ name: 'Close', from: 'Open', to: 'Closed' }],
    });
    expect(app?.status).toEqual({
      enable: true,
      states: {
        Open: { name: 'Open', index: '0', assignee: { type: 'ONE', entities: [] } },
        Closed: { name: 'Closed', index: '1', assignee: { type: 'ONE', entities: [] } },
      },
      actions: [{ name: 'Close', from: 'Open', to: 'Closed', filterCond: '', type: 'PRIMARY' }],
    });
    expect(app?.properties['ステータス']?.enabled).toBe(true);
    expect(app?.properties['作業者']?.enabled).toBe(true);
  });

  it('names every broken reference', async () => {
    await expect(
      applyStatus({
        states: {
          Open: {
            name: 'Opened',
            assignee: {
              type: 'ANY',
              entities: [
                { entity: { type: 'USER', code: 'zed' } },
                { entity: { type: 'GROUP', code: 'crew' } },
                { entity: { type: 'FIELD_ENTITY', code: 'title' } },
              ],
            },
          },
        },
        actions: [
          { name: 'Go', from: 'Open', to: 'Gone', filterCond: 'amount >' },
          { name: 'Go', from: 'Nowhere', to: 'Open' },
        ],
      }),
    ).rejects.toThrow(
      [
        'apps[0].status.states.Open.name: must equal its key "Open"',
        'apps[0].status.states.Open.assignee.entities[0].entity.code: unknown user "zed"',
        'apps[0].status.states.Open.assignee.entities[1].entity.code: unknown group "crew"',
        'apps[0].status.states.Open.assignee.entities[2].entity.code: "title" is not a ' +
          'created-by, updated-by or user field',
        'apps[0].status.actions[0].to: no state "Gone"',
      ].join('\n'),
    );
  });

  it('refuses an unknown key and an unknown assignee type', () => {
    expect(() =>
      parseSeed({ apps: [{ id: 1, name: 'x', status: { states: {}, enabled: true } }] }),
    ).toThrow(/apps\[0\]\.status.*enabled/s);
    expect(() =>
      parseSeed({
        apps: [
          {
            id: 1,
            name: 'x',
            status: { states: { A: { name: 'A', assignee: { type: 'SOME', entities: [] } } } },
          },
        ],
      }),
    ).toThrow(/apps\[0\]\.status\.states\.A\.assignee\.type/);
  });
});

describe('lookups in seed files', () => {
  it('names a lookup whose source app or fields do not exist', async () => {
    const seed = parseSeed({
      apps: [
        {
          id: 1,
          name: 'Deals',
          properties: {
            customer: {
              type: 'SINGLE_LINE_TEXT',
              code: 'customer',
              label: 'Customer',
              lookup: {
                relatedApp: { app: 2 },
                relatedKeyField: 'nope',
                fieldMappings: [{ field: 'copy', relatedField: 'name' }],
              },
            },
          },
        },
        {
          id: 2,
          name: 'Customers',
          properties: { name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name' } },
        },
      ],
    });
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    try {
      await expect(applySeed(store, seed, { now: new Date(), timeZone: 'UTC' })).rejects.toThrow(
        [
          'apps[id 1].properties.customer.lookup.relatedKeyField: no field "nope" in app 2',
          'apps[id 1].properties.customer.lookup.fieldMappings[0].field: no field "copy" in this app',
        ].join('\n'),
      );
    } finally {
      await store.close();
    }
  });
});
