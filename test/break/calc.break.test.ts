/**
 * Break tests: calculated fields. An app administrator sets hostile formulas through the
 * preview settings and deploys them; records are then added and updated as a client would.
 * Every save must answer quickly, store "" for a formula with no value, and never take a
 * CALC value from the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { asAlice, expectKintoneError, fixtureSeed, jsonRequest } from './break-helpers.js';

const APP = 4;

/** The value a formula must give, from a number field `amount` of 7 and a text field. */
const FORMULAS: Array<[string, string, string]> = [
  ['a chain of powers past any range', '10^100^100^100', ''],
  ['a literal past the largest double', '1e308', ''],
  ['a 400-digit literal', '9'.repeat(400), ''],
  ['parentheses nested 99 deep', `${'('.repeat(99)}amount${')'.repeat(99)}`, '7'],
  ['parentheses nested 1500 deep', `${'('.repeat(1500)}1${')'.repeat(1500)}`, ''],
  ['a field code in Japanese', '数量 * 2', '6'],
  ['a field that is not there', 'missing + 1', ''],
  ['division by zero', 'amount / 0', ''],
  ['division by zero that IF avoids', 'IF(amount = 0, 0, 1 / (amount - 7))', ''],
  ['SUM of a text field', 'SUM(title)', ''],
  ['a joined text of 500 long titles', Array(500).fill('title').join(' & '), ''],
  ['a comparison of a joined text', `IF(${Array(500).fill('title').join('&')} = "x", 1, 2)`, '2'],
  ['a fractional power', '4 ^ 0.5', '1'],
  ['a sum of 400 thirds', `SUM(${Array(400).fill('1/3').join(',')})`, '133.3333'],
  ['a negative power of zero', '0 ^ -1', ''],
  // Raised in full, this power has 40,000 digits, and takes most of a second to refuse.
  ['a power of a 400-digit fraction', `(${'1'.repeat(399)}/${'3'.repeat(398)}7)^100`, ''],
  ['a negative power of a 400-digit fraction', `(${'1'.repeat(399)}/${'3'.repeat(398)}7)^-100`, ''],
];

