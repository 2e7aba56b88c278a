import { loadConfig } from '../config/load.js';
import { openStore, storeLocationFor, type Store } from '../store/store.js';

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
  const store = await openStore(storeLocationFor(config));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Now, to the second, as the store keeps creation times. */
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
