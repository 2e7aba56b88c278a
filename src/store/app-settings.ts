import type { Kysely } from 'kysely';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import type { Schema } from './schema.js';

export type SettingsStage = 'live' | 'preview';

/** A JSON object of one kind of settings, as the settings APIs answer it (without revision). */
export type SettingsBody = Record<string, unknown>;

/**
 * One step of a deploy: makes one kind of preview settings live, inside the deploy's
 * transaction. It runs before the preview rows are turned live and removed.
 */
export type Deployer = (trx: Kysely<Schema>, appId: number) => Promise<void>;

/** The preview revision did not match what the caller expected. */
export class StaleRevisionError extends Error {
  constructor(readonly appId: number) {
    super(`The preview settings of app ${appId} have a newer revision`);
  }
}

/**
 * Each app's settings per kind and stage. Setting APIs write the preview; a deploy makes every
 * preview kind live at once and moves the app's live revision (apps.revision) to the preview
 * revision, so API callers see nothing of a change until it is deployed.
 */
export class AppSettingsStore {
  readonly #database: OpenDatabase;
  // Prepared, so that the sub-requests of a bulk request, which run inside its transaction,
  // can read the number precision.
  readonly #liveBody: PreparedRead<{ body: string }>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#liveBody = database.prepare(
      "SELECT body FROM app_settings WHERE app_id = ? AND kind = ? AND stage = 'live'",
    );
  }

  async read(appId: number, kind: string, stage: SettingsStage): Promise<SettingsBody | undefined> {
    return readBody(this.#database.db, appId, kind, stage);
  }

  /** One kind's live settings, readable inside a record-write transaction too. */
  async readLive(appId: number, kind: string): Promise<SettingsBody | undefined> {
    const row = await this.#liveBody.first([appId, kind]);
    return row && (JSON.parse(row.body) as SettingsBody);
  }

  /** The preview revision: the live one until a setting API writes the preview. */
  async previewRevision(appId: number): Promise<number> {
    return previewRevisionOf(this.#database.db, appId);
  }

  /**
   * Writes the preview of one kind, and of kinds that follow it (the layout follows the
   * fields), raising the preview revision by one, if the preview revision is still `basedOn`
   * (the revision the bodies were computed from); false when another write came first, so the
   * caller can compute again.
   */
  async writePreview(
    appId: number,
    basedOn: number,
    bodies: ReadonlyArray<readonly [kind: string, body: SettingsBody]>,
  ): Promise<boolean> {
    return this.#database.db.transaction().execute(async (trx) => {
      await lockApp(trx, appId, this.#database.storage.supportsRowLocks);
      if ((await previewRevisionOf(trx, appId)) !== basedOn) return false;

      for (const [kind, body] of bodies) {
        await dropPreview(trx, appId, kind);
        await trx
          .insertInto('app_settings')
          .values({ app_id: appId, kind, stage: 'preview', body: JSON.stringify(body) })
          .execute();
      }
      await trx.deleteFrom('app_preview').where('app_id', '=', appId).execute();
      await trx
        .insertInto('app_preview')
        .values({ app_id: appId, revision: basedOn + 1 })
        .execute();
      return true;
    });
  }

  /**
   * Writes a preview change kept in another store (permission settings) in one transaction
   * with the check of the revision the caller expects (null skips it) and the move of the
   * preview revision. Answers the new revision, or null (and changes nothing) when the preview
   * revision is no longer the expected one.
   */
  async changePreview(
    appId: number,
    expectedRevision: number | null,
    change: (trx: Kysely<Schema>) => Promise<void>,
  ): Promise<number | null> {
    const revision = await this.#database.db.transaction().execute(async (trx) => {
      await lockApp(trx, appId, this.#database.storage.supportsRowLocks);
      const current = await previewRevisionOf(trx, appId);
      if (expectedRevision !== null && expectedRevision !== current) return null;

      await change(trx);
      await trx.deleteFrom('app_preview').where('app_id', '=', appId).execute();
      await trx
        .insertInto('app_preview')
        .values({ app_id: appId, revision: current + 1 })
        .execute();
      return current + 1;
    });
    if (revision !== null) await this.#database.changes.publish({ kind: 'app', appId });
    return revision;
  }

  /**
   * Deploys the preview settings of several apps together: all of them or none. Each app's
   * expected revision is checked first (null skips the check); then every deployer runs (one
   * of them, `finishDeploy`, turns the preview rows live and moves the live revision on).
   */
  async deploy(
    apps: ReadonlyArray<{ appId: number; expectedRevision: number | null }>,
    deployers: readonly Deployer[],
    modified: { code: string; name: string; at: string },
  ): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      for (const { appId, expectedRevision } of apps) {
        await lockApp(trx, appId, this.#database.storage.supportsRowLocks);
        const revision = await previewRevisionOf(trx, appId);
        if (expectedRevision !== null && expectedRevision !== revision) {
          throw new StaleRevisionError(appId);
        }

        for (const deploy of deployers) await deploy(trx, appId);
        await trx
          .updateTable('apps')
          .set({
            modifier_code: modified.code,
            modifier_name: modified.name,
            modified_at: modified.at,
          })
          .where('id', '=', appId)
          .execute();
      }
    });
  }

  /** Discards the previews of apps through `discarders`, in one transaction. */
  async revert(appIds: readonly number[], discarders: readonly Deployer[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      for (const appId of appIds) {
        for (const discard of discarders) await discard(trx, appId);
      }
    });
  }
}

