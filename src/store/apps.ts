import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { Actor, App, FieldProperties } from './types.js';

interface AppRow {
  id: number;
  name: string;
  code: string;
  description: string;
  space_id: number | null;
  thread_id: number | null;
  properties: unknown;
  revision: number;
  creator_code: string;
  creator_name: string;
  created_at: string;
  modifier_code: string;
  modifier_name: string;
  modified_at: string;
}

const APP_COLUMNS =
  'id, name, code, description, space_id, thread_id, properties, revision, ' +
  'creator_code, creator_name, created_at, modifier_code, modifier_name, modified_at';

export interface NewApp {
  id?: number;
  name: string;
  code?: string;
  description?: string;
  spaceId: number | null;
  threadId?: number | null;
  properties: FieldProperties;
  creator: Actor;
  createdAt: string;
}

export class AppStore {
  readonly #database: OpenDatabase;
  readonly #byId: PreparedRead<AppRow>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#byId = database.prepare(`SELECT ${APP_COLUMNS} FROM apps WHERE id = ?`);
  }

  /** Every API call that names an app reads it, so this skips the query builder. */
  async find(id: number): Promise<App | undefined> {
    const row = await this.#byId.first([id]);
    return row && this.#toApp(row);
  }

  async list(): Promise<App[]> {
    const rows = await this.#database.db.selectFrom('apps').selectAll().orderBy('id').execute();
    return rows.map((row) => this.#toApp(row));
  }

  async create(app: NewApp): Promise<App> {
    const id = app.id ?? (await this.#nextId());
    await this.#database.db
      .insertInto('apps')
      .values({
        id,
        name: app.name,
        code: app.code ?? '',
        description: app.description ?? '',
        space_id: app.spaceId,
        thread_id: app.threadId ?? app.spaceId,
        properties: this.#database.storage.toJson(app.properties),
        revision: 1,
        next_record_id: 1,
        creator_code: app.creator.code,
        creator_name: app.creator.name,
        created_at: app.createdAt,
        modifier_code: app.creator.code,
        modifier_name: app.creator.name,
        modified_at: app.createdAt,
      })
      .execute();
    const created = await this.find(id);
    if (!created) throw new Error(`App ${id} vanished right after it was created`);
    return created;
  }

  async #nextId(): Promise<number> {
    const row = await this.#database.db
      .selectFrom('apps')
      .select((eb) => eb.fn.max('id').as('maxId'))
      .executeTakeFirst();
    return Number(row?.maxId ?? 0) + 1;
  }

  #toApp(row: AppRow): App {
    return {
      id: Number(row.id),
      name: row.name,
      code: row.code,
      description: row.description,
      spaceId: row.space_id === null ? null : Number(row.space_id),
      threadId: row.thread_id === null ? null : Number(row.thread_id),
      properties: this.#database.storage.fromJson(row.properties) as FieldProperties,
      revision: Number(row.revision),
      creator: { code: row.creator_code, name: row.creator_name },
      createdAt: row.created_at,
      modifier: { code: row.modifier_code, name: row.modifier_name },
      modifiedAt: row.modified_at,
    };
  }
}
