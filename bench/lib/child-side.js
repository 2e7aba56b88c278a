/**
 * The server child's half of the conversation with run.js: announce the port on stdout, answer
 * CPU-time and memory questions over IPC, and stop when stdin closes (which also happens if the parent
 * dies, so no server outlives a run).
 */
export function serveUntilStdinCloses(port, close) {
  process.on('message', (message) => {
    if (message === 'cpu-usage') process.send?.({ cpuUsage: process.cpuUsage() });
    if (message === 'rss') process.send?.({ rss: process.memoryUsage().rss });
    if (message === 'heap-after-gc') sendHeapAfterGc();
  });
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await close();
    process.exit(0);
  });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

/**
 * Collects twice, a turn of the event loop apart, so objects that finalizers or closed sockets
 * release on the first pass are gone too, then reports the heap still in use.
 */
function sendHeapAfterGc() {
  if (typeof globalThis.gc !== 'function') {
    process.send?.({ heapUsed: undefined });
    return;
  }
  globalThis.gc();
  setImmediate(() => {
    globalThis.gc();
    process.send?.({ heapUsed: process.memoryUsage().heapUsed });
  });
}
