import path from 'node:path';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Schema } from '../schema.js';
import type { OpenDatabase, PreparedRead, RecordStorage } from './dialect.js';
import { InProcessChangeFeed } from '../change-feed.js';
import { sqliteRecordSql } from './record-sql.js';

const sqliteStorage: RecordStorage = {
  jsonType: 'text',
  binaryType: 'blob',
  autoIncrementType: 'integer',
  largestGeneratedKey: Number.MAX_SAFE_INTEGER,
  toJson: (value) => JSON.stringify(value),
  fromJson: (stored) => (typeof stored === 'string' ? JSON.parse(stored) : stored),
  supportsRowLocks: false,
};

/** Opens (creating if needed) the embedded database; `:memory:` for a throw-away store. */
export function openSqlite(location: string): OpenDatabase {
  if (location !== ':memory:') mkdirSync(path.dirname(location), { recursive: true });
  const connection = new Database(location);

  // WAL lets readers run beside the single writer; NORMAL sync is durable across process crashes
  // (a power loss may drop the last transactions, never corrupt). Foreign keys are off by default.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  connection.pragma('busy_timeout = 5000');

  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: connection }) });

  // Prepared reads use a connection of their own. The writer's transactions span awaits, and a
  // read on the writer's connection in between would see writes that may still roll back; a
  // second connection in WAL mode sees only committed data. An in-memory store has no second
  // connection to open, so it shares the one it has.
  const reader = location === ':memory:' ? connection : openReader(location);

  return {
    db,
    recordSql: sqliteRecordSql,
    storage: sqliteStorage,
    prepare<Row>(text: string): PreparedRead<Row> {
      // Rows come as arrays and are named here: better-sqlite3's own row objects look every
      // column name up again on each call, a cost the hottest reads pay on every request.
      const statement = reader.prepare(text).raw(true);
      const names = statement.columns().map((column) => column.name);
      return {
        first: async (parameters) => {
          const values = statement.get(...parameters) as unknown[] | undefined;
          return values && (namedRow(names, values) as Row);
        },
        all: async (parameters) =>
          (statement.all(...parameters) as unknown[][]).map(
            (values) => namedRow(names, values) as Row,
          ),
      };
    },
    // One connection writes, so transactions run one at a time anyway.
    writeTransactions: 1,
    // Another process on the same file is not told; its caches expire within their time limit.
    changes: new InProcessChangeFeed(),
    createSchemaIfMissing: async () => undefined,
    currentSchema: async () => undefined,
    async close() {
      await db.destroy();
      if (reader !== connection) reader.close();
    },
  };
}

function namedRow(names: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
  return row;
}

function openReader(location: string): Database.Database {
  const reader = new Database(location, { readonly: true });
  reader.pragma('busy_timeout = 5000');
  return reader;
}
