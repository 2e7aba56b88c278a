import type { Kysely } from 'kysely';
import type { Mention } from './comments.js';
import type { OpenDatabase, PreparedRead } from './dialects/dialect.js';
import { FileWriter } from './files.js';
import type { Schema } from './schema.js';
import { ADMINISTRATORS_GROUP, type Actor, EVERYONE_GROUP } from './types.js';

/** What a space shows beyond its name and members, as `GET space.json` names it. */
export interface SpaceDetails {
  defaultThread: number;
  body: string;
  isPrivate: boolean;
  useMultiThread: boolean;
  fixedMember: boolean;
  showAnnouncement: boolean;
  showThreadList: boolean;
  showAppList: boolean;
  showMemberList: boolean;
  showRelatedLinkList: boolean;
  /** Who may create apps in the space: everyone in it, or its administrators only. */
  createApp: 'EVERYONE' | 'ADMIN';
  creator: Actor;
  modifier: Actor;
  createdAt: string;
  modifiedAt: string;
}

export interface SpaceThread {
  id: number;
  spaceId: number;
  name: string;
  body: string;
}

/** A file for a new thread comment: its upload key, the key it is kept under, its width. */
export interface CommentFile {
  uploadKey: string;
  newKey: string;
  width: number | null;
}

export interface NewThreadComment {
  text: string;
  /** Checked already: existing users, groups and guests, each once. */
  mentions: readonly Mention[];
  creator: string;
  createdAt: string;
  files: readonly CommentFile[];
  /** Milliseconds since the epoch, to tell expired uploads. */
  now: number;
}

/** The new comment's id, or the first upload key that named no usable file. */
export type AddedComment = { id: number } | { refusedKey: string };

/** A member named in the space's settings: a user, or a group whose users all belong. */
export type SpaceMember =
  | { type: 'USER'; userId: number; isAdmin: boolean }
  | { type: 'GROUP'; code: string; isAdmin: boolean };

/** A user who belongs to a space through a member group only; admin if such a group is. */
export interface ImplicitMember {
  userId: number;
  loginName: string;
  isAdmin: boolean;
}

/**
 * A space's details, threads, thread comments and member roles. A space made by a seed gets
 * its details and its default thread the first time they are needed: private, single-thread,
 * with the thread's id equal to the space's when that id is free (apps of seeded spaces name
 * it so).
 */
