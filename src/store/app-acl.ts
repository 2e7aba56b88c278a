import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { AppAclEntry } from './types.js';

/** Each app's permission entries, kept whole and in order; an app without any uses defaults. */
export class AppAclStore {
  readonly #database: OpenDatabase;
  readonly #byApp: PreparedRead<{ rights: string }>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    // A prepared read: permission checks also run inside record-write transactions.
    this.#byApp = database.prepare('SELECT rights FROM app_acl WHERE app_id = ?');
  }

  /** The app's own entries, or undefined when it still has Kintone's defaults. */
  async find(appId: number): Promise<AppAclEntry[] | undefined> {
    const row = await this.#byApp.first([appId]);
    return row && (JSON.parse(row.rights) as AppAclEntry[]);
  }

  async replace(appId: number, entries: readonly AppAclEntry[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('app_acl').where('app_id', '=', appId).execute();
      await trx
        .insertInto('app_acl')
        .values({ app_id: appId, rights: JSON.stringify(entries) })
        .execute();
    });
  }
}
