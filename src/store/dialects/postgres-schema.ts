import type pg from 'pg';

/** What PostgreSQL answers for a duplicate schema when two creators race past IF NOT EXISTS. */
const RACED_CODES = new Set(['23505', '42P06']);

/**
 * Creates the schema the connection's search_path names when none of its schemas exists yet.
 *
 * A URL with `options=-c search_path=team_a` asks for a store of its own in one database, and
 * PostgreSQL creates no schema for it: every table would fail with "no schema has been selected
 * to create in". Creating it first makes the README's recipe work on a fresh database.
 */
export async function createSearchPathSchema(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ current: string | null; path: string }>(
    "SELECT current_schema() AS current, current_setting('search_path') AS path",
  );
  const row = rows[0];
  if (!row || row.current !== null) return;

  const schema = firstCreatableSchema(row.path);
  if (schema === undefined) {
    throw new Error(
      `The PostgreSQL search_path (${row.path}) names no schema to keep the store in: ` +
        'add one to the URL, as in ?options=-c%20search_path%3Dteam_a.',
    );
  }
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
  } catch (error) {
    if (RACED_CODES.has((error as { code?: string }).code ?? '')) return;
    throw new Error(
      `Could not create the PostgreSQL schema "${schema}" named by search_path ` +
        `(${error instanceof Error ? error.message : String(error)}): ` +
        `create it with CREATE SCHEMA ${quoteIdentifier(schema)}, or give the store's user ` +
        'the CREATE privilege on the database.',
      { cause: error },
    );
  }
}

/**
 * The first schema of a search_path setting that a user may create: "$user" and the system's
 * own pg_ schemas are skipped. Unquoted names fold to lower case, as PostgreSQL folds them.
 */
export function firstCreatableSchema(searchPath: string): string | undefined {
  for (const entry of splitSearchPath(searchPath)) {
    if (entry === '$user' || entry === '' || entry.startsWith('pg_')) continue;
    return entry;
  }
  return undefined;
}

function splitSearchPath(searchPath: string): string[] {
  const entries: string[] = [];
  const pattern = /\s*(?:"((?:[^"]|"")*)"|([^,]*?))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < searchPath.length && (match = pattern.exec(searchPath))) {
    const quoted = match[1];
    entries.push(quoted !== undefined ? quoted.replace(/""/g, '"') : match[2]!.toLowerCase());
  }
  return entries;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
