import type { Config } from './config/config.js';
import { applySeed } from './seed/apply-seed.js';
import { demoSeed, type DemoSeed } from './seed/demo.js';
import { parseSeed, readSeedFile } from './seed/read-seed.js';
import type { SeedInput } from './seed/seed-schema.js';
import { assertPortAvailable } from './http/port-check.js';
import { buildServer, type ServerParts } from './server.js';
import { resetStore } from './store/reset.js';
import { openStore, storeLocationFor, type Store, type StoreLocation } from './store/store.js';
import { loadTls, type TlsMaterial } from './tls/load-tls.js';

export interface StartOptions {
  config: Config;
  /** A seed file path, or a seed object in the same shape (tests pass one directly). */
  seed?: string | SeedInput;
  /** Empty the store before seeding. */
  reset?: boolean;
  /** Where the store lives; by default from the config. */
  location?: StoreLocation;
  /** The clock sessions and records use; tests pass a fake one. */
  now?: () => Date;
}

export interface RunningServer extends ServerParts {
  store: Store;
  url: string;
  /** Set when the store was empty and the demo was created. */
  demo: DemoSeed | null;
  /** What the store started from: a fresh demo, the given seed, or what it already held. */
  startedFrom: 'demo' | 'seed' | 'existing';
  /** The certificate served over HTTPS, and whether this start generated it; null over HTTP. */
  tls: { certFile: string; selfSigned: TlsMaterial['selfSigned'] } | null;
  close(): Promise<void>;
}

/**
 * Opens the store, seeds it, and starts listening. An empty store without a seed gets the
 * demo, so there is always somebody to authenticate as and never an open server.
 */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  // Certificate problems and a port in use stop the start before the store is opened or
  // seeded: a failed start must not leave a seeded store that the next start then keeps.
  const tls = await loadTls(config);
  await assertPortAvailable(config.port, config.host);
  const store = await openStore(options.location ?? storeLocationFor(config));

  let demo: DemoSeed | null = null;
  let startedFrom: RunningServer['startedFrom'] = 'existing';
  try {
    if (options.reset) await resetStore(store);
    // A seed object is checked like a seed file, so its defaults apply the same way.
    const seed =
      typeof options.seed === 'string'
        ? readSeedFile(options.seed)
        : options.seed && parseSeed(options.seed);
    const seedOptions = { now: new Date(), timeZone: config.timeZone };

    const isEmpty = (await store.users.count()) === 0;
    if (seed && isEmpty) {
      await applySeed(store, seed, seedOptions);
      startedFrom = 'seed';
    } else if (!seed && isEmpty) {
      demo = demoSeed();
      await applySeed(store, demo.seed, seedOptions);
      startedFrom = 'demo';
    }
  } catch (error) {
    await store.close();
    throw error;
  }

  const parts = buildServer(config, store, options.now, tls);
  // Listening to other instances before serving, so no change made meanwhile goes unheard.
  await store.database.changes.ready();
  await parts.app.listen({ port: config.port, host: config.host });
  const address = parts.app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const protocol = tls ? 'https' : 'http';

  return {
    ...parts,
    store,
    url: `${protocol}://${config.host}:${port}`,
    demo,
    startedFrom,
    tls: tls && { certFile: tls.certFile, selfSigned: tls.selfSigned },
    async close() {
      await parts.app.close();
      await parts.audit.flush();
      await store.close();
    },
  };
}