/**
 * The last step of deploying the settings kept here: the preview rows become the live ones
 * and the live revision takes the preview revision.
 */
export async function finishDeploy(trx: Kysely<Schema>, appId: number): Promise<void> {
  const revision = await previewRevisionOf(trx, appId);
  await makePreviewLive(trx, appId);
  await trx.updateTable('apps').set({ revision }).where('id', '=', appId).execute();
  await trx.deleteFrom('app_preview').where('app_id', '=', appId).execute();
}

/** Drops an app's preview settings kept here, so its preview is what is live. */
export async function discardPreview(trx: Kysely<Schema>, appId: number): Promise<void> {
  await trx
    .deleteFrom('app_settings')
    .where('app_id', '=', appId)
    .where('stage', '=', 'preview')
    .execute();
  await trx.deleteFrom('app_preview').where('app_id', '=', appId).execute();
}

/** Whether an app has preview settings kept here that a deploy would make live. */
export async function hasPreview(db: Kysely<Schema>, appId: number): Promise<boolean> {
  const row = await db
    .selectFrom('app_preview')
    .select('app_id')
    .where('app_id', '=', appId)
    .executeTakeFirst();
  return row !== undefined;
}

/** One kind's stored body in one stage, inside or outside a transaction. */
export async function readBody(
  db: Kysely<Schema>,
  appId: number,
  kind: string,
  stage: SettingsStage,
): Promise<SettingsBody | undefined> {
  const row = await db
    .selectFrom('app_settings')
    .select('body')
    .where('app_id', '=', appId)
    .where('kind', '=', kind)
    .where('stage', '=', stage)
    .executeTakeFirst();
  return row && (JSON.parse(row.body) as SettingsBody);
}

/** Removes one kind's preview, as a deploy step does once it has applied it. */
export async function dropPreview(db: Kysely<Schema>, appId: number, kind: string) {
  await db
    .deleteFrom('app_settings')
    .where('app_id', '=', appId)
    .where('kind', '=', kind)
    .where('stage', '=', 'preview')
    .execute();
}

async function previewRevisionOf(db: Kysely<Schema>, appId: number): Promise<number> {
  const preview = await db
    .selectFrom('app_preview')
    .select('revision')
    .where('app_id', '=', appId)
    .executeTakeFirst();
  if (preview) return Number(preview.revision);

  const app = await db
    .selectFrom('apps')
    .select('revision')
    .where('id', '=', appId)
    .executeTakeFirst();
  return Number(app?.revision ?? 1);
}

/**
 * Serializes setting writes and deploys of one app. SQLite runs one write transaction at a
 * time anyway; PostgreSQL takes the app row's lock.
 */
async function lockApp(trx: Kysely<Schema>, appId: number, rowLocks: boolean): Promise<void> {
  if (!rowLocks) return;
  await trx.selectFrom('apps').select('id').where('id', '=', appId).forUpdate().execute();
}

async function makePreviewLive(trx: Kysely<Schema>, appId: number): Promise<void> {
  const previews = await trx
    .selectFrom('app_settings')
    .select('kind')
    .where('app_id', '=', appId)
    .where('stage', '=', 'preview')
    .execute();
  const kinds = previews.map((row) => row.kind);
  if (kinds.length === 0) return;

  await trx
    .deleteFrom('app_settings')
    .where('app_id', '=', appId)
    .where('stage', '=', 'live')
    .where('kind', 'in', kinds)
    .execute();
  await trx
    .updateTable('app_settings')
    .set({ stage: 'live' })
    .where('app_id', '=', appId)
    .where('stage', '=', 'preview')
    .execute();
}
