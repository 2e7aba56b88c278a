import autocannon from 'autocannon';

/**
 * Drives one server with autocannon: a warm-up (JIT, caches, the first password verification)
 * whose figures are dropped except for its failures, then the measured run.
 */
export async function measure(url, headers, options) {
  const common = { url, headers, connections: options.connections, pipelining: 1 };
  const warmup = await autocannon({ ...common, duration: options.warmupSeconds });
  const result = await autocannon({ ...common, duration: options.seconds });

  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    ok: result['2xx'],
    // A benchmark of errors is worthless, so every failure, warm-up included, is reported.
    non2xx: warmup.non2xx + result.non2xx,
    errors: warmup.errors + warmup.timeouts + result.errors + result.timeouts,
    statusCodes: mergeCounts(warmup.statusCodeStats, result.statusCodeStats),
  };
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