describe.each(DIALECTS)('break: calculated fields [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const call = (method: string, path: string, body: unknown) =>
    jsonRequest(server.url, method, path, asAlice, body);
  const timed = async <T>(run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    expect(performance.now() - started).toBeLessThan(2000);
    return result;
  };
  const deploy = async () => {
    const response = await call('POST', '/k/v1/preview/app/deploy.json', { apps: [{ app: APP }] });
    expect(response.status, response.text).toBe(200);
  };
  const recordOf = async (id: string) =>
    (await call('GET', '/k/v1/record.json', { app: APP, id })).json.record;
  const countWhere = async (query: string) => {
    const response = await call('GET', '/k/v1/records.json', { app: APP, query, totalCount: true });
    expect(response.status, response.text).toBe(200);
    return Number(response.json.totalCount);
  };
  const previewRevision = async () =>
    (await call('GET', '/k/v1/preview/app/form/fields.json', { app: APP })).json.revision;

  beforeAll(async () => {
    const properties: Record<string, unknown> = {
      数量: { type: 'NUMBER', code: '数量', label: '数量' },
      self: { type: 'CALC', code: 'self', label: 'Self', expression: 'self + 1' },
      ping: { type: 'CALC', code: 'ping', label: 'Ping', expression: 'pong + 1' },
      pong: { type: 'CALC', code: 'pong', label: 'Pong', expression: 'ping + 1' },
      total: { type: 'CALC', code: 'total', label: 'Total', expression: 'amount * 3' },
    };
    for (const [i, [, expression]] of FORMULAS.entries()) {
      properties[`f${i}`] = { type: 'CALC', code: `f${i}`, label: `f${i}`, expression };
    }
    const added = await call('POST', '/k/v1/preview/app/form/fields.json', {
      app: APP,
      properties,
    });
    expect(added.status, added.text).toBe(200);
    await deploy();
  });

  const hostileRecord = (title: string) => ({
    title: { value: title },
    amount: { value: '7' },
    数量: { value: '3' },
  });

  it('saves one record with every hostile formula, each with its documented value', async () => {
    const added = await timed(() =>
      call('POST', '/k/v1/record.json', { app: APP, record: hostileRecord('x'.repeat(1000)) }),
    );
    expect(added.status, added.text).toBe(200);

    const record = await recordOf(added.json.id);
    for (const [i, [name, , expected]] of FORMULAS.entries()) {
      expect(record[`f${i}`], name).toEqual({ type: 'CALC', value: expected });
    }
    expect(record.self.value).toBe('');
    expect([record.ping.value, record.pong.value]).toEqual(['', '']);
    expect(record.total.value).toBe('21');
  });

  it('saves 100 records in one call, and in a bulk request, within the time bound', async () => {
    const records = Array.from({ length: 100 }, (_, i) => hostileRecord(`bulk ${i}`));
    const bulk = await timed(() => call('POST', '/k/v1/records.json', { app: APP, records }));
    expect(bulk.status, bulk.text).toBe(200);
    expect(bulk.json.ids).toHaveLength(100);

    const requests = [
      { method: 'POST', api: '/k/v1/records.json', payload: { app: APP, records } },
      {
        method: 'PUT',
        api: '/k/v1/records.json',
        payload: {
          app: APP,
          records: bulk.json.ids.map((id: string) => ({ id, record: { amount: { value: '2' } } })),
        },
      },
    ];
    const batch = await timed(() => call('POST', '/k/v1/bulkRequest.json', { requests }));
    expect(batch.status, batch.text).toBe(200);
    expect((await recordOf(bulk.json.ids[0])).total.value).toBe('6');
  });

  it('still answers queries on a calculated field', async () => {
    expect(await countWhere('total > 20')).toBeGreaterThanOrEqual(101);
    expect(await countWhere('total = 6')).toBe(100);
    expect(await countWhere('self > 0')).toBe(0);
    expect(await countWhere('self = ""')).toBeGreaterThan(200);
  });

  it('ignores a CALC value the client sends, on add and on update', async () => {
    const added = await call('POST', '/k/v1/record.json', {
      app: APP,
      record: { ...hostileRecord('forged'), total: { value: '999999' } },
    });
    expect(added.status, added.text).toBe(200);
    expect((await recordOf(added.json.id)).total.value).toBe('21');

    const updated = await call('PUT', '/k/v1/record.json', {
      app: APP,
      id: added.json.id,
      record: { total: { value: '-1' }, f0: { value: '5' } },
    });
    expect(updated.status, updated.text).toBe(200);
    const record = await recordOf(added.json.id);
    expect([record.total.value, record.f0.value]).toEqual(['21', '']);
  });

  describe('a formula the settings refuse, leaving the preview as it was', () => {
    it.each([
      ['an object', {}],
      ['a number', 12],
      ['a list', ['amount']],
      ['a formula of a million characters', Array(250_000).fill('1').join(' + ')],
    ])('refuses %s as the expression', async (name, expression) => {
      const code = `bad_${name.replaceAll(' ', '_')}`;
      const before = await previewRevision();
      const response = await timed(() =>
        call('POST', '/k/v1/preview/app/form/fields.json', {
          app: APP,
          properties: { [code]: { type: 'CALC', code, label: 'Bad', expression } },
        }),
      );
      expectKintoneError(response, 'CB_VA01');
      expect(await previewRevision()).toBe(before);
    });

    it('refuses a format that is not a word Kintone knows', async () => {
      const response = await call('POST', '/k/v1/preview/app/form/fields.json', {
        app: APP,
        properties: { bad: { type: 'CALC', code: 'bad', label: 'Bad', format: { a: 1 } } },
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses a long formula when an existing field is changed to it', async () => {
      const response = await call('PUT', '/k/v1/preview/app/form/fields.json', {
        app: APP,
        properties: { total: { type: 'CALC', expression: 'amount + '.repeat(1000) + '1' } },
      });
      expectKintoneError(response, 'CB_VA01');
      const read = await call('GET', '/k/v1/preview/app/form/fields.json', { app: APP });
      expect(read.json.properties.total.expression).toBe('amount * 3');
    });
  });
});
