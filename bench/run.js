// `npm run bench`: req/s and latency of GET /k/v1/record.json against a bare node:http server,
// a Fastify route, and a hand-written Fastify token check and record read, then kintone-local
// on SQLite and PostgreSQL with API-token, password and session authentication, two instances
// on one PostgreSQL store with each of the three, and pages of 500 records sought by id among
// 100,000 on each engine.
// A measurement, not a test: targets are reported as PASS or MISS and the exit code stays 0.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeRecord, runCase, runPairCase, sessionHeaders } from './lib/cases.js';
import { fillSeekApp } from './lib/bulk-records.js';
import {
  PASSWORD_HEADERS,
  RECORD_PATH,
  SEEK_PAGE,
  SEEK_RECORDS,
  SEEK_TOKEN,
  seekPath,
  TOKEN_HEADERS,
} from './lib/fixture.js';
import { readOptions } from './lib/options.js';
import { Report } from './lib/report.js';
import { postgresStore, sqliteStore } from './lib/stores.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.txt');

const options = readOptions();
const report = new Report();
const results = new Map();
const cleanups = [];
let interrupted = false;

// Ctrl-C reaches the children too; the parent still has to drop what it created, and a run cut
// short must not overwrite the last complete results.
process.once('SIGINT', async () => {
  interrupted = true;
  await cleanUp();
  process.exit(130);
});

try {
  report.machine({ ...options, path: RECORD_PATH });

  const sqlite = sqliteStore();
  cleanups.push(sqlite.drop);
  const sample = await probeRecord(sqlite.location);
  const bodyFile = path.join(sqlite.dir, 'record.json');
  writeFileSync(bodyFile, sample.body);
  report.line(`response  ${sample.body.length} bytes, ${sample.contentType}`);
  report.line();
  report.tableHeader();

  // The bare server ignores the token; it is sent so that every case sends the same request.
  await measureCase('bare', 'bare node:http', {
    script: 'serve-bare.js',
    args: [bodyFile, sample.contentType],
    headers: TOKEN_HEADERS,
  });
  await measureCase('fastify', 'Fastify route, no work', {
    script: 'serve-fastify.js',
    args: [bodyFile],
    headers: TOKEN_HEADERS,
  });
  await measureCase('reference', 'Fastify + token + read', {
    script: 'serve-reference.js',
    args: [bodyFile, path.join(sqlite.dir, 'reference.db')],
    headers: TOKEN_HEADERS,
  });
  await measureKintone('sqlite', 'SQLite', sqlite.location);
  await measurePostgres();

  report.summary(results);
  if (interrupted) throw new Error('interrupted');
  report.save(RESULTS_FILE);
  report.line();
  report.line(`written to ${path.relative(process.cwd(), RESULTS_FILE)}`);
} finally {
  await cleanUp();
}

async function measureCase(key, label, spec) {
  const figures = await runCase({ key, ...spec }, options);
  results.set(key, figures);
  report.result(label, figures);
}

async function measureKintone(key, label, location) {
  const server = { script: 'serve-kintone.js', args: [JSON.stringify(location)] };
  await measureCase(`${key}-token`, `${label} + API token`, { ...server, headers: TOKEN_HEADERS });
  await measureCase(`${key}-password`, `${label} + password`, {
    ...server,
    headers: PASSWORD_HEADERS,
  });
  await measureCase(`${key}-session`, `${label} + session`, { ...server, headers: sessionHeaders });

  // The store was seeded when its record was probed; the seek app is filled after that.
  await fillSeekApp(location);
  await measureCase(`${key}-seek`, `${label} seek 500 of 100k`, {
    ...server,
    headers: { 'x-cybozu-api-token': SEEK_TOKEN },
    nextPath: randomSeekPath,
    check: checkSeekPage,
  });
}

/** A page starting anywhere among the records, as every page of a full read would. */
function randomSeekPath() {
  return seekPath(Math.floor(Math.random() * (SEEK_RECORDS - SEEK_PAGE)));
}

function checkSeekPage(body) {
  const { records } = JSON.parse(body.toString('utf8'));
  if (records.length !== SEEK_PAGE) {
    throw new Error(`a seek page held ${records.length} records, not ${SEEK_PAGE}`);
  }
}

/**
 * Two instances on one PostgreSQL store, each taking half the connections; the session is
 * started on one and used on both.
 */
async function measureTwoInstances(location) {
  const server = { script: 'serve-kintone.js', args: [JSON.stringify(location)] };
  for (const [name, label, headers] of [
    ['token', 'API token', TOKEN_HEADERS],
    ['password', 'password', PASSWORD_HEADERS],
    ['session', 'session', sessionHeaders],
  ]) {
    const figures = await runPairCase({ ...server, headers }, options);
    results.set(`postgres2-${name}`, figures);
    report.result(`PostgreSQL ×2 + ${label}`, figures);
  }
}

/** PostgreSQL is optional: without a reachable database the SQLite figures still stand. */
async function measurePostgres() {
  const postgres = await postgresStore(options.postgresUrl);
  if (!postgres.store) {
    const where = withoutPassword(options.postgresUrl);
    report.line(`(PostgreSQL skipped: ${where}: ${postgres.reason})`);
    return;
  }
  cleanups.push(postgres.store.drop);
  try {
    await probeRecord(postgres.store.location);
    await measureKintone('postgres', 'PostgreSQL', postgres.store.location);
    await measureTwoInstances(postgres.store.location);
  } catch (error) {
    if (interrupted) throw error;
    report.line(`(PostgreSQL cases stopped: ${error instanceof Error ? error.message : error})`);
  }
}

async function cleanUp() {
  while (cleanups.length > 0) {
    const drop = cleanups.pop();
    await drop().catch((error) => console.error(`cleanup failed: ${error.message}`));
  }
}

function withoutPassword(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
