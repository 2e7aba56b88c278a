import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, fixtureToken, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CUSTOMERS_TOKEN = fixtureToken('customers');
const DEALS_TOKEN = fixtureToken('deals');

/** The fixture plus a customer app (9) and a deal app (10) that looks customers up. */
function lookupSeed(): Seed {
  const seed = fixtureSeed();
  seed.apps.push(
    {
      id: 9,
      name: 'Customers',
      code: '',
      description: '',
      properties: {
        customerCode: {
          type: 'SINGLE_LINE_TEXT',
          code: 'customerCode',
          label: 'Code',
          unique: true,
        },
        name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name' },
        rank: { type: 'NUMBER', code: 'rank', label: 'Rank' },
      },
      records: [
        { customerCode: { value: 'C-1' }, name: { value: 'Acme' }, rank: { value: '3' } },
        { customerCode: { value: 'C-2' }, name: { value: 'Globex' }, rank: { value: '7' } },
      ],
      apiTokens: [{ token: CUSTOMERS_TOKEN, permissions: ['view'], note: '' }],
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
            fieldMappings: [
              { field: 'customerName', relatedField: 'name' },
              { field: 'customerRank', relatedField: 'rank' },
            ],
            lookupPickerFields: ['customerCode', 'name'],
            filterCond: '',
            sort: 'レコード番号 desc',
          },
        },
        customerName: { type: 'SINGLE_LINE_TEXT', code: 'customerName', label: 'Customer name' },
        customerRank: { type: 'NUMBER', code: 'customerRank', label: 'Customer rank' },
      },
      records: [],
      apiTokens: [{ token: DEALS_TOKEN, permissions: ['view', 'add', 'edit'], note: '' }],
    },
  );
  return seed;
}

describe.each(DIALECTS)('lookups [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, lookupSeed());
  });
  afterAll(() => server.close());

  const withTokens = (...tokens: string[]) =>
    new KintoneRestAPIClient({ baseUrl: server.url, auth: { apiToken: tokens } });

  it('copies the mapped fields from the source record on add and update', async () => {
    const kintone = withTokens(DEALS_TOKEN, CUSTOMERS_TOKEN);
    const { id } = await kintone.record.addRecord({
      app: 10,
      record: { customer: { value: 'C-1' } },
    });
    let { record } = await kintone.record.getRecord({ app: 10, id });
    expect([record.customerName?.value, record.customerRank?.value]).toEqual(['Acme', '3']);

    await kintone.record.updateRecord({ app: 10, id, record: { customer: { value: 'C-2' } } });
    ({ record } = await kintone.record.getRecord({ app: 10, id }));
    expect([record.customerName?.value, record.customerRank?.value]).toEqual(['Globex', '7']);

    await kintone.record.updateRecord({ app: 10, id, record: { customer: { value: '' } } });
    ({ record } = await kintone.record.getRecord({ app: 10, id }));
    expect([record.customerName?.value, record.customerRank?.value]).toEqual(['', '']);

    const { properties } = await kintone.app.getFormFields({ app: 10 });
    expect(properties.customer).toMatchObject({ lookup: { relatedApp: { app: '9' } } });
  });

  it('refuses a key no source record has, and a token set without the source app', async () => {
    const missing = await clientFailure(
      withTokens(DEALS_TOKEN, CUSTOMERS_TOKEN).record.addRecord({
        app: 10,
        record: { customer: { value: 'C-404' } },
      }),
    );
    expect([missing.status, missing.code]).toEqual([400, 'GAIA_LO04']);
    expect(missing.message).toContain(
      'A value C-404 in the field customer does not exist in the datasource app for lookup',
    );
    expect(missing.errors).toBeUndefined();

    const noSourceToken = await clientFailure(
      withTokens(DEALS_TOKEN).record.addRecord({ app: 10, record: { customer: { value: 'C-1' } } }),
    );
    expect(noSourceToken.code).toBe('GAIA_LO04');

    const alice = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
    const ok = await alice.record.addRecord({ app: 10, record: { customer: { value: 'C-2' } } });
    const { record } = await alice.record.getRecord({ app: 10, id: ok.id });
    expect(record.customerName?.value).toBe('Globex');
  });

  it('looks up inside multi-record updates and bulk requests, in their transaction', async () => {
    const kintone = withTokens(DEALS_TOKEN, CUSTOMERS_TOKEN);
    const { ids } = await kintone.record.addRecords({
      app: 10,
      records: [{ customer: { value: 'C-1' } }, { customer: { value: 'C-1' } }],
    });
    await kintone.record.updateRecords({
      app: 10,
      records: ids.map((id) => ({ id, record: { customer: { value: 'C-2' } } })),
    });
    await kintone.bulkRequest({
      requests: [
        {
          method: 'PUT',
          api: '/k/v1/record.json',
          payload: { app: 10, id: ids[0], record: { customer: { value: 'C-1' } } },
        },
      ],
    });
    const { records } = await kintone.record.getRecords({
      app: 10,
      query: `$id in (${ids.join(', ')}) order by $id asc`,
    });
    expect(records.map((r) => r.customerName?.value)).toEqual(['Acme', 'Globex']);
  });
});
