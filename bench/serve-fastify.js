// The framework's own floor: `node bench/serve-fastify.js <body file>` answers every request
// with the same record through a Fastify route that does nothing else. The gap between this
// and kintone-local is what authentication and the record read cost; the gap between this and
// bare node:http is the framework. Prints {"port":N}; stops when stdin closes.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { serveUntilStdinCloses } from './lib/child-side.js';

const record = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const app = Fastify({ logger: false });
app.get('/k/v1/*', async () => record);
await app.listen({ port: 0, host: '127.0.0.1' });

serveUntilStdinCloses(app.server.address().port, () => app.close());
