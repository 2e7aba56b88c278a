import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';
import { createTestSchema, DIALECTS, POSTGRES_URL } from '../support/dialects.js';

/**
 * Other users of the same PostgreSQL database create and drop their own schemas while a store
 * starts (test runs, benchmarks, other deployments). The migrator lists every schema's tables
 * to find its own; a schema vanishing mid-listing must not stop the store from starting.
 */
describe.skipIf(!DIALECTS.includes('postgres'))('migrating beside schemas that come and go', () => {
  it('opens every store while unrelated schemas are created and dropped', async () => {
    const churn = new pg.Client({ connectionString: POSTGRES_URL });
    await churn.connect();
    let churning = true;
    const churner = (async () => {
      for (let i = 0; churning; i++) {
        const name = await createTestSchema('kl_churn');
        await churn.query(`CREATE TABLE ${name}.t (a integer, b text, c bigint)`);
        await churn.query(`DROP SCHEMA ${name} CASCADE`);
      }
    })();

    const failures: string[] = [];
    try {
      for (let round = 0; round < 8; round++) {
        const opened = await Promise.allSettled(
          Array.from({ length: 3 }, async () => {
            const schema = await createTestSchema('kl_test');
            const store = await openStore({ kind: 'postgres', url: POSTGRES_URL, schema });
            await store.close();
          }),
        );
        for (const result of opened) {
          if (result.status === 'rejected') failures.push(String(result.reason));
        }
      }
    } finally {
      churning = false;
      await churner;
      await churn.end();
    }

    expect(failures).toEqual([]);
  }, 60_000);
});
