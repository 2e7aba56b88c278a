import type { Store } from './store.js';

/**
 * Empties every table, children first, so a seed can start from nothing. The audit log stays:
 * it records what happened, including before the reset.
 */
export async function resetStore(store: Store): Promise<void> {
  const db = store.database.db;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('oauth_tokens').execute();
    await trx.deleteFrom('oauth_codes').execute();
    await trx.deleteFrom('oauth_grants').execute();
    await trx.deleteFrom('oauth_client_users').execute();
    await trx.deleteFrom('oauth_clients').execute();
    await trx.deleteFrom('files').execute();
    await trx.deleteFrom('record_comments').execute();
    await trx.deleteFrom('app_acl').execute();
    await trx.deleteFrom('app_settings').execute();
    await trx.deleteFrom('app_preview').execute();
    await trx.deleteFrom('permission_settings').execute();
    await trx.deleteFrom('group_members').execute();
    await trx.deleteFrom('groups').execute();
    await trx.deleteFrom('cursors').execute();
    await trx.deleteFrom('sessions').execute();
    await trx.deleteFrom('app_customize').execute();
    await trx.deleteFrom('api_tokens').execute();
    await trx.deleteFrom('records').execute();
    await trx.deleteFrom('app_request_counts').execute();
    await trx.deleteFrom('apps').execute();
    await trx.deleteFrom('space_members').execute();
    await trx.deleteFrom('space_thread_comments').execute();
    await trx.deleteFrom('space_threads').execute();
    await trx.deleteFrom('space_details').execute();
    await trx.deleteFrom('space_guests').execute();
    await trx.deleteFrom('guest_users').execute();
    await trx.deleteFrom('spaces').execute();
    await trx.deleteFrom('users').execute();
  });
  await store.database.changes.publish({ kind: 'everything' });
}
