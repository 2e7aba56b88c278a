import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts `bench/<script>` in its own Node process and waits for the port it prints. Each server
 * gets a process of its own so that the load generator in the parent never shares its event
 * loop, and no case inherits another's JIT state or heap.
 */
export function startChild(
  script,
  args,
  { cpuProfileDir = null, profileName = script, exposeGc = false } = {},
) {
  const flags = cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`, `--cpu-prof-name=${profileName}.cpuprofile`]
    : [];
  // Lets heapAfterGc() collect before it measures; only the load run asks for it.
  if (exposeGc) flags.push('--expose-gc');
  const child = spawn(process.execPath, [...flags, path.join(BENCH_DIR, script), ...args], {
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'],
  });

  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Error(`${script} did not report a port within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );

    child.on('error', fail);
    child.on('exit', (code, signal) => {
      fail(new Error(`${script} exited (${signal ?? code}) before listening`));
    });
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', function readPort(chunk) {
      output += chunk;
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;

      clearTimeout(timer);
      child.stdout.off('data', readPort);
      child.removeAllListeners('exit');
      const { port } = JSON.parse(line);
      resolve({
        url: `http://127.0.0.1:${port}`,
        cpuUsage: () => askCpuUsage(child),
        rss: () => askRss(child),
        heapAfterGc: () => askHeapAfterGc(child),
        stop: () => stopChild(child),
      });
    });
  });
}

/** CPU time the child has used so far, in microseconds, as process.cpuUsage() counts it. */
async function askCpuUsage(child) {
  child.send('cpu-usage');
  const [{ cpuUsage }] = await once(child, 'message');
  return cpuUsage.user + cpuUsage.system;
}

/** The child's resident memory, in bytes. */
async function askRss(child) {
  child.send('rss');
  const [{ rss }] = await once(child, 'message');
  return rss;
}

/**
 * The child's used JavaScript heap, in bytes, right after a full collection: what it still
 * holds on to, without the garbage that RSS and a plain heap reading count by chance. The child
 * must have been started with `exposeGc`.
 */
async function askHeapAfterGc(child) {
  child.send('heap-after-gc');
  const [answer] = await once(child, 'message');
  if (answer.heapUsed === undefined) throw new Error('the child was started without exposeGc');
  return answer.heapUsed;
}

/** Closes the child's stdin and waits; a clean exit is what lets V8 write its CPU profile. */
function stopChild(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.stdin.end();
  });
}
