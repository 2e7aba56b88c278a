import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const APP = 5;

/** The fixture, plus an order app whose CALC fields multiply, add up a table and round. */
function seedWithOrders(): Seed {
  const seed = fixtureSeed();
  seed.apps.push({
    id: APP,
    name: 'Orders',
    code: '',
    description: '',
    properties: {
      title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
      price: { type: 'NUMBER', code: 'price', label: 'Price' },
      qty: { type: 'NUMBER', code: 'qty', label: 'Quantity' },
      calc: { type: 'CALC', code: 'calc', label: 'Subtotal', expression: 'price * qty' },
      items: {
        type: 'SUBTABLE',
        code: 'items',
        label: 'Items',
        fields: { extra: { type: 'NUMBER', code: 'extra', label: 'Extra' } },
      },
      total: {
        type: 'CALC',
        code: 'total',
        label: 'Total',
        expression: 'ROUND((calc + SUM(extra)) * 1.1)',
        format: 'NUMBER_DIGIT',
      },
    },
    records: [{ title: { value: 'seeded' }, price: { value: '10' }, qty: { value: '3' } }],
    apiTokens: [],
  });
  return seed;
}

describe.each(DIALECTS)('calculated fields through the official client [%s]', (dialect) => {
  let server: TestServer;
  let kintone: KintoneRestAPIClient;
  beforeAll(async () => {
    server = await startTestServer(dialect, seedWithOrders());
    kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
  });
  afterAll(() => server.close());

  const valuesOf = async (id: string) => {
    const { record } = await kintone.record.getRecord({ app: APP, id });
    return { calc: record.calc, total: record.total };
  };

  it('computes a seeded record', async () => {
    const { records } = await kintone.record.getRecords({ app: APP, query: 'title = "seeded"' });
    expect(records[0]!.calc).toEqual({ type: 'CALC', value: '30' });
    expect(records[0]!.total).toEqual({ type: 'CALC', value: '33' });
  });

  it('computes on add and recomputes on update, tables included', async () => {
    const { id } = await kintone.record.addRecord({
      app: APP,
      record: {
        price: { value: '30' },
        qty: { value: '5' },
        items: {
          value: [{ value: { extra: { value: '7' } } }, { value: { extra: { value: '' } } }],
        },
      },
    });
    expect(await valuesOf(id)).toEqual({
      calc: { type: 'CALC', value: '150' },
      total: { type: 'CALC', value: '173' },
    });

    await kintone.record.updateRecord({ app: APP, id, record: { qty: { value: '2' } } });
    expect(await valuesOf(id)).toEqual({
      calc: { type: 'CALC', value: '60' },
      total: { type: 'CALC', value: '74' },
    });

    await kintone.record.updateRecord({ app: APP, id, record: { items: { value: [] } } });
    expect((await valuesOf(id)).total).toEqual({ type: 'CALC', value: '66' });
  });

  it('ignores a CALC value the client sends, on add and on update', async () => {
    const { id } = await kintone.record.addRecord({
      app: APP,
      record: { price: { value: '2' }, qty: { value: '3' }, calc: { value: '999' } },
    });
    expect((await valuesOf(id)).calc).toEqual({ type: 'CALC', value: '6' });

    await kintone.record.updateRecord({ app: APP, id, record: { calc: { value: '999' } } });
    expect((await valuesOf(id)).calc).toEqual({ type: 'CALC', value: '6' });
  });

  it('computes records added and upserted in bulk', async () => {
    const { ids } = await kintone.record.addRecords({
      app: APP,
      records: [
        { title: { value: 'bulk-a' }, price: { value: '1.5' }, qty: { value: '4' } },
        { title: { value: 'bulk-b' }, price: { value: '10' }, qty: { value: '' } },
      ],
    });
    expect((await valuesOf(ids[0]!)).calc?.value).toBe('6');
    expect((await valuesOf(ids[1]!)).calc?.value).toBe('0');

    await kintone.record.updateRecords({
      app: APP,
      records: [{ id: ids[1]!, record: { qty: { value: '0.5' } } }],
    });
    expect((await valuesOf(ids[1]!)).calc?.value).toBe('5');
  });

  it('computes records written through bulkRequest', async () => {
    const { id } = await kintone.record.addRecord({
      app: APP,
      record: { price: { value: '4' }, qty: { value: '1' } },
    });
    const { results } = await kintone.bulkRequest({
      requests: [
        {
          method: 'POST',
          api: '/k/v1/record.json',
          payload: { app: APP, record: { price: { value: '7' }, qty: { value: '3' } } },
        },
        {
          method: 'PUT',
          api: '/k/v1/record.json',
          payload: { app: APP, id, record: { qty: { value: '10' } } },
        },
      ],
    });
    const added = (results[0] as { id: string }).id;
    expect((await valuesOf(added)).calc?.value).toBe('21');
    expect((await valuesOf(id)).calc?.value).toBe('40');
  });

  it('queries and orders by the stored value', async () => {
    for (const [price, qty] of [
      ['50', '1'],
      ['100', '3'],
      ['120', '1'],
      ['25', '5'],
    ]) {
      await kintone.record.addRecord({
        app: APP,
        record: { title: { value: 'ordered' }, price: { value: price! }, qty: { value: qty! } },
      });
    }

    const { records } = await kintone.record.getRecords({
      app: APP,
      query: 'title = "ordered" and calc > 100 order by calc desc',
      fields: ['calc'],
    });
    expect(records.map((record) => record.calc!.value)).toEqual(['300', '125', '120']);
  });

  // Last: it changes the app's precision for every later save.
  it("rounds to the number precision deployed, from each record's next save", async () => {
    const { id } = await kintone.record.addRecord({
      app: APP,
      record: { price: { value: '1.5' }, qty: { value: '3' } },
    });
    expect((await valuesOf(id)).calc).toEqual({ type: 'CALC', value: '4.5' });

    await kintone.app.updateAppSettings({
      app: APP,
      numberPrecision: { digits: '16', decimalPlaces: '0', roundingMode: 'UP' },
    });
    await kintone.app.deployApp({ apps: [{ app: APP }] });
    expect((await valuesOf(id)).calc).toEqual({ type: 'CALC', value: '4.5' });

    // Each number a formula reads is rounded first: 1.5 up to 2, times 3.
    await kintone.record.updateRecord({ app: APP, id, record: { title: { value: 'saved' } } });
    expect((await valuesOf(id)).calc).toEqual({ type: 'CALC', value: '6' });
    const added = await kintone.record.addRecord({
      app: APP,
      record: { price: { value: '0.2' }, qty: { value: '0.3' } },
    });
    expect((await valuesOf(added.id)).calc).toEqual({ type: 'CALC', value: '1' });
  });
});
