// The hand-written lower bound for one authenticated read:
// `node bench/serve-reference.js <body file> <database file>` is a Fastify route that looks the
// API token's SHA-256 digest up and reads the record through prepared better-sqlite3
// statements, then answers with the record kintone-local returned, and nothing else: no
// permission, path or field checks, no Kintone errors beyond a bare 401. kintone-local does
// everything this does and all that it leaves out, so the ratio between the two says what
// Kintone's semantics cost on this machine, which the ratios against bare node:http cannot.
// Prints {"port":N}; stops when stdin closes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { serveUntilStdinCloses } from './lib/child-side.js';
import { TOKEN } from './lib/fixture.js';

const body = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const database = new Database(process.argv[3]);

// The same journal mode as kintone-local's store, so both pay the same read locks.
database.pragma('journal_mode = WAL');
database.exec(`
  create table if not exists tokens (digest text primary key, app integer not null);
  create table if not exists records (
    app integer not null, id integer not null, record text not null, primary key (app, id)
  );
`);
database.prepare('insert or replace into tokens values (?, 1)').run(sha256(TOKEN));
database
  .prepare('insert or replace into records values (1, 1, ?)')
  .run(JSON.stringify(body.record));

const findToken = database.prepare('select app from tokens where digest = ?');
const findRecord = database.prepare('select record from records where app = ? and id = ?');

const app = Fastify({ logger: false });
app.get('/k/v1/record.json', async (request, reply) => {
  const token = findToken.get(sha256(String(request.headers['x-cybozu-api-token'])));
  const appId = Number(request.query.app);
  if (token?.app !== appId) return reply.code(401).send({ code: 'CB_AU01' });

  const row = findRecord.get(appId, Number(request.query.id));
  if (!row) return reply.code(404).send({ code: 'GAIA_RE01' });
  return { record: JSON.parse(row.record) };
});
await app.listen({ port: 0, host: '127.0.0.1' });

serveUntilStdinCloses(app.server.address().port, async () => {
  await app.close();
  database.close();
});

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}
