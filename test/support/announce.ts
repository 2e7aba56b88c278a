import { DIALECTS, POSTGRES_URL } from './dialects.js';

/** Says once, before any test runs, which databases this run covers. */
export function setup(): void {
  const where = DIALECTS.map((d) => (d === 'postgres' ? `postgres (${POSTGRES_URL})` : d));
  process.stdout.write(`kintone-local tests on: ${where.join(', ')}\n`);
}