export class SpaceDetailStore {
  readonly #database: OpenDatabase;
  readonly #implicit: PreparedRead<{ id: number; login_name: string; is_admin: number }>;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#implicit = database.prepare(
      'SELECT users.id, users.login_name, MAX(space_members.is_admin) AS is_admin ' +
        'FROM space_members JOIN users ON users.enabled = 1 AND (' +
        'space_members.group_code = ? ' +
        'OR (space_members.group_code = ? AND users.is_admin = 1) ' +
        'OR users.id IN (SELECT user_id FROM group_members ' +
        'WHERE group_members.group_code = space_members.group_code)) ' +
        'WHERE space_members.space_id = ? AND NOT EXISTS (SELECT 1 FROM space_members own ' +
        'WHERE own.space_id = space_members.space_id AND own.user_id = users.id) ' +
        'GROUP BY users.id, users.login_name ORDER BY users.login_name',
    );
  }

  /** A space's details; `now` dates the details of a seeded space when first needed. */
  async details(spaceId: number, now: Date): Promise<SpaceDetails> {
    const db = this.#database.db;
    const row = await readDetails(db, spaceId);
    if (row) return row;

    return db.transaction().execute(async (trx) => {
      const again = await readDetails(trx, spaceId);
      if (again) return again;

      const taken = await trx
        .selectFrom('space_threads')
        .select('id')
        .where('id', '=', spaceId)
        .executeTakeFirst();
      const threadId = taken ? await nextThreadId(trx) : spaceId;
      await trx
        .insertInto('space_threads')
        .values({ id: threadId, space_id: spaceId, name: '', body: '' })
        .execute();
      const nobody = { code: '', name: '' };
      const details: SpaceDetails = {
        defaultThread: threadId,
        body: '',
        isPrivate: true,
        useMultiThread: false,
        fixedMember: false,
        showAnnouncement: true,
        showThreadList: true,
        showAppList: true,
        showMemberList: true,
        showRelatedLinkList: true,
        createApp: 'EVERYONE',
        creator: nobody,
        modifier: nobody,
        createdAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        modifiedAt: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      await trx
        .insertInto('space_details')
        .values({ space_id: spaceId, details: JSON.stringify(details) })
        .execute();
      return details;
    });
  }

  async saveDetails(spaceId: number, details: SpaceDetails): Promise<void> {
    await this.#database.db
      .updateTable('space_details')
      .set({ details: JSON.stringify(details) })
      .where('space_id', '=', spaceId)
      .execute();
  }

  async rename(spaceId: number, name: string): Promise<void> {
    await this.#database.db.updateTable('spaces').set({ name }).where('id', '=', spaceId).execute();
  }

  async threads(spaceId: number): Promise<SpaceThread[]> {
    const rows = await this.#database.db
      .selectFrom('space_threads')
      .selectAll()
      .where('space_id', '=', spaceId)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      spaceId: Number(r.space_id),
      name: r.name,
      body: r.body,
    }));
  }

  async findThread(threadId: number): Promise<SpaceThread | undefined> {
    const row = await this.#database.db
      .selectFrom('space_threads')
      .selectAll()
      .where('id', '=', threadId)
      .executeTakeFirst();
    return (
      row && { id: Number(row.id), spaceId: Number(row.space_id), name: row.name, body: row.body }
    );
  }

  async addThread(spaceId: number, name: string): Promise<number> {
    return this.#database.db.transaction().execute(async (trx) => {
      const id = await nextThreadId(trx);
      await trx
        .insertInto('space_threads')
        .values({ id, space_id: spaceId, name, body: '' })
        .execute();
      return id;
    });
  }

  async updateThread(threadId: number, change: { name?: string; body?: string }): Promise<void> {
    if (change.name === undefined && change.body === undefined) return;
    await this.#database.db
      .updateTable('space_threads')
      .set(change)
      .where('id', '=', threadId)
      .execute();
  }

  /**
   * Adds a comment and attaches its files in one transaction: when an upload key names no
   * unexpired temporary file, nothing is written, every key stays usable, and the answer names
   * the key.
   */
  async addComment(threadId: number, comment: NewThreadComment): Promise<AddedComment> {
    try {
      return await this.#database.db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('space_thread_comments')
          .select((eb) => eb.fn.max('id').as('maxId'))
          .executeTakeFirst();
        const id = Number(row?.maxId ?? 0) + 1;
        await trx
          .insertInto('space_thread_comments')
          .values({
            id,
            thread_id: threadId,
            text: comment.text,
            mentions: JSON.stringify(comment.mentions),
            creator_code: comment.creator,
            created_at: comment.createdAt,
          })
          .execute();

        const files = new FileWriter(trx);
        for (const file of comment.files) {
          const to = { commentId: id, width: file.width };
          if (!(await files.attachToComment(file.uploadKey, file.newKey, to, comment.now))) {
            throw new RefusedUpload(file.uploadKey);
          }
        }
        return { id };
      });
    } catch (error) {
      if (error instanceof RefusedUpload) return { refusedKey: error.key };
      throw error;
    }
  }

  /** The users and groups named as members: users by id, then groups by code. */
  async members(spaceId: number): Promise<SpaceMember[]> {
    const rows = await this.#database.db
      .selectFrom('space_members')
      .select(['user_id', 'group_code', 'is_admin'])
      .where('space_id', '=', spaceId)
      .orderBy('group_code')
      .orderBy('user_id')
      .execute();
    const members = rows.map((r): SpaceMember => {
      const isAdmin = Number(r.is_admin) === 1;
      return r.group_code === null
        ? { type: 'USER', userId: Number(r.user_id), isAdmin }
        : { type: 'GROUP', code: r.group_code, isAdmin };
    });
    return [
      ...members.filter((m) => m.type === 'USER'),
      ...members.filter((m) => m.type === 'GROUP'),
    ];
  }

  /**
   * The enabled users who belong to a space only through its member groups, stored or built
   * in, in login-name order: one query however many groups there are.
   */
  async implicitMembers(spaceId: number): Promise<ImplicitMember[]> {
    const rows = await this.#implicit.all([EVERYONE_GROUP, ADMINISTRATORS_GROUP, spaceId]);
    return rows.map((r) => ({
      userId: Number(r.id),
      loginName: r.login_name,
      isAdmin: Number(r.is_admin) === 1,
    }));
  }

  async replaceMembers(spaceId: number, members: readonly SpaceMember[]): Promise<void> {
    await this.#database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('space_members').where('space_id', '=', spaceId).execute();
      for (const member of members) {
        await trx
          .insertInto('space_members')
          .values({
            space_id: spaceId,
            user_id: member.type === 'USER' ? member.userId : null,
            group_code: member.type === 'GROUP' ? member.code : null,
            is_admin: member.isAdmin ? 1 : 0,
          })
          .execute();
      }
    });
  }

  /**
   * Removes a space with its threads, comments, members and apps, all or nothing, as Kintone
   * deletes the apps of a deleted space with it. Returns the ids of the apps removed, so the
   * caller can tell every instance to forget them.
   */
  async deleteSpace(spaceId: number): Promise<number[]> {
    return this.#database.db.transaction().execute(async (trx) => {
      const apps = await trx
        .selectFrom('apps')
        .select('id')
        .where('space_id', '=', spaceId)
        .execute();
      const appIds = apps.map((app) => Number(app.id));
      if (appIds.length > 0) await deleteApps(trx, appIds);

      const threads = trx.selectFrom('space_threads').select('id').where('space_id', '=', spaceId);
      const comments = trx
        .selectFrom('space_thread_comments')
        .select('id')
        .where('thread_id', 'in', threads);
      await trx.deleteFrom('files').where('thread_comment_id', 'in', comments).execute();
      await trx.deleteFrom('space_thread_comments').where('thread_id', 'in', threads).execute();
      await trx.deleteFrom('space_threads').where('space_id', '=', spaceId).execute();
      await trx.deleteFrom('space_details').where('space_id', '=', spaceId).execute();
      await trx.deleteFrom('space_members').where('space_id', '=', spaceId).execute();
      await trx.deleteFrom('space_guests').where('space_id', '=', spaceId).execute();
      await trx.deleteFrom('spaces').where('id', '=', spaceId).execute();
      return appIds;
    });
  }
}

