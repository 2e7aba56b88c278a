import type { Kysely } from 'kysely';
import type { OpenDatabase } from './dialects/dialect.js';
import type { Schema } from './schema.js';

/** One JavaScript or CSS entry of an app's customization, in load order. */
export type CustomizeEntry =
  { type: 'URL'; url: string } | { type: 'FILE'; fileName: string; content: string };

export interface AppCustomize {
  js: CustomizeEntry[];
  css: CustomizeEntry[];
}

/** The desktop JavaScript and CSS each app loads on its pages. */
export class CustomizeStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  async forApp(appId: number): Promise<AppCustomize> {
    const rows = await this.#database.db
      .selectFrom('app_customize')
      .selectAll()
      .where('app_id', '=', appId)
      .orderBy('kind')
      .orderBy('position')
      .execute();
    const result: AppCustomize = { js: [], css: [] };
    for (const row of rows) {
      const entry: CustomizeEntry =
        row.url !== null
          ? { type: 'URL', url: row.url }
          : { type: 'FILE', fileName: row.file_name ?? '', content: row.content ?? '' };
      result[row.kind === 'css' ? 'css' : 'js'].push(entry);
    }
    return result;
  }

  async replace(appId: number, customize: AppCustomize): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      // The deployed settings `GET app/customize.json` answers would otherwise still name the
      // files this replaces.
      await trx
        .deleteFrom('app_settings')
        .where('app_id', '=', appId)
        .where('kind', '=', 'app/customize')
        .where('stage', '=', 'live')
        .execute();
      await writePageFiles(trx, appId, customize);
    });
  }
}

/** Replaces the files an app's pages load, inside the caller's transaction. */
export async function writePageFiles(
  trx: Kysely<Schema>,
  appId: number,
  customize: AppCustomize,
): Promise<void> {
  await trx.deleteFrom('app_customize').where('app_id', '=', appId).execute();
  for (const kind of ['js', 'css'] as const) {
    for (const [position, entry] of customize[kind].entries()) {
      await trx
        .insertInto('app_customize')
        .values({
          app_id: appId,
          kind,
          position,
          url: entry.type === 'URL' ? entry.url : null,
          file_name: entry.type === 'FILE' ? entry.fileName : null,
          content: entry.type === 'FILE' ? entry.content : null,
        })
        .execute();
    }
  }
}
