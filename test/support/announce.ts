import { randomBytes } from 'node:crypto';
import { DIALECTS, dropTestSchemas, POSTGRES_URL } from './dialects.js';

/**
 * Runs once around the whole test run: names the run, so every PostgreSQL schema it creates
 * carries the name, says which databases it covers, and drops the run's schemas at the end.
 */
export function setup(): () => Promise<void> {
  const run = randomBytes(4).toString('hex');
  process.env.KL_TEST_RUN = run;

  const where = DIALECTS.map((d) => (d === 'postgres' ? `postgres (${POSTGRES_URL})` : d));
  process.stdout.write(`kintone-local tests on: ${where.join(', ')}\n`);

  return async () => {
    if (DIALECTS.includes('postgres')) await dropTestSchemas(run);
  };
}