/** Every table that holds an app's rows, children before the tables they refer to. */
const APP_TABLES = [
  'record_comments',
  'files',
  'cursors',
  'app_customize',
  'app_acl',
  'permission_settings',
  'app_settings',
  'app_preview',
  'api_tokens',
  'records',
  'app_request_counts',
] as const;

async function deleteApps(trx: Kysely<Schema>, appIds: number[]): Promise<void> {
  for (const table of APP_TABLES) {
    await trx.deleteFrom(table).where('app_id', 'in', appIds).execute();
  }
  await trx.deleteFrom('apps').where('id', 'in', appIds).execute();
}

async function readDetails(db: Kysely<Schema>, spaceId: number) {
  const row = await db
    .selectFrom('space_details')
    .select('details')
    .where('space_id', '=', spaceId)
    .executeTakeFirst();
  return row && (JSON.parse(row.details) as SpaceDetails);
}

async function nextThreadId(db: Kysely<Schema>): Promise<number> {
  const row = await db
    .selectFrom('space_threads')
    .select((eb) => eb.fn.max('id').as('maxId'))
    .executeTakeFirst();
  return Number(row?.maxId ?? 0) + 1;
}

/** Rolls back a comment whose file could not be attached; `addComment` answers it as a value. */
class RefusedUpload extends Error {
  constructor(readonly key: string) {
    super('upload key names no usable file');
  }
}
