import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { RecordStorage } from './dialects/dialect.js';

/**
 * Schema migrations, in order. Each runs once per database; both engines share them, with the
 * JSON column type supplied by the dialect. Ids and revisions are 64-bit: Kintone answers "not
 * found" for any id a client sends, where a 32-bit column would fail with a database error.
 */
function migrations(storage: RecordStorage): Record<string, Migration> {
  return {
    '0001_foundation': {
      async up(db: Kysely<any>) {
        await db.schema
          .createTable('users')
          .addColumn('id', storage.autoIncrementType, (c) => c.primaryKey())
          .addColumn('login_name', 'text', (c) => c.notNull().unique())
          .addColumn('display_name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('spaces')
          .addColumn('id', 'bigint', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('is_guest', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();

        await db.schema
          .createTable('space_members')
          .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id'))
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addPrimaryKeyConstraint('space_members_pk', ['space_id', 'user_id'])
          .execute();

        await db.schema
          .createTable('apps')
          .addColumn('id', 'bigint', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('space_id', 'bigint', (c) => c.references('spaces.id'))
          .addColumn('thread_id', 'bigint')
          // Text on both engines: JSONB would reorder the fields, and Kintone's order matters.
          .addColumn('properties', 'text', (c) => c.notNull())
          .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(1))
          .addColumn('next_record_id', 'bigint', (c) => c.notNull().defaultTo(1))
          .addColumn('creator_code', 'text', (c) => c.notNull())
          .addColumn('creator_name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('modifier_code', 'text', (c) => c.notNull())
          .addColumn('modifier_name', 'text', (c) => c.notNull())
          .addColumn('modified_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('records')
          .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id'))
          .addColumn('id', 'bigint', (c) => c.notNull())
          .addColumn('revision', 'bigint', (c) => c.notNull())
          .addColumn('field_values', storage.jsonType, (c) => c.notNull())
          .addColumn('creator_code', 'text', (c) => c.notNull())
          .addColumn('creator_name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('modifier_code', 'text', (c) => c.notNull())
          .addColumn('modifier_name', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('records_pk', ['app_id', 'id'])
          .execute();

        await db.schema
          .createTable('api_tokens')
          .addColumn('id', storage.autoIncrementType, (c) => c.primaryKey())
          .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id'))
          .addColumn('digest', 'text', (c) => c.notNull().unique())
          .addColumn('can_view', 'integer', (c) => c.notNull())
          .addColumn('can_add', 'integer', (c) => c.notNull())
          .addColumn('can_edit', 'integer', (c) => c.notNull())
          .addColumn('can_delete', 'integer', (c) => c.notNull())
          .addColumn('can_manage', 'integer', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
          .addColumn('deployed', 'integer', (c) => c.notNull().defaultTo(1))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('api_tokens_app').on('api_tokens').column('app_id').execute();

        // Records are read back newest first by default and paged by updated time in views.
        await db.schema
          .createIndex('records_updated')
          .on('records')
          .columns(['app_id', 'updated_at'])
          .execute();
      },
    },

    '0002_sessions': {
      async up(db: Kysely<any>) {
        // A browser session: the cookie carries the id and a secret; only the secret's SHA-256
        // is kept. Times are milliseconds since the epoch, compared in code, not in SQL.
        await db.schema
          .createTable('sessions')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('secret_digest', 'text', (c) => c.notNull())
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
      },
    },

    '0003_app_customize': {
      async up(db: Kysely<any>) {
        // JavaScript and CSS an app loads on its pages, in order. FILE entries keep their
        // content here, so the store alone is enough to serve them.
        await db.schema
          .createTable('app_customize')
          .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('position', 'integer', (c) => c.notNull())
          .addColumn('url', 'text')
          .addColumn('file_name', 'text')
          .addColumn('content', 'text')
          .addPrimaryKeyConstraint('app_customize_pk', ['app_id', 'kind', 'position'])
          .execute();
      },
    },

    '0004_cursors': {
      async up(db: Kysely<any>) {
        // A cursor keeps the ids its query matched when it was created, in order, so paging
        // through it neither skips nor repeats records while others write.
        await db.schema
          .createTable('cursors')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id'))
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('field_codes', 'text')
          .addColumn('page_size', 'integer', (c) => c.notNull())
          .addColumn('record_ids', 'text', (c) => c.notNull())
          .addColumn('position', 'bigint', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .execute();
      },
    },

    '0005_files': {
      async up(db: Kysely<any>) {
        // Uploaded files, bytes included, so the store alone holds everything. A file starts
        // temporary (attached = 0) under its upload key and becomes a record's file under a new
        // download key; app, record and field say where it is attached.
        await db.schema
          .createTable('files')
          .addColumn('key_digest', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('content_type', 'text', (c) => c.notNull())
          .addColumn('size', 'bigint', (c) => c.notNull())
          .addColumn('bytes', storage.binaryType, (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('owner', 'text', (c) => c.notNull())
          .addColumn('attached', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('app_id', 'bigint', (c) => c.references('apps.id'))
          .addColumn('record_id', 'bigint')
          .addColumn('field_code', 'text')
          .execute();
        await db.schema
          .createIndex('files_record')
          .on('files')
          .columns(['app_id', 'record_id'])
          .execute();
        await db.schema
          .createIndex('files_temporary')
          .on('files')
          .columns(['attached', 'created_at'])
          .execute();
      },
    },

    '0006_app_permissions': {
      async up(db: Kysely<any>) {
        // Groups a seed declares. "Everyone" and "Administrators" are built in and not stored.
        await db.schema
          .createTable('groups')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('group_members')
          .addColumn('group_code', 'text', (c) => c.notNull().references('groups.code'))
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addPrimaryKeyConstraint('group_members_pk', ['group_code', 'user_id'])
          .execute();

        // An app's permission entries, in evaluation order, as JSON text (order matters).
        await db.schema
          .createTable('app_acl')
          .addColumn('app_id', 'bigint', (c) => c.primaryKey().references('apps.id'))
          .addColumn('rights', 'text', (c) => c.notNull())
          .execute();
      },
    },

    '0007_oauth': {
      async up(db: Kysely<any>) {
        // OAuth clients an administrator registered. Only the SHA-256 of the secret is kept;
        // the secret itself is shown once, when it is generated.
        await db.schema
          .createTable('oauth_clients')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('redirect_uri', 'text', (c) => c.notNull())
          .addColumn('secret_digest', 'text', (c) => c.notNull())
          .addColumn('require_pkce', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('oauth_client_users')
          .addColumn('client_id', 'text', (c) =>
            c.notNull().references('oauth_clients.id').onDelete('cascade'),
          )
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addPrimaryKeyConstraint('oauth_client_users_pk', ['client_id', 'user_id'])
          .execute();

        // A grant is one approval by one user: the family of tokens that approval led to.
        // Revoking it ends every token of the family at once. Times are epoch milliseconds.
        await db.schema
          .createTable('oauth_grants')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) =>
            c.notNull().references('oauth_clients.id').onDelete('cascade'),
          )
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex('oauth_grants_user')
          .on('oauth_grants')
          .columns(['user_id', 'client_id'])
          .execute();

        // Codes, access tokens and refresh tokens are kept as SHA-256 digests only. A used code
        // stays until it expires, naming the grant it produced, so a replay can revoke it.
        await db.schema
          .createTable('oauth_codes')
          .addColumn('digest', 'text', (c) => c.primaryKey())
          .addColumn('client_id', 'text', (c) =>
            c.notNull().references('oauth_clients.id').onDelete('cascade'),
          )
          .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
          .addColumn('redirect_uri', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('code_challenge', 'text')
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('used', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('grant_id', 'text')
          .execute();
        await db.schema
          .createTable('oauth_tokens')
          .addColumn('digest', 'text', (c) => c.primaryKey())
          .addColumn('grant_id', 'text', (c) =>
            c.notNull().references('oauth_grants.id').onDelete('cascade'),
          )
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('scope', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'bigint', (c) => c.notNull())
          .addColumn('consumed', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db.schema
          .createIndex('oauth_tokens_grant')
          .on('oauth_tokens')
          .column('grant_id')
          .execute();
      },
    },

    '0008_record_field_acl': {
      async up(db: Kysely<any>) {
        // kind: app, record or field; stage: live or preview. Live app permissions stay in
        // app_acl, where 0006 put them.
        await db.schema
          .createTable('permission_settings')
          .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('stage', 'text', (c) => c.notNull())
          .addColumn('rights', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('permission_settings_pk', ['app_id', 'kind', 'stage'])
          .execute();
      },
    },

    '0009_comments_status': {
      async up(db: Kysely<any>) {
        // Comments on records. Ids count per record, from the record's own counter, so an id is
        // never given twice even after the newest comment is deleted.
        await db.schema
          .createTable('record_comments')
          .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id'))
          .addColumn('record_id', 'bigint', (c) => c.notNull())
          .addColumn('id', 'bigint', (c) => c.notNull())
          .addColumn('text', 'text', (c) => c.notNull())
          // JSON text: the mentions in the order the poster gave them.
          .addColumn('mentions', 'text', (c) => c.notNull())
          .addColumn('creator_code', 'text', (c) => c.notNull())
          .addColumn('creator_name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('record_comments_pk', ['app_id', 'record_id', 'id'])
          .execute();
        await db.schema
          .alterTable('records')
          .addColumn('next_comment_id', 'bigint', (c) => c.notNull().defaultTo(1))
          .execute();

        // An app's process management settings as JSON text (states and actions keep their
        // order); NULL while the app has none.
        await db.schema.alterTable('apps').addColumn('status_settings', 'text').execute();
      },
    },

    '0010_app_settings': {
      async up(db: Kysely<any>) {
        // An app's settings of one kind (views, layout, ...) as JSON text, once as the live
        // settings callers see and once as the preview that setting APIs write. A kind without
        // a row has its defaults; a preview without a row is the same as live.
        await db.schema
          .createTable('app_settings')
          .addColumn('app_id', 'bigint', (c) => c.notNull().references('apps.id'))
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('stage', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('app_settings_pk', ['app_id', 'kind', 'stage'])
          .execute();

        // The revision of an app's preview settings; the live one is apps.revision.
        await db.schema
          .createTable('app_preview')
          .addColumn('app_id', 'bigint', (c) => c.primaryKey().references('apps.id'))
          .addColumn('revision', 'bigint', (c) => c.notNull())
          .execute();

        // What a space shows beyond its name, as JSON text, and its threads and comments.
        await db.schema
          .createTable('space_details')
          .addColumn('space_id', 'bigint', (c) => c.primaryKey().references('spaces.id'))
          .addColumn('details', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('space_threads')
          .addColumn('id', 'bigint', (c) => c.primaryKey())
          .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('space_thread_comments')
          .addColumn('id', 'bigint', (c) => c.primaryKey())
          .addColumn('thread_id', 'bigint', (c) => c.notNull().references('space_threads.id'))
          .addColumn('text', 'text', (c) => c.notNull())
          .addColumn('mentions', 'text', (c) => c.notNull())
          .addColumn('creator_code', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .alterTable('space_members')
          .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();

        // Guest users: they belong to guest spaces and cannot sign in to the API, as in
        // Kintone. Only the password's hash is kept.
        await db.schema
          .createTable('guest_users')
          .addColumn('code', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('details', 'text', (c) => c.notNull())
          .execute();
        await db.schema
          .createTable('space_guests')
          .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id'))
          .addColumn('code', 'text', (c) => c.notNull().references('guest_users.code'))
          .addPrimaryKeyConstraint('space_guests_pk', ['space_id', 'code'])
          .execute();
      },
    },

    '0011_audit_log': {
      async up(db: Kysely<any>) {
        // Authentication events, newest read first. Never a password, token or session secret.
        await db.schema
          .createTable('audit_log')
          .addColumn('id', storage.autoIncrementType, (c) => c.primaryKey())
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('event', 'text', (c) => c.notNull())
          .addColumn('outcome', 'text', (c) => c.notNull())
          .addColumn('method', 'text', (c) => c.notNull())
          .addColumn('user_id', 'integer')
          .addColumn('login_name', 'text')
          .addColumn('client', 'text')
          .addColumn('reason', 'text')
          .execute();
        await db.schema
          .createIndex('audit_log_by_login')
          .on('audit_log')
          .columns(['login_name', 'id'])
          .execute();
      },
    },

    '0012_admin_console': {
      async up(db: Kysely<any>) {
        // A user's own choice of page and message language: '' follows the browser.
        await db.schema
          .alterTable('users')
          .addColumn('language', 'text', (c) => c.notNull().defaultTo(''))
          .execute();

        // Token settings wait for "Update App", as in Kintone. `hint` is the last four
        // characters, the only part of a token shown after it was generated; `pending` holds
        // saved but undeployed changes of a deployed token as JSON (new settings, a new
        // digest, or removal), applied when the app is updated.
        await db.schema
          .alterTable('api_tokens')
          .addColumn('hint', 'text', (c) => c.notNull().defaultTo(''))
          .execute();
        await db.schema.alterTable('api_tokens').addColumn('pending', 'text').execute();
      },
    },

    '0013_app_request_counts': {
      async up(db: Kysely<any>) {
        // Each instance adds its own counts, so rows are summed by an upsert, never replaced.
        await db.schema
          .createTable('app_request_counts')
          .addColumn('app_id', 'bigint', (c) => c.notNull())
          .addColumn('day', 'text', (c) => c.notNull())
          .addColumn('count', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('app_request_counts_pk', ['app_id', 'day'])
          .execute();
      },
    },

    '0014_thread_comment_files': {
      async up(db: Kysely<any>) {
        // A file attached to a space thread comment: no app or record, the comment's id, and
        // the width the request gave (null for the original size; Kintone ignores it for files
        // that are no image). Its key is a fresh one nobody is shown: no API lists them.
        await db.schema.alterTable('files').addColumn('thread_comment_id', 'bigint').execute();
        await db.schema.alterTable('files').addColumn('width', 'integer').execute();
        await db.schema
          .createIndex('files_thread_comment')
          .on('files')
          .column('thread_comment_id')
          .execute();
      },
    },

    '0015_space_member_groups': {
      async up(db: Kysely<any>) {
        // A space member is a user or a group, so the user column becomes optional and a group
        // column joins it; neither engine can relax a primary key in place, so the table is
        // rebuilt. The group column has no foreign key: the built-in groups are not stored.
        await db.schema
          .createTable('space_members_next')
          .addColumn('space_id', 'bigint', (c) => c.notNull().references('spaces.id'))
          .addColumn('user_id', 'integer', (c) => c.references('users.id'))
          .addColumn('group_code', 'text')
          .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
          .execute();
        await db
          .insertInto('space_members_next')
          .columns(['space_id', 'user_id', 'is_admin'])
          .expression(db.selectFrom('space_members').select(['space_id', 'user_id', 'is_admin']))
          .execute();
        await db.schema.dropTable('space_members').execute();
        await db.schema.alterTable('space_members_next').renameTo('space_members').execute();
        await db.schema
          .createIndex('space_members_user')
          .on('space_members')
          .columns(['space_id', 'user_id'])
          .unique()
          .execute();
        await db.schema
          .createIndex('space_members_group')
          .on('space_members')
          .columns(['space_id', 'group_code'])
          .unique()
          .execute();
      },
    },
  };
}

class StaticProvider implements MigrationProvider {
  constructor(private readonly list: Record<string, Migration>) {}
  async getMigrations() {
    return this.list;
  }
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(
  db: Kysely<any>,
  storage: RecordStorage,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    // The bookkeeping tables live in the store's own schema; without this, a table of the same
    // name in another schema of the database would be taken for ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: new StaticProvider(migrations(storage)),
    migrationTableName: 'kintone_local_migrations',
    migrationLockTableName: 'kintone_local_migrations_lock',
    // Each migration creates its own tables and touches no other's, so a store that missed one
    // of them (it was added beside a later one) can take it late.
    allowUnorderedMigrations: true,
  });

  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}
