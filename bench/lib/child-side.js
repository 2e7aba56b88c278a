/**
 * The server child's half of the conversation with run.js: announce the port on stdout, answer
 * CPU-time and memory questions over IPC, and stop when stdin closes (which also happens if the parent
 * dies, so no server outlives a run).
 */
export function serveUntilStdinCloses(port, close) {
  process.on('message', (message) => {
    if (message === 'cpu-usage') process.send?.({ cpuUsage: process.cpuUsage() });
    if (message === 'rss') process.send?.({ rss: process.memoryUsage().rss });
  });
  process.stdin.resume();
  process.stdin.on('end', async () => {
    await close();
    process.exit(0);
  });
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}
