import autocannon from 'autocannon';
import { RECORD_PATH } from './fixture.js';

/**
 * Drives one server child with autocannon: a warm-up (JIT, caches, the first password
 * verification) whose figures are dropped except for its failures, then the measured run.
 * The server's own CPU time over the measured run tells whether the server or the load
 * generator was the limit: a server well below one core was waiting for requests.
 */
export async function measure(server, headers, options, nextPath = () => RECORD_PATH) {
  const url = `${server.url}${nextPath()}`;
  const common = {
    url,
    headers,
    connections: options.connections,
    pipelining: 1,
    // Each request asks for its own path, so a case can walk through many pages.
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  };
  const warmup = await autocannon({ ...common, duration: options.warmupSeconds });

  const cpuBefore = await server.cpuUsage();
  const result = await autocannon({ ...common, duration: options.seconds });
  const cpuMicros = (await server.cpuUsage()) - cpuBefore;

  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    serverCpu: cpuMicros / (result.duration * 1e6),
    cpuMicrosPerRequest: cpuMicros / Math.max(1, result['2xx'] + result.non2xx),
    // A benchmark of errors is worthless, so every failure, warm-up included, is reported.
    non2xx: warmup.non2xx + result.non2xx,
    errors: warmup.errors + warmup.timeouts + result.errors + result.timeouts,
    statusCodes: mergeCounts(warmup.statusCodeStats, result.statusCodeStats),
  };
}

/**
 * The same measurement against two servers at once, half the connections each: requests add
 * up, latencies are the worse of the two, and CPU per response covers both servers.
 */
export async function measurePair(servers, headers, options) {
  const half = { ...options, connections: Math.max(1, Math.round(options.connections / 2)) };
  const [a, b] = await Promise.all(servers.map((server) => measure(server, headers, half)));
  const requests = (f) => f.requestsPerSecond;
  const total = requests(a) + requests(b);
  return {
    requestsPerSecond: total,
    p50: Math.max(a.p50, b.p50),
    p99: Math.max(a.p99, b.p99),
    mean: (a.mean * requests(a) + b.mean * requests(b)) / total,
    serverCpu: a.serverCpu + b.serverCpu,
    cpuMicrosPerRequest:
      (a.cpuMicrosPerRequest * requests(a) + b.cpuMicrosPerRequest * requests(b)) / total,
    non2xx: a.non2xx + b.non2xx,
    errors: a.errors + b.errors,
    statusCodes: mergeCounts(toStats(a.statusCodes), toStats(b.statusCodes)),
  };
}

function toStats(counts) {
  return Object.fromEntries(Object.entries(counts).map(([code, count]) => [code, { count }]));
}

function mergeCounts(...stats) {
  const counts = {};
  for (const byCode of stats) {
    for (const [code, { count }] of Object.entries(byCode)) {
      counts[code] = (counts[code] ?? 0) + count;
    }
  }
  return counts;
}
