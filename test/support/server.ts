import type { ConfigInput } from '../../src/config/config.js';
import { loadConfig } from '../../src/config/load.js';
import type { Seed } from '../../src/seed/seed-schema.js';
import { startServer, type RunningServer } from '../../src/start.js';
import { freshLocation, type DialectName } from './dialects.js';

export interface TestServer {
  /** `http://localhost:PORT`: the official client accepts plain HTTP only for localhost. */
  url: string;
  server: RunningServer;
  close(): Promise<void>;
}

/** Starts a real server on a free port over a fresh store of the given engine. */
export async function startTestServer(
  dialect: DialectName,
  seed: Seed,
  config: ConfigInput = {},
  options: { now?: () => Date } = {},
): Promise<TestServer> {
  const { location, cleanup } = await freshLocation(dialect);
  const server = await startServer({
    config: loadConfig({ port: 0, logLevel: 'silent', ...config }, {}),
    seed,
    location,
    ...(options.now ? { now: options.now } : {}),
  });
  const port = new URL(server.url).port;
  return {
    url: `${server.url.startsWith('https') ? 'https' : 'http'}://localhost:${port}`,
    server,
    async close() {
      await server.close();
      await cleanup();
    },
  };
}
