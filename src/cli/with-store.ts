import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/load.js';
import { openStore, storeLocationFor, type Store } from '../store/store.js';

/** Something a command looked up is not in the store: a user, an app, a group, a client. */
export class NotInStoreError extends Error {}

/** Opens the store named by the common options, runs `work`, and always closes it. */
export async function withStore<T>(
  options: { data?: string; databaseUrl?: string },
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const config = loadConfig({
    dataDir: options.data,
    databaseUrl: options.databaseUrl,
    logLevel: 'silent',
  });
  const location = storeLocationFor(config);
  const createdNow = location.kind === 'sqlite' && !existsSync(location.file);
  const store = await openStore(location);
  try {
    return await work(store);
  } catch (error) {
    // "No app 1." in a store this command just created means it looked in the wrong folder:
    // the default store is relative to the directory the command runs in.
    if (createdNow && error instanceof NotInStoreError) {
      const folder = path.dirname(location.file);
      throw new Error(
        `${error.message} The store at ${folder} was empty (this command created it): give ` +
          'the --data folder or --database-url the server uses.',
        { cause: error },
      );
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** Now, to the second, as the store keeps creation times. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
