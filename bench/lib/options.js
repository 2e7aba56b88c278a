/** The knobs of a run, read from the environment once. */
export function readOptions(env = process.env) {
  return {
    seconds: positive(env.BENCH_SECONDS, 8, 'BENCH_SECONDS'),
    warmupSeconds: positive(env.BENCH_WARMUP_SECONDS, 2, 'BENCH_WARMUP_SECONDS'),
    connections: Math.round(positive(env.BENCH_CONNECTIONS, 50, 'BENCH_CONNECTIONS')),
    postgresUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test',
    // A folder for one V8 CPU profile per server child, to see where a case spends its time.
    cpuProfileDir: env.BENCH_CPU_PROF || null,
  };
}

function positive(raw, fallback, name) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}
