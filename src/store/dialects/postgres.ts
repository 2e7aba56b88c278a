import pg from 'pg';
import { Kysely } from 'kysely';
import type { Schema } from '../schema.js';
import { SchemaScopedPostgresDialect } from './postgres-introspector.js';
import type { OpenDatabase, PreparedRead, RecordStorage } from './dialect.js';
import { PostgresChangeFeed } from './postgres-change-feed.js';
import { createSearchPathSchema } from './postgres-schema.js';
import { postgresRecordSql } from './record-sql.js';

const postgresStorage: RecordStorage = {
  jsonType: 'jsonb',
  binaryType: 'bytea',
  autoIncrementType: 'serial',
  largestGeneratedKey: 2_147_483_647,
  // pg serialises objects itself, but an array would become a PostgreSQL array literal.
  toJson: (value) => JSON.stringify(value),
  fromJson: (stored) => (typeof stored === 'string' ? JSON.parse(stored) : stored),
  supportsRowLocks: true,
};

const POOL_SIZE = 10;

/** Connects a pool; `schema` (optional) isolates a store inside one database, as tests do. */
export function openPostgres(connectionString: string, schema?: string): OpenDatabase {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: POOL_SIZE,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  let statementCounter = 0;
  const db = new Kysely<Schema>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
  const currentSchema = async () => {
    const result = await pool.query<{ schema: string }>('SELECT current_schema() AS schema');
    return result.rows[0]?.schema;
  };
  const changes = new PostgresChangeFeed(pool, connectionString, currentSchema);

  return {
    db,
    recordSql: postgresRecordSql,
    storage: postgresStorage,
    prepare<Row>(text: string): PreparedRead<Row> {
      // Named statements are parsed once per connection and reused by the server after that.
      const name = `kl_${++statementCounter}`;
      let position = 0;
      const numbered = text.replace(/\?/g, () => `$${++position}`);
      return {
        first: async (parameters) => {
          const result = await pool.query({ name, text: numbered, values: [...parameters] });
          return result.rows[0] as Row | undefined;
        },
        all: async (parameters) => {
          const result = await pool.query({ name, text: numbered, values: [...parameters] });
          return result.rows as Row[];
        },
      };
    },
    // Half the pool: each open write may read through one more connection, and plain reads
    // still find one free.
    writeTransactions: POOL_SIZE / 2,
    changes,
    createSchemaIfMissing: () => createSearchPathSchema(pool),
    currentSchema,
    async close() {
      await changes.close();
      await db.destroy();
    },
  };
}
