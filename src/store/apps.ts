import { LRUCache } from 'lru-cache';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { StatusSettings } from '../kintone/process/settings.js';
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
  status_settings: string | null;
}

/** How long an app read is remembered; see `AppStore.find`. */
export const APP_CACHE_TTL_MS = 1000;

const APP_COLUMNS =
  'id, name, code, description, space_id, thread_id, properties, revision, ' +
  'creator_code, creator_name, created_at, modifier_code, modifier_name, modified_at, ' +
  'status_settings';

export interface NewApp {
  id?: number;
  name: string;
  code?: string;
  description?: string;
  spaceId: number | null;
  threadId?: number | null;
  properties: FieldProperties;
  status?: StatusSettings | null;
  creator: Actor;
  createdAt: string;
}

export class AppStore {
  readonly #database: OpenDatabase;
  readonly #byId: PreparedRead<AppRow>;
  /** Parsed field definitions by app id, reused while the stored text is unchanged. */
  readonly #parsedProperties = new Map<number, { text: string; properties: FieldProperties }>();
  /**
   * Apps read in the last second. Every API call reads its app; changes made through any
   * instance on PostgreSQL clear the memory at once (see ChangeFeed), and changes by another
   * process on SQLite are seen within the TTL.
   */
  readonly #recent = new LRUCache<number, App>({ max: 1000, ttl: APP_CACHE_TTL_MS });
  /** Moves on with every forgetting, so a read that overlapped a change is not remembered. */
  #generation = 0;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#byId = database.prepare(`SELECT ${APP_COLUMNS} FROM apps WHERE id = ?`);
    database.changes.subscribe((change) => {
      if (change.kind === 'app') this.#forget(change.appId);
      if (change.kind === 'everything') {
        this.#generation += 1;
        this.#recent.clear();
      }
    });
  }

  /** Every API call that names an app reads it, so this skips the query builder. */
  async find(id: number): Promise<App | undefined> {
    const remembered = this.#recent.get(id);
    if (remembered) return remembered;

    const generation = this.#generation;
    const row = await this.#byId.first([id]);
    const app = row && this.#toApp(row);
    // A row read before a change committed may arrive after the change was forgotten.
    if (app && generation === this.#generation) this.#recent.set(id, app);
    return app;
  }

  #forget(id: number): void {
    this.#generation += 1;
    this.#recent.delete(id);
  }

  /**
   * Drops the remembered copy of an app after a change made outside this store (a deploy),
   * here and in every instance that hears the store's changes.
   */
  async changed(id: number): Promise<void> {
    this.#forget(id);
    await this.#database.changes.publish({ kind: 'app', appId: id });
  }

  /** Puts an app in a space's thread, or in no space with nulls. */
  async moveTo(id: number, spaceId: number | null, threadId: number | null): Promise<void> {
    await this.#database.db
      .updateTable('apps')
      .set({ space_id: spaceId, thread_id: threadId })
      .where('id', '=', id)
      .execute();
    await this.changed(id);
  }

  async list(): Promise<App[]> {
    const rows = await this.#database.db.selectFrom('apps').selectAll().orderBy('id').execute();
    return rows.map((row) => this.#toApp(row));
  }

  async create(app: NewApp): Promise<App> {
    const id = app.id ?? (await this.#nextId());
    this.#forget(id);
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
        status_settings: app.status ? JSON.stringify(app.status) : null,
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
    await this.#database.changes.publish({ kind: 'app', appId: id });
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

  /**
   * Every API call reads its app, and parsing the field definitions was the largest cost of a
   * token-authenticated read. Comparing the stored text is cheap and always correct, whoever
   * changed the app.
   */
  #propertiesOf(appId: number, stored: unknown): FieldProperties {
    const text = String(stored);
    const cached = this.#parsedProperties.get(appId);
    if (cached?.text === text) return cached.properties;

    // Frozen, because every caller shares the one parsed copy.
    const properties = deepFreeze(JSON.parse(text)) as FieldProperties;
    this.#parsedProperties.set(appId, { text, properties });
    return properties;
  }

  #toApp(row: AppRow): App {
    return {
      id: Number(row.id),
      name: row.name,
      code: row.code,
      description: row.description,
      spaceId: row.space_id === null ? null : Number(row.space_id),
      threadId: row.thread_id === null ? null : Number(row.thread_id),
      properties: this.#propertiesOf(Number(row.id), row.properties),
      status: row.status_settings
        ? (deepFreeze(JSON.parse(row.status_settings)) as StatusSettings)
        : null,
      revision: Number(row.revision),
      creator: { code: row.creator_code, name: row.creator_name },
      createdAt: row.created_at,
      modifier: { code: row.modifier_code, name: row.modifier_name },
      modifiedAt: row.modified_at,
    };
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
