// One kintone-local server for the benchmark: `node bench/serve-kintone.js '<location JSON>'`.
// Needs `npm run build`; prints {"port":N} once listening and stops when stdin closes.
import { loadConfig } from '../dist/config/load.js';
import { startServer } from '../dist/start.js';
import { serveUntilStdinCloses } from './lib/child-side.js';
import { benchSeed } from './lib/fixture.js';

const location = JSON.parse(process.argv[2]);

// An empty environment: DATABASE_URL or LOG_LEVEL of the shell must not reach the server.
const config = loadConfig({ port: 0, host: '127.0.0.1', logLevel: 'silent' }, {});
const server = await startServer({ config, seed: benchSeed(), location });

serveUntilStdinCloses(Number(new URL(server.url).port), () => server.close());
