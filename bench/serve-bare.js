// The floor for comparison: `node bench/serve-bare.js <body file> <content type>` answers every
// request with those bytes and nothing else. Prints {"port":N}; stops when stdin closes.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { once } from 'node:events';
import { serveUntilStdinCloses } from './lib/child-side.js';

const body = readFileSync(process.argv[2]);
const headers = { 'content-type': process.argv[3], 'content-length': String(body.length) };

const server = http.createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});

server.listen(0, '127.0.0.1');
await once(server, 'listening');
serveUntilStdinCloses(server.address().port, () => new Promise((done) => server.close(done)));
