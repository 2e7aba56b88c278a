import { afterAll, beforeAll, describe, expect } from 'vitest';

import { KintoneError } from '../../../src/errors/kintone-error.js';
import type { FieldProperties } from '../../../src/kintone/fields/types.js';
import {
  compileRecordQuery,
  type CompiledRecordQuery,
  type QueryContext,
} from '../../../src/kintone/query/index.js';
import {
  DIALECTS,
  insertRecords,
  openTestDatabase,
  selectIds,
  type DialectName,
  type StoredRecord,
  type TestDatabase,
} from './databases.js';
import { FIELDS, RECORDS, contextFor } from './fixture.js';

export const APP_ID = 7;

/** Another app's records share the table; no query may ever return them. */
const OTHER_APP_ID = 8;

export interface Harness {
  database(): TestDatabase;
  compile(query: string, overrides?: Partial<QueryContext>): CompiledRecordQuery;
  /** Ids in the order the query returns them. */
  ids(query: string, overrides?: Partial<QueryContext>): Promise<number[]>;
  /** Ids matching a condition, ascending. */
  matching(condition: string, overrides?: Partial<QueryContext>): Promise<number[]>;
}

export interface Fixture {
  fields: FieldProperties;
  records: readonly StoredRecord[];
}

const STANDARD_FIXTURE: Fixture = { fields: FIELDS, records: RECORDS };

/**
 * Runs `body` once per database, against the fixture records, as kysely's own suites loop
 * over their dialects.
 */
export function describeOnEachDatabase(
  title: string,
  body: (harness: Harness) => void,
  fixture: Fixture = STANDARD_FIXTURE,
): void {
  describe.each(DIALECTS)(`${title} [%s]`, (dialect: DialectName) => {
    let database: TestDatabase | undefined;

    beforeAll(async () => {
      database = await openTestDatabase(dialect);
      await insertRecords(database, APP_ID, fixture.records);
      await insertRecords(database, OTHER_APP_ID, fixture.records);
    });

    afterAll(async () => {
      await database?.close();
    });

    const opened = (): TestDatabase => {
      if (!database) throw new Error('the database is not open yet');
      return database;
    };
    const compile = (query: string, overrides?: Partial<QueryContext>) =>
      compileRecordQuery(query, {
        ...contextFor(opened().recordSql, { fields: fixture.fields }),
        ...overrides,
      });
    const ids = (query: string, overrides?: Partial<QueryContext>) =>
      selectIds(opened(), APP_ID, compile(query, overrides));
    const matching = (condition: string, overrides?: Partial<QueryContext>) =>
      ids(`${condition} order by $id asc limit 500`, overrides);

    body({ database: opened, compile, ids, matching });
  });
}

/** The KintoneError `action` throws; fails the test when it does not throw one. */
export function kintoneErrorOf(action: () => unknown): KintoneError {
  try {
    action();
  } catch (error) {
    if (error instanceof KintoneError) return error;
    throw error;
  }
  throw new Error('expected a KintoneError');
}

export function expectQueryError(action: () => unknown, message: string): void {
  const error = kintoneErrorOf(action);
  expect(error.code).toBe('CB_VA01');
  expect(error.errorsIn('en')?.query?.messages[0]).toContain(message);
}
