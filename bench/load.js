// `npm run load`: 100 connections of mixed reads and writes, with API-token, password and session
// authentication, against one kintone-local server. Reports req/s, latency, memory and every
// answer that is neither a success nor the documented 429; exits 1 when there was any.
//
//   npm run load -- --seconds 60 --warmup-seconds 5 --connections 100 --store sqlite|postgres
//                   [--json]
//
// The same load runs first as a warm-up, so that the server's heap after it (after a full
// collection) already holds what a running server keeps: compiled code, prepared statements,
// filled caches. What the heap grows by after that, over the measured load, is what a leak adds.
import { parseArgs } from 'node:util';
import { startChild } from './lib/children.js';
import { PASSWORD } from './lib/fixture.js';
import { runMixedLoad } from './lib/mixed-load.js';
import { postgresStore, sqliteStore } from './lib/stores.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    'warmup-seconds': { type: 'string', default: '5' },
    connections: { type: 'string', default: '100' },
    store: { type: 'string', default: 'sqlite' },
    json: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const warmupSeconds = Number(values['warmup-seconds']);
const connections = Number(values.connections);
if (!(seconds > 0) || !(warmupSeconds > 0)) {
  throw new Error('--seconds and --warmup-seconds must be positive');
}
if (!Number.isInteger(connections) || connections < 1) {
  throw new Error('--connections must be a positive integer');
}

const store = await openStore(values.store);
const server = await startChild('serve-kintone.js', [JSON.stringify(store.location)], {
  exposeGc: true,
});
let result;
try {
  const rssBefore = await server.rss();
  const load = (duration) =>
    runMixedLoad({ url: server.url, password: PASSWORD, connections, seconds: duration });
  const warmup = await load(warmupSeconds);
  const heapAfterWarmup = await server.heapAfterGc();
  const measured = await load(seconds);
  const heapAfter = await server.heapAfterGc();
  const rssAfter = await server.rss();
  result = {
    store: values.store,
    seconds,
    warmupSeconds,
    connections,
    ...measured,
    // Only its failures count: a wrong answer is wrong whenever it comes.
    warmupUnexpected: warmup.unexpected,
    warmupUnexpectedKinds: warmup.unexpectedKinds,
    rssBefore,
    rssAfter,
    heapAfterWarmup,
    heapAfter,
  };
} finally {
  await server.stop();
  await store.drop();
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const lines = [
    `kintone-local on ${result.store}, ${connections} connections for ${seconds} s ` +
      `after ${warmupSeconds} s of warm-up`,
    `requests     ${result.requests} (${result.requestsPerSecond.toFixed(0)} req/s)`,
    `latency      p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
    `answers      ${result.ok} ok, ${result.limited} 429 GAIA_TO04, ${result.unexpected} unexpected`,
    `server RSS   ${mb(result.rssBefore)} before, ${mb(result.rssAfter)} after`,
    `server heap  ${mb(result.heapAfterWarmup)} after warm-up, ${mb(result.heapAfter)} after ` +
      '(used, after a full collection)',
    '',
    'per case     ok / 429 / unexpected',
    ...Object.entries(result.byCase).map(
      ([name, c]) => `  ${name.padEnd(18)} ${c.ok} / ${c.limited} / ${c.unexpected}`,
    ),
    ...Object.entries(result.unexpectedKinds).map(([kind, n]) => `unexpected   ${kind} × ${n}`),
    ...Object.entries(result.warmupUnexpectedKinds).map(
      ([kind, n]) => `unexpected   ${kind} × ${n} (warm-up)`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exitCode = result.unexpected + result.warmupUnexpected > 0 ? 1 : 0;

async function openStore(kind) {
  if (kind === 'sqlite') return sqliteStore();
  if (kind !== 'postgres') throw new Error('--store is sqlite or postgres');
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const { store: opened, reason } = await postgresStore(url);
  if (!opened) throw new Error(`PostgreSQL is not reachable: ${reason}`);
  return opened;
}
