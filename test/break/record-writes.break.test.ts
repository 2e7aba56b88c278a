/**
 * Break tests: record writes. Wrong value shapes, unknown and system fields, huge values,
 * batch limits, revision edge values, concurrent writers, and all-or-nothing deletes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  addRecords,
  asFullToken,
  countWhere,
  expectKintoneError,
  expectNoServerFault,
  fixtureSeed,
  getRecord,
  jsonRequest,
  rawRequest,
  tally,
} from './break-helpers.js';

describe.each(DIALECTS)('break: record writes [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const call = (method: string, path: string, body: unknown) =>
    jsonRequest(server.url, method, path, asFullToken, body);
  const total = () => countWhere(server, '');

  describe('value shapes', () => {
    it.each([
      ['an object for a text field', { title: { value: { a: 1 } } }],
      ['an array for a text field', { title: { value: ['a'] } }],
      ['a bare string instead of {value}', { title: 'plain' }],
      ['null instead of {value}', { title: null }],
      ['a string for a check box', { title: { value: 't' }, tags: { value: 'red' } }],
      ['objects inside a check box', { title: { value: 't' }, tags: { value: [{ v: 'red' }] } }],
      ['a number for a creator', { title: { value: 't' }, 作成者: { value: 5 } }],
    ])('refuses %s with CB_IJ01 or CB_VA01 and writes nothing', async (_name, record) => {
      const before = await total();
      const response = await call('POST', '/k/v1/record.json', { app: 1, record });
      expectKintoneError(response, ['CB_IJ01', 'CB_VA01', 'GAIA_NO01']);
      expect(await total()).toBe(before);
    });

    it.each([
      ['a record that is an array', [{ title: { value: 'x' } }]],
      ['a record that is a string', 'title=x'],
      ['a record that is a number', 1],
    ])('refuses %s and writes nothing', async (_name, record) => {
      const before = await total();
      expectKintoneError(await call('POST', '/k/v1/record.json', { app: 1, record }), [
        'CB_IJ01',
        'CB_VA01',
      ]);
      expect(await total()).toBe(before);
    });

    it.each([
      ['not a number', 'abc'],
      ['NaN', 'NaN'],
      ['Infinity', 'Infinity'],
      ['hex', '0x10'],
      ['two points', '1.2.3'],
      ['full-width digits', '１２'],
    ])('refuses a NUMBER given as %s with CB_VA01', async (_name, amount) => {
      const response = await call('POST', '/k/v1/record.json', {
        app: 1,
        record: { title: { value: 'n' }, amount: { value: amount } },
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it.each([
      ['a date with month 13', 'due', '2024-13-01'],
      ['February 30th', 'due', '2024-02-30'],
      ['a datetime with hour 24', 'at', '2024-01-01T24:00:00Z'],
      ['a datetime offset of +25:00', 'at', '2024-01-01T00:00:00+25:00'],
      ['a year beyond 9999', 'at', '10000-01-01T00:00:00Z'],
      ['an option that does not exist', 'state', 'Maybe'],
    ])('refuses %s with CB_VA01', async (_name, field, value) => {
      const response = await call('POST', '/k/v1/record.json', {
        app: 1,
        record: { title: { value: 'd' }, [field]: { value } },
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it('ignores unknown field codes, including prototype names', async () => {
      const response = await call('POST', '/k/v1/record.json', {
        app: 1,
        record: JSON.parse(
          '{"title":{"value":"unknown fields"},"nope":{"value":"x"},' +
            '"__proto__":{"value":"x"},"constructor":{"value":"x"},"valueOf":{"value":"x"}}',
        ),
      });
      expect(response.status, response.text).toBe(200);
      const record = (await getRecord(server, response.json.id)).json.record;
      for (const code of ['nope', '__proto__', 'constructor', 'valueOf']) {
        expect(Object.hasOwn(record, code)).toBe(false);
      }
    });

    it('refuses updateKey.value given as an object with CB_VA01', async () => {
      const response = await call('PUT', '/k/v1/record.json', {
        app: 1,
        updateKey: { field: 'code', value: { nested: true } },
        record: {},
      });
      expectKintoneError(response, ['CB_VA01', 'CB_IJ01']);
      expect(response.text).not.toContain('[object Object]');
    });
  });

  describe('characters a database may refuse', () => {
    it.each([
      ['a NUL character', 'a\u0000b'],
      ['a lone high surrogate', '\ud800'],
      ['a lone low surrogate', 'x\udfffy'],
      [
        'every C0 control character',
        Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join(''),
      ],
    ])('stores or refuses a text value holding %s, never 500', async (_name, value) => {
      const response = await call('POST', '/k/v1/record.json', {
        app: 1,
        record: { title: { value: `nul-test ${value}` } },
      });
      expectNoServerFault(response);
      if (response.status === 200) {
        const stored = (await getRecord(server, response.json.id)).json.record.title.value;
        // JSON round trip: lone surrogates may come back as U+FFFD, NUL must survive.
        if (!/[\ud800-\udfff]/.test(value)) expect(stored).toBe(`nul-test ${value}`);
      }
    });

    it('updates a record with a NUL character without a 500', async () => {
      const [id] = await addRecords(server, [{ title: { value: 'to update with NUL' } }]);
      const response = await call('PUT', '/k/v1/record.json', {
        app: 1,
        id,
        record: { body: { value: 'line\u0000break' } },
      });
      expectNoServerFault(response);
    });

    it('answers an updateKey value holding a NUL character without a 500', async () => {
      const response = await call('PUT', '/k/v1/record.json', {
        app: 1,
        updateKey: { field: 'code', value: 'a\u0000b' },
        record: {},
      });
      expectKintoneError(response, ['GAIA_RE20', 'CB_VA01']);
    });
  });

  describe('sizes and counts', () => {
    it('refuses 101 records on add and writes none', async () => {
      const before = await total();
      const response = await call('POST', '/k/v1/records.json', {
        app: 1,
        records: Array.from({ length: 101 }, (_, i) => ({ title: { value: `r${i}` } })),
      });
      expectKintoneError(response, 'CB_VA01');
      expect(await total()).toBe(before);
    });

    it('refuses 101 records on update', async () => {
      const response = await call('PUT', '/k/v1/records.json', {
        app: 1,
        records: Array.from({ length: 101 }, () => ({ id: 1, record: {} })),
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses 101 ids on delete', async () => {
      const response = await call('DELETE', '/k/v1/records.json', {
        app: 1,
        ids: Array.from({ length: 101 }, (_, i) => i + 1),
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses an empty records array on add with CB_VA01 (was a 500)', async () => {
      const response = await call('POST', '/k/v1/records.json', { app: 1, records: [] });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses an empty records array on update with CB_VA01', async () => {
      const response = await call('PUT', '/k/v1/records.json', { app: 1, records: [] });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses an empty ids array on delete with CB_VA01 ("between 1 and 100")', async () => {
      const response = await call('DELETE', '/k/v1/records.json', { app: 1, ids: [] });
      expectKintoneError(response, 'CB_VA01');
    });

    it('refuses records given as an object with a huge numeric key', async () => {
      const response = await call('POST', '/k/v1/records.json', {
        app: 1,
        records: { '0': { title: { value: 'a' } }, '4294967294': { title: { value: 'b' } } },
      });
      expectKintoneError(response, 'CB_VA01');
    });

    it('stores a 1 MB text value and reads it back intact', async () => {
      const value = 'é'.repeat(1024 * 1024);
      const response = await call('POST', '/k/v1/record.json', {
        app: 1,
        record: { title: { value: 'big' }, body: { value } },
      });
      expect(response.status).toBe(200);
      const stored = (await getRecord(server, response.json.id)).json.record.body.value;
      expect(stored.length).toBe(value.length);
    });

    it('keeps a 5,000-digit number exact or refuses it, never 500', async () => {
      const digits = '9'.repeat(5000);
      const response = await call('POST', '/k/v1/record.json', {
        app: 1,
        record: { title: { value: 'huge number' }, amount: { value: digits } },
      });
      expectNoServerFault(response);
      const query = await jsonRequest(server.url, 'GET', '/k/v1/records.json', asFullToken, {
        app: 1,
        query: 'amount > 1000 order by amount desc limit 1',
      });
      expectNoServerFault(query);
    });
  });

  describe('revisions', () => {
    it.each([
      ['0', 0],
      ['-2', -2],
      ['1.5', 1.5],
      ['"abc"', 'abc'],
      ['an array', [1]],
      ['an object', { r: 1 }],
      ['true', true],
    ])('refuses revision %s with CB_VA01 and changes nothing', async (_name, revision) => {
      const [id] = await addRecords(server, [{ title: { value: 'rev target' } }]);
      const response = await call('PUT', '/k/v1/record.json', {
        app: 1,
        id,
        revision,
        record: { title: { value: 'changed' } },
      });
      expectKintoneError(response, 'CB_VA01');
      const record = (await getRecord(server, id!)).json.record;
      expect(record.$revision.value).toBe('1');
      expect(record.title.value).toBe('rev target');
    });

    it.each([
      ['-1 (a number)', -1],
      ['"-1" (a string)', '-1'],
      ['null', null],
    ])('treats revision %s as "skip the check"', async (_name, revision) => {
      const [id] = await addRecords(server, [{ title: { value: 'skip check' } }]);
      await call('PUT', '/k/v1/record.json', { app: 1, id, record: {} });
      const response = await call('PUT', '/k/v1/record.json', { app: 1, id, revision, record: {} });
      expect(response.status, response.text).toBe(200);
      expect(response.json.revision).toBe('3');
    });

    it('answers a stale revision with GAIA_CO02 and changes nothing', async () => {
      const [id] = await addRecords(server, [{ title: { value: 'stale' } }]);
      await call('PUT', '/k/v1/record.json', { app: 1, id, record: {} });
      const response = await call('PUT', '/k/v1/record.json', {
        app: 1,
        id,
        revision: 1,
        record: { title: { value: 'lost update' } },
      });
      expectKintoneError(response, 'GAIA_CO02');
      expect((await getRecord(server, id!)).json.record.title.value).toBe('stale');
    });
  });

  describe('concurrent writers', () => {
    it('lets exactly one of 30 same-revision updates win; the rest get GAIA_CO02', async () => {
      const [id] = await addRecords(server, [{ title: { value: 'race' } }]);
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          call('PUT', '/k/v1/record.json', {
            app: 1,
            id,
            revision: 1,
            record: { body: { value: `w${i}` } },
          }),
        ),
      );
      expect(tally(responses)).toEqual({ '200': 1, '409 GAIA_CO02': 29 });
      const winner = responses.find((r) => r.status === 200)!;
      expect(winner.json.revision).toBe('2');
      const record = (await getRecord(server, id!)).json.record;
      expect(record.$revision.value).toBe('2');
    });

    it('lets exactly one of 20 same-revision bulk updates win, all or nothing', async () => {
      const ids = await addRecords(server, [
        { title: { value: 'bulk a' } },
        { title: { value: 'bulk b' } },
      ]);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call('PUT', '/k/v1/records.json', {
            app: 1,
            records: ids.map((id) => ({ id, revision: 1, record: { body: { value: `b${i}` } } })),
          }),
        ),
      );
      expect(tally(responses)).toEqual({ '200': 1, '409 GAIA_CO02': 19 });
      const bodies = await Promise.all(ids.map((id) => getRecord(server, id)));
      expect(bodies.map((r) => r.json.record.$revision.value)).toEqual(['2', '2']);
      expect(new Set(bodies.map((r) => r.json.record.body.value)).size).toBe(1);
    });

    it('counts every one of 30 unchecked concurrent updates', async () => {
      const [id] = await addRecords(server, [{ title: { value: 'unchecked' } }]);
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          call('PUT', '/k/v1/record.json', { app: 1, id, record: { body: { value: `n${i}` } } }),
        ),
      );
      expect(tally(responses)).toEqual({ '200': 30 });
      expect((await getRecord(server, id!)).json.record.$revision.value).toBe('31');
    });

    it('survives bulk updates that lock the same records in opposite orders (PostgreSQL: deadlock 500)', async () => {
      const ids = await addRecords(
        server,
        Array.from({ length: 5 }, (_, i) => ({ title: { value: `deadlock ${i}` } })),
      );
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) => {
          const order = i % 2 === 0 ? [...ids] : [...ids].reverse();
          return call('PUT', '/k/v1/records.json', {
            app: 1,
            records: order.map((id) => ({ id, record: { body: { value: `d${i}` } } })),
          });
        }),
      );
      for (const response of responses) expectNoServerFault(response);
      const succeeded = responses.filter((r) => r.status === 200).length;
      expect(succeeded).toBe(12);
      const revisions = await Promise.all(ids.map((id) => getRecord(server, id)));
      expect(revisions.map((r) => r.json.record.$revision.value)).toEqual(
        ids.map(() => String(1 + succeeded)),
      );
    }, 60_000);

    it('survives deletes that lock the same records in opposite orders', async () => {
      const ids = await addRecords(
        server,
        Array.from({ length: 6 }, (_, i) => ({ title: { value: `del-deadlock ${i}` } })),
      );
      const responses = await Promise.all(
        Array.from({ length: 8 }, (_, i) => {
          const order = i % 2 === 0 ? [...ids] : [...ids].reverse();
          return Promise.all([
            call('PUT', '/k/v1/records.json', {
              app: 1,
              records: order.map((id) => ({ id, record: { body: { value: `x${i}` } } })),
            }),
            call('DELETE', '/k/v1/records.json', { app: 1, ids: [...order].reverse() }),
          ]);
        }),
      );
      for (const response of responses.flat()) expectNoServerFault(response);
      expect(await countWhere(server, `$id in (${ids.join(',')})`)).toBe(0);
    }, 60_000);

    it('hands out distinct ids to 40 concurrent adds', async () => {
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          call('POST', '/k/v1/records.json', {
            app: 1,
            records: [{ title: { value: `c${i}` } }, { title: { value: `d${i}` } }],
          }),
        ),
      );
      expect(tally(responses)).toEqual({ '200': 40 });
      const ids = responses.flatMap((r) => r.json.ids as string[]);
      expect(new Set(ids).size).toBe(80);
    });

    it('keeps a "prohibit duplicate values" field unique under 20 concurrent adds', async () => {
      const responses = await Promise.all(
        Array.from({ length: 20 }, () =>
          call('POST', '/k/v1/record.json', {
            app: 1,
            record: { title: { value: 'unique race' }, code: { value: 'RACE-UNIQUE' } },
          }),
        ),
      );
      for (const response of responses) expectNoServerFault(response);
      expect(tally(responses)).toEqual({ '200': 1, '400 CB_VA01': 19 });
      expect(await countWhere(server, 'code = "RACE-UNIQUE"')).toBe(1);
    });

    it('keeps an upsert key unique under 10 concurrent upserts', async () => {
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          call('PUT', '/k/v1/records.json', {
            app: 1,
            upsert: true,
            records: [
              {
                updateKey: { field: 'code', value: 'UPSERT-RACE' },
                record: { title: { value: 'u' } },
              },
            ],
          }),
        ),
      );
      for (const response of responses) expectNoServerFault(response);
      expect(await countWhere(server, 'code = "UPSERT-RACE"')).toBe(1);
    });
  });

  describe('deletes are all or nothing', () => {
    it('deletes nothing when one revision of several is stale', async () => {
      const ids = await addRecords(server, [
        { title: { value: 'keep 1' } },
        { title: { value: 'keep 2' } },
      ]);
      const response = await call('DELETE', '/k/v1/records.json', {
        app: 1,
        ids,
        revisions: [1, 99],
      });
      expectKintoneError(response, 'GAIA_CO02');
      expect(await countWhere(server, `$id in (${ids.join(',')})`)).toBe(2);
    });

    it('deletes nothing when one id of several does not exist', async () => {
      const ids = await addRecords(server, [{ title: { value: 'keep 3' } }]);
      const response = await call('DELETE', '/k/v1/records.json', {
        app: 1,
        ids: [...ids, 999999],
      });
      expectKintoneError(response, 'GAIA_RE01');
      expect(await countWhere(server, `$id in (${ids.join(',')})`)).toBe(1);
    });

    it('deletes nothing when a later id is malformed', async () => {
      const ids = await addRecords(server, [{ title: { value: 'keep 4' } }]);
      const response = await call('DELETE', '/k/v1/records.json', { app: 1, ids: [...ids, 'x'] });
      expectKintoneError(response, 'CB_VA01');
      expect(await countWhere(server, `$id in (${ids.join(',')})`)).toBe(1);
    });

    it('deletes nothing when more revisions than ids are given', async () => {
      const ids = await addRecords(server, [{ title: { value: 'keep 5' } }]);
      const response = await call('DELETE', '/k/v1/records.json', {
        app: 1,
        ids,
        revisions: [1, 1],
      });
      expectKintoneError(response, 'CB_VA01');
      expect(await countWhere(server, `$id in (${ids.join(',')})`)).toBe(1);
    });

    it('deletes nothing when a record of another app is named', async () => {
      const ids = await addRecords(server, [{ title: { value: 'keep 6' } }]);
      const response = await rawRequest(server.url, {
        method: 'DELETE',
        path: `/k/v1/records.json?app=4&ids[0]=${ids[0]}`,
        headers: asFullToken,
      });
      expectKintoneError(response, 'GAIA_AP15');
      expect(await countWhere(server, `$id in (${ids.join(',')})`)).toBe(1);
    });

    it('does not answer "not found" for a record named twice in one delete', async () => {
      const ids = await addRecords(server, [{ title: { value: 'twice' } }]);
      const response = await call('DELETE', '/k/v1/records.json', {
        app: 1,
        ids: [ids[0], ids[0]],
      });
      if (response.status === 200) {
        expect(await countWhere(server, `$id = ${ids[0]}`)).toBe(0);
      } else {
        expectKintoneError(response, 'CB_VA01');
        expect(await countWhere(server, `$id = ${ids[0]}`)).toBe(1);
      }
    });

    it('updates nothing when one record of a bulk update is invalid', async () => {
      const ids = await addRecords(server, [
        { title: { value: 'bulk keep a' } },
        { title: { value: 'bulk keep b' } },
      ]);
      const response = await call('PUT', '/k/v1/records.json', {
        app: 1,
        records: [
          { id: ids[0], record: { title: { value: 'bulk changed' } } },
          { id: ids[1], record: { amount: { value: 'not a number' } } },
        ],
      });
      expectKintoneError(response, 'CB_VA01');
      expect((await getRecord(server, ids[0]!)).json.record.title.value).toBe('bulk keep a');
    });
  });
});
