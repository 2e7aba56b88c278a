import type { Kysely } from 'kysely';
import { sha256Hex } from '../crypto/digest.js';
import type { FileInfo } from '../kintone/fields/types.js';
import type { OpenDatabase } from './dialects/dialect.js';
import type { Schema } from './schema.js';

/** An attached file with its bytes, for download; where it is attached decides who may read it. */
export interface StoredFile extends FileInfo {
  appId: number;
  recordId: number;
  fieldCode: string;
  bytes: Buffer;
}

export interface NewUpload extends FileInfo {
  key: string;
  bytes: Buffer;
  owner: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Kintone keeps an uploaded file for three days unless a record takes it. */
export const TEMPORARY_FILE_LIFETIME_MS = 3 * 24 * 60 * 60 * 1000;

/**
 * Uploaded files. Keys are kept only as SHA-256 digests: an upload key is a bearer secret for
 * attaching the file, so the store never holds it.
 */
export class FileStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  /** Keeps a new temporary file, dropping expired ones first so they never pile up. */
  async saveUpload(upload: NewUpload): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('files')
        .where('attached', '=', 0)
        .where('created_at', '<=', upload.createdAt - TEMPORARY_FILE_LIFETIME_MS)
        .execute();
      await trx
        .insertInto('files')
        .values({
          key_digest: sha256Hex(upload.key),
          name: upload.name,
          content_type: upload.contentType,
          size: upload.size,
          bytes: upload.bytes,
          created_at: upload.createdAt,
          owner: upload.owner,
          attached: 0,
          app_id: null,
          record_id: null,
          field_code: null,
        })
        .execute();
    });
  }

  /**
   * Takes a temporary file for an app's own use (a customization file) under a new download
   * key, so `GET file.json` serves it to those who may view the app. Undefined when the upload
   * key names no unexpired temporary file.
   */
  async claimForApp(
    uploadKey: string,
    downloadKey: string,
    appId: number,
    now: number,
  ): Promise<(FileInfo & { bytes: Buffer }) | undefined> {
    return this.#database.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('files')
        .select(['name', 'content_type', 'size', 'bytes'])
        .where('key_digest', '=', sha256Hex(uploadKey))
        .where('attached', '=', 0)
        .where('created_at', '>', now - TEMPORARY_FILE_LIFETIME_MS)
        .executeTakeFirst();
      if (!row) return undefined;

      await trx
        .updateTable('files')
        .set({ key_digest: sha256Hex(downloadKey), attached: 1, app_id: appId })
        .where('key_digest', '=', sha256Hex(uploadKey))
        .execute();
      return {
        name: row.name,
        contentType: row.content_type,
        size: Number(row.size),
        bytes: Buffer.from(row.bytes),
      };
    });
  }

  /** Whether an upload key names a temporary file that has not expired. */
  async isTemporary(uploadKey: string, now: number): Promise<boolean> {
    return new FileWriter(this.#database.db).isTemporary(uploadKey, now);
  }

  /** An attached file by the download key a record shows; temporary files are not served. */
  async findAttached(key: string): Promise<StoredFile | undefined> {
    const row = await this.#database.db
      .selectFrom('files')
      .select(['name', 'content_type', 'size', 'bytes', 'app_id', 'record_id', 'field_code'])
      .where('key_digest', '=', sha256Hex(key))
      .where('attached', '=', 1)
      .executeTakeFirst();
    if (!row || row.app_id === null) return undefined;
    return {
      name: row.name,
      contentType: row.content_type,
      size: Number(row.size),
      appId: Number(row.app_id),
      recordId: Number(row.record_id),
      fieldCode: row.field_code ?? '',
      bytes: Buffer.from(row.bytes),
    };
  }

  /** The bytes of the files an app holds, as its usage statistics show. */
  async usage(appId: number): Promise<number> {
    const row = await this.#database.db
      .selectFrom('files')
      .select((eb) => eb.fn.sum<number>('size').as('bytes'))
      .where('app_id', '=', appId)
      .where('attached', '=', 1)
      .executeTakeFirst();
    return Number(row?.bytes ?? 0);
  }

  /** Name, type and size of attached files, by download key; unknown keys are left out. */
  async describe(keys: readonly string[]): Promise<Map<string, FileInfo>> {
    const found = new Map<string, FileInfo>();
    if (keys.length === 0) return found;

    const keyOf = new Map(keys.map((key) => [sha256Hex(key), key]));
    const rows = await this.#database.db
      .selectFrom('files')
      .select(['key_digest', 'name', 'content_type', 'size'])
      .where('key_digest', 'in', [...keyOf.keys()])
      .where('attached', '=', 1)
      .execute();
    for (const row of rows) {
      const key = keyOf.get(row.key_digest);
      if (key === undefined) continue;
      found.set(key, { name: row.name, contentType: row.content_type, size: Number(row.size) });
    }
    return found;
  }
}

/** Where an attached file belongs. */
export interface Attachment {
  appId: number;
  recordId: number;
  fieldCode: string;
}

/** File changes that must commit or roll back with a record write. */
export class FileWriter {
  readonly #trx: Kysely<Schema>;

  constructor(trx: Kysely<Schema>) {
    this.#trx = trx;
  }

  /** Whether an upload key names a temporary file that has not expired. */
  async isTemporary(uploadKey: string, now: number): Promise<boolean> {
    const row = await this.#trx
      .selectFrom('files')
      .select('key_digest')
      .where('key_digest', '=', sha256Hex(uploadKey))
      .where('attached', '=', 0)
      .where('created_at', '>', now - TEMPORARY_FILE_LIFETIME_MS)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Moves a temporary file to a record under its new download key, so the upload key works
   * once only. False when another write took the file first.
   */
  async attach(uploadKey: string, downloadKey: string, to: Attachment): Promise<boolean> {
    const result = await this.#trx
      .updateTable('files')
      .set({
        key_digest: sha256Hex(downloadKey),
        attached: 1,
        app_id: to.appId,
        record_id: to.recordId,
        field_code: to.fieldCode,
      })
      .where('key_digest', '=', sha256Hex(uploadKey))
      .where('attached', '=', 0)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Moves an unexpired temporary file to a space thread comment under a new key, so the upload
   * key works once only. False when the key names no such file (unknown, expired, or taken by
   * another write or earlier in the same request).
   */
  async attachToComment(
    uploadKey: string,
    newKey: string,
    to: { commentId: number; width: number | null },
    now: number,
  ): Promise<boolean> {
    const result = await this.#trx
      .updateTable('files')
      .set({
        key_digest: sha256Hex(newKey),
        attached: 1,
        thread_comment_id: to.commentId,
        width: to.width,
      })
      .where('key_digest', '=', sha256Hex(uploadKey))
      .where('attached', '=', 0)
      .where('created_at', '>', now - TEMPORARY_FILE_LIFETIME_MS)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Drops files a record no longer lists. */
  async remove(appId: number, downloadKeys: readonly string[]): Promise<void> {
    if (downloadKeys.length === 0) return;
    await this.#trx
      .deleteFrom('files')
      .where('app_id', '=', appId)
      .where('key_digest', 'in', downloadKeys.map(sha256Hex))
      .execute();
  }

  /** Drops the files of deleted records. */
  async removeForRecords(appId: number, recordIds: readonly number[]): Promise<void> {
    if (recordIds.length === 0) return;
    await this.#trx
      .deleteFrom('files')
      .where('app_id', '=', appId)
      .where('record_id', 'in', [...recordIds])
      .execute();
  }
}
