import type { Kysely } from 'kysely';
import type { OpenDatabase } from './dialects/dialect.js';
import type { Schema, RecordCommentsTable } from './schema.js';
import type { Actor } from './types.js';

/** Who a comment mentions, as Kintone names the kinds. */
export interface Mention {
  code: string;
  type: 'USER' | 'GROUP' | 'ORGANIZATION';
}

export interface RecordComment {
  id: number;
  text: string;
  mentions: Mention[];
  creator: Actor;
  createdAt: string;
}

/** One page of a record's comments and whether more lie on either side of it. */
export interface CommentPage {
  comments: RecordComment[];
  older: boolean;
  newer: boolean;
}

/** Reads of record comments; writes go through the record writer, under the app's lock. */
export class CommentStore {
  readonly #database: OpenDatabase;

  constructor(database: OpenDatabase) {
    this.#database = database;
  }

  /**
   * A page of comments by id, newest first for `desc`. `older` and `newer` say whether comments
   * with smaller or larger ids than the page's exist; an empty page counts what it skipped.
   */
  async page(
    appId: number,
    recordId: number,
    order: 'asc' | 'desc',
    offset: number,
    limit: number,
  ): Promise<CommentPage> {
    const base = this.#database.db
      .selectFrom('record_comments')
      .where('app_id', '=', appId)
      .where('record_id', '=', recordId);
    const rows = await base.selectAll().orderBy('id', order).limit(limit).offset(offset).execute();
    const counted = await base.select((eb) => eb.fn.countAll<number>().as('n')).execute();
    const total = Number(counted[0]?.n ?? 0);

    const before = Math.min(offset, total);
    const after = Math.max(0, total - offset - rows.length);
    return {
      comments: rows.map(toComment),
      older: order === 'desc' ? after > 0 : before > 0,
      newer: order === 'desc' ? before > 0 : after > 0,
    };
  }
}

/** Comment writes inside a record write's transaction. */
export class CommentWriter {
  readonly #trx: Kysely<Schema>;
  readonly #appId: number;

  constructor(trx: Kysely<Schema>, appId: number) {
    this.#trx = trx;
    this.#appId = appId;
  }

  /** Adds a comment under the record's next comment id; the record must exist. */
  async add(
    recordId: number,
    comment: { text: string; mentions: readonly Mention[] },
    creator: Actor,
    createdAt: string,
  ): Promise<number | undefined> {
    const counter = await this.#trx
      .updateTable('records')
      .set((eb) => ({ next_comment_id: eb('next_comment_id', '+', 1) }))
      .where('app_id', '=', this.#appId)
      .where('id', '=', recordId)
      .returning(['next_comment_id'])
      .executeTakeFirst();
    if (!counter) return undefined;

    const id = Number(counter.next_comment_id) - 1;
    await this.#trx
      .insertInto('record_comments')
      .values({
        app_id: this.#appId,
        record_id: recordId,
        id,
        text: comment.text,
        mentions: JSON.stringify(comment.mentions),
        creator_code: creator.code,
        creator_name: creator.name,
        created_at: createdAt,
      })
      .execute();
    return id;
  }

  async find(recordId: number, id: number): Promise<RecordComment | undefined> {
    const row = await this.#trx
      .selectFrom('record_comments')
      .selectAll()
      .where('app_id', '=', this.#appId)
      .where('record_id', '=', recordId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toComment(row);
  }

  async remove(recordId: number, id: number): Promise<void> {
    await this.#trx
      .deleteFrom('record_comments')
      .where('app_id', '=', this.#appId)
      .where('record_id', '=', recordId)
      .where('id', '=', id)
      .execute();
  }

  /** A record's comments go with it. */
  async removeForRecords(recordIds: readonly number[]): Promise<void> {
    if (recordIds.length === 0) return;
    await this.#trx
      .deleteFrom('record_comments')
      .where('app_id', '=', this.#appId)
      .where('record_id', 'in', [...recordIds])
      .execute();
  }
}

function toComment(row: RecordCommentsTable): RecordComment {
  return {
    id: Number(row.id),
    text: row.text,
    mentions: JSON.parse(row.mentions) as Mention[],
    creator: { code: row.creator_code, name: row.creator_name },
    createdAt: row.created_at,
  };
}
