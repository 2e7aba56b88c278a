import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { firstCreatableSchema } from '../../src/store/dialects/postgres-schema.js';
import { openStore } from '../../src/store/store.js';
import { DIALECTS, POSTGRES_URL, TEST_RUN } from '../support/dialects.js';

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A URL as the README writes it: the schema named only by the connection's search_path. */
function urlWithSearchPath(searchPath: string): string {
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${searchPath}`);
  return url.toString();
}

describe('the schemas named by a search_path setting', () => {
  it('skips "$user" and pg_ schemas, keeps quoted names as written and folds the others', () => {
    expect(firstCreatableSchema('team_a')).toBe('team_a');
    expect(firstCreatableSchema('"$user", public')).toBe('public');
    expect(firstCreatableSchema('pg_temp, Team_B, other')).toBe('team_b');
    expect(firstCreatableSchema('"Team ""A"", Inc", public')).toBe('Team "A", Inc');
    expect(firstCreatableSchema('"$user"')).toBeUndefined();
    expect(firstCreatableSchema('')).toBeUndefined();
  });
});

describe.skipIf(!DIALECTS.includes('postgres'))('a store in a schema that does not exist', () => {
  const created: string[] = [];

  afterEach(async () => {
    await admin(async (client) => {
      for (const schema of created.splice(0)) {
        await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
      }
    });
  });

  const tablesIn = (schema: string) =>
    admin(async (client) => {
      const { rows } = await client.query<{ name: string }>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      );
      return rows.map((row) => row.name);
    });

  it('creates the schema of search_path, migrates into it and reopens it', async () => {
    const schema = `kl_team_${TEST_RUN}_${randomBytes(6).toString('hex')}`;
    created.push(schema);
    const url = urlWithSearchPath(schema);

    const store = await openStore({ kind: 'postgres', url });
    try {
      expect(await store.database.currentSchema()).toBe(schema);
      await store.users.create(
        {
          loginName: 'team-admin',
          displayName: 'Team admin',
          passwordHash: 'x',
          isAdmin: true,
          enabled: true,
        },
        '2026-01-01T00:00:00Z',
      );
    } finally {
      await store.close();
    }
    expect(await tablesIn(schema)).toEqual(
      expect.arrayContaining(['users', 'records', 'kintone_local_migrations']),
    );

    const reopened = await openStore({ kind: 'postgres', url });
    try {
      expect(await reopened.users.count()).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it('quotes a schema name that needs quoting', async () => {
    const schema = `kl-team-${TEST_RUN}-${randomBytes(6).toString('hex')}`;
    created.push(schema);

    const store = await openStore({ kind: 'postgres', url: urlWithSearchPath(`"${schema}"`) });
    try {
      expect(await store.database.currentSchema()).toBe(schema);
      expect(await store.users.count()).toBe(0);
    } finally {
      await store.close();
    }
    expect(await tablesIn(schema)).toContain('users');
  });
});
