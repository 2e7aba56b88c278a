import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, fixtureToken } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const ORDERS_TOKEN = fixtureToken('ordersapp');

/** The fixture plus app 8, orders with a table of items. */
function ordersSeed(): Seed {
  const seed = fixtureSeed();
  seed.apps.push({
    id: 8,
    name: 'Orders',
    code: '',
    description: '',
    properties: {
      customer: { type: 'SINGLE_LINE_TEXT', code: 'customer', label: 'Customer' },
      items: {
        type: 'SUBTABLE',
        code: 'items',
        label: 'Items',
        fields: {
          item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item', required: true },
          qty: { type: 'NUMBER', code: 'qty', label: 'Qty', defaultValue: '1' },
          colors: {
            type: 'CHECK_BOX',
            code: 'colors',
            label: 'Colors',
            options: { red: { label: 'red', index: '0' }, blue: { label: 'blue', index: '1' } },
          },
          buyer: { type: 'USER_SELECT', code: 'buyer', label: 'Buyer' },
        },
      },
    },
    records: [
      {
        customer: { value: 'Seeded' },
        items: { value: [{ value: { item: { value: 'pear' }, colors: { value: ['blue'] } } }] },
      },
    ],
    apiTokens: [{ token: ORDERS_TOKEN, permissions: ['view', 'add', 'edit'], note: '' }],
  });
  return seed;
}

type Rows = Array<{ id: string; value: Record<string, { type: string; value: unknown }> }>;

describe.each(DIALECTS)('tables (SUBTABLE) [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, ordersSeed());
  });
  afterAll(() => server.close());

  const client = () =>
    new KintoneRestAPIClient({ baseUrl: server.url, auth: { apiToken: ORDERS_TOKEN } });

  it("adds rows with ids and defaults, and reads them in Kintone's shape", async () => {
    const kintone = client();
    const { id } = await kintone.record.addRecord({
      app: 8,
      record: {
        customer: { value: 'Ann' },
        items: {
          value: [
            {
              value: {
                item: { value: 'apple' },
                qty: { value: '3' },
                buyer: { value: [{ code: 'bob' }] },
              },
            },
            { value: { item: { value: 'plum' }, colors: { value: ['red'] } } },
          ],
        },
      },
    });
    const { record } = await kintone.record.getRecord({ app: 8, id });
    const rows = record.items?.value as Rows;
    expect(record.items?.type).toBe('SUBTABLE');
    expect(rows.map((row) => row.id)).toEqual([
      expect.stringMatching(/^\d+$/),
      expect.stringMatching(/^\d+$/),
    ]);
    expect(rows[0]!.id).not.toBe(rows[1]!.id);
    expect(rows[0]!.value).toEqual({
      item: { type: 'SINGLE_LINE_TEXT', value: 'apple' },
      qty: { type: 'NUMBER', value: '3' },
      colors: { type: 'CHECK_BOX', value: [] },
      buyer: { type: 'USER_SELECT', value: [{ code: 'bob', name: 'Bob' }] },
    });
    expect(rows[1]!.value.qty).toEqual({ type: 'NUMBER', value: '1' });

    const { properties } = await kintone.app.getFormFields({ app: 8 });
    expect(properties.items).toMatchObject({
      type: 'SUBTABLE',
      code: 'items',
      fields: { qty: { type: 'NUMBER' } },
    });
    const { layout } = await kintone.app.getFormLayout({ app: 8 });
    expect(layout[1]).toEqual({
      type: 'SUBTABLE',
      code: 'items',
      fields: [
        { type: 'SINGLE_LINE_TEXT', code: 'item', size: {} },
        { type: 'NUMBER', code: 'qty', size: {} },
        { type: 'CHECK_BOX', code: 'colors', size: {} },
        { type: 'USER_SELECT', code: 'buyer', size: {} },
      ],
    });
  });

  it('replaces the rows on update: known ids are kept, other rows get new ids', async () => {
    const kintone = client();
    const { id } = await kintone.record.addRecord({
      app: 8,
      record: {
        items: {
          value: [{ value: { item: { value: 'a' } } }, { value: { item: { value: 'b' } } }],
        },
      },
    });
    const before = (await kintone.record.getRecord({ app: 8, id })).record.items?.value as Rows;
    const [first, second] = before;

    await kintone.record.updateRecord({
      app: 8,
      id,
      record: {
        items: {
          value: [
            { id: second!.id, value: { qty: { value: '9' } } },
            { id: '999999', value: { item: { value: 'c' } } },
            { value: { item: { value: 'd' } } },
          ],
        },
      },
    });
    const after = (await kintone.record.getRecord({ app: 8, id })).record.items?.value as Rows;
    expect(after.map((row) => row.value.item?.value)).toEqual(['b', 'c', 'd']);
    expect(after[0]!.id).toBe(second!.id);
    expect(after[0]!.value.qty?.value).toBe('9');
    const ids = after.map((row) => row.id);
    expect(ids).not.toContain('999999');
    expect(ids).not.toContain(first!.id);
    expect(new Set(ids).size).toBe(3);
  });

  it('keys errors by row and field, in single and multi-record writes', async () => {
    const kintone = client();
    const single = await clientFailure(
      kintone.record.addRecord({
        app: 8,
        record: {
          items: {
            value: [
              { value: { item: { value: 'ok' }, colors: { value: ['green'] } } },
              { value: { qty: { value: '2' }, buyer: { value: [{ code: 'nobody' }] } } },
            ],
          },
        },
      }),
    );
    expect(single.code).toBe('CB_VA01');
    expect(single.errors).toEqual({
      'record.items.value[0].value.colors.values[0].value': {
        messages: ['The value, "green", is not in options.'],
      },
      'record.items.value[1].value.item.value': { messages: ['Required.'] },
    });

    const people = await clientFailure(
      kintone.record.addRecord({
        app: 8,
        record: {
          items: {
            value: [{ value: { item: { value: 'x' }, buyer: { value: [{ code: 'nobody' }] } } }],
          },
        },
      }),
    );
    expect(people.errors).toEqual({
      'record.items.value[0].value.buyer.values.value': {
        messages: ['The user (nobody) not found.'],
      },
    });

    const multi = await clientFailure(
      kintone.record.addRecords({
        app: 8,
        records: [{}, { items: { value: [{ value: {} }] } }],
      }),
    );
    expect(multi.errors).toEqual({
      'records[1].items.value[0].value.item.value': { messages: ['Required.'] },
    });

    const shape = await clientFailure(
      kintone.record.addRecord({ app: 8, record: { items: { value: 'rows' } } }),
    );
    expect(shape.code).toBe('CB_IJ01');
  });

  it('queries fields in tables with in and not in, and refuses =', async () => {
    const kintone = client();
    const pears = await kintone.record.getRecords({
      app: 8,
      query: 'item in ("pear")',
      fields: ['customer'],
    });
    expect(pears.records.map((r) => r.customer?.value)).toEqual(['Seeded']);

    const red = await kintone.record.getRecords({
      app: 8,
      query: 'colors in ("red")',
      fields: ['customer'],
    });
    expect(red.records.map((r) => r.customer?.value)).toEqual(['Ann']);

    const noApples = await kintone.record.getRecords({
      app: 8,
      query: 'item not in ("apple") and customer != ""',
      fields: ['customer'],
    });
    expect(noApples.records.map((r) => r.customer?.value)).toEqual(['Seeded']);

    const equals = await clientFailure(
      kintone.record.getRecords({ app: 8, query: 'item = "pear"' }),
    );
    expect([equals.status, equals.code]).toEqual([400, 'GAIA_IQ07']);
  });
});
