import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { Schema } from './schema.js';
import type { PermissionKind, PermissionSettings } from './types.js';

export type PermissionStage = 'live' | 'preview';

const KINDS: readonly PermissionKind[] = ['app', 'record', 'field'];

/** How long a live setting read is remembered, as long as an app read (see `AppStore.find`). */
const LIVE_CACHE_TTL_MS = 1000;

/** A remembered read: the stored text, or null for an app with no setting of its own. */
type RememberedRights = { text: string | null };

/**
 * An app's three permission settings (app, record, field), each live and in preview. Live app
 * permissions live in their own table, app_acl, older than the others; callers see one
 * setting per kind and stage either way.
 */
export class PermissionSettingsStore {
  readonly #database: OpenDatabase;
  readonly #byKey: PreparedRead<{ rights: string }>;
  readonly #liveApp: PreparedRead<{ rights: string }>;
  /**
   * Live settings read in the last second, by app and kind. Every record call by a user checks
   * all three, and reading them was a third of such a call's cost. Live settings change only
   * through a deploy, a seed or the command line, which all announce an app change: that clears
   * the app's entries here and in every instance that hears the store's changes. The text is
   * kept, not the parsed rights, so no caller can change what the next one reads.
   */
  readonly #live = new LRUCache<string, RememberedRights>({ max: 3000, ttl: LIVE_CACHE_TTL_MS });
  /** Moves on with every forgetting, so a read that overlapped a change is not remembered. */
  #generation = 0;

  constructor(database: OpenDatabase) {
    this.#database = database;
    // Prepared reads: permission checks run on every record call, inside write transactions too.
    this.#byKey = database.prepare(
      'SELECT rights FROM permission_settings WHERE app_id = ? AND kind = ? AND stage = ?',
    );
    this.#liveApp = database.prepare('SELECT rights FROM app_acl WHERE app_id = ?');
    database.changes.subscribe((change) => {
      if (change.kind === 'app') this.#forgetLive(change.appId);
      if (change.kind === 'everything') {
        this.#generation += 1;
        this.#live.clear();
      }
    });
  }

  /** The setting as stored, or undefined when the app has none of its own at that stage. */
  async find<K extends PermissionKind>(
    appId: number,
    kind: K,
    stage: PermissionStage,
  ): Promise<PermissionSettings[K] | undefined> {
    if (stage === 'preview') {
      const row = await this.#byKey.first([appId, kind, stage]);
      return row && (JSON.parse(row.rights) as PermissionSettings[K]);
    }

    const key = liveKey(appId, kind);
    let remembered = this.#live.get(key);
    if (!remembered) {
      const generation = this.#generation;
      const row =
        kind === 'app'
          ? await this.#liveApp.first([appId])
          : await this.#byKey.first([appId, kind, stage]);
      remembered = { text: row?.rights ?? null };
      // A row read before a change committed may arrive after the change was forgotten.
      if (generation === this.#generation) this.#live.set(key, remembered);
    }
    return remembered.text === null
      ? undefined
      : (JSON.parse(remembered.text) as PermissionSettings[K]);
  }

  /** What a preview shows: the preview when one was written, else the live setting. */
  async findPreview<K extends PermissionKind>(
    appId: number,
    kind: K,
  ): Promise<PermissionSettings[K] | undefined> {
    return (await this.find(appId, kind, 'preview')) ?? (await this.find(appId, kind, 'live'));
  }

  async replace<K extends PermissionKind>(
    appId: number,
    kind: K,
    stage: PermissionStage,
    rights: PermissionSettings[K],
  ): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await writeSetting(trx, appId, kind, stage, JSON.stringify(rights));
    });
    if (stage === 'live') {
      this.#forgetLive(appId);
      await this.#database.changes.publish({ kind: 'app', appId });
    }
  }

  #forgetLive(appId: number): void {
    this.#generation += 1;
    for (const kind of KINDS) this.#live.delete(liveKey(appId, kind));
  }
}

function liveKey(appId: number, kind: PermissionKind): string {
  return `${appId}:${kind}`;
}

/**
 * Makes an app's permission previews (app, record and field) live, inside the caller's
 * transaction, and clears them: afterwards the preview shows what is live. Kinds never edited
 * in preview keep their live setting.
 */
export async function deployPermissionPreviews(trx: Kysely<Schema>, appId: number): Promise<void> {
  for (const kind of KINDS) {
    const preview = await trx
      .selectFrom('permission_settings')
      .select('rights')
      .where('app_id', '=', appId)
      .where('kind', '=', kind)
      .where('stage', '=', 'preview')
      .executeTakeFirst();
    if (!preview) continue;

    await writeSetting(trx, appId, kind, 'live', preview.rights);
    await trx
      .deleteFrom('permission_settings')
      .where('app_id', '=', appId)
      .where('kind', '=', kind)
      .where('stage', '=', 'preview')
      .execute();
  }
}

/** Whether an app has permission previews that deploying would make live. */
export async function hasPermissionPreviews(trx: Kysely<Schema>, appId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('permission_settings')
    .select('kind')
    .where('app_id', '=', appId)
    .where('stage', '=', 'preview')
    .executeTakeFirst();
  return row !== undefined;
}

/** Drops an app's permission previews: afterwards the preview shows what is live. */
export async function discardPermissionPreviews(trx: Kysely<Schema>, appId: number): Promise<void> {
  await trx
    .deleteFrom('permission_settings')
    .where('app_id', '=', appId)
    .where('stage', '=', 'preview')
    .execute();
}

/** Writes one setting inside the caller's transaction, replacing what that stage held. */
export async function writeSetting(
  trx: Kysely<Schema>,
  appId: number,
  kind: PermissionKind,
  stage: PermissionStage,
  rights: string,
): Promise<void> {
  if (kind === 'app' && stage === 'live') {
    await trx.deleteFrom('app_acl').where('app_id', '=', appId).execute();
    await trx.insertInto('app_acl').values({ app_id: appId, rights }).execute();
    return;
  }
  await trx
    .deleteFrom('permission_settings')
    .where('app_id', '=', appId)
    .where('kind', '=', kind)
    .where('stage', '=', stage)
    .execute();
  await trx
    .insertInto('permission_settings')
    .values({ app_id: appId, kind, stage, rights })
    .execute();
}
