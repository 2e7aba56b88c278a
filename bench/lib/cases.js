import { startChild } from './children.js';
import { measure } from './load.js';
import { PASSWORD_HEADERS, RECORD_PATH, TOKEN_HEADERS } from './fixture.js';

/**
 * Starts kintone-local on a store, fetches the record once with each credential and returns
 * the body and content type. Starting it also seeds the store, so the measured servers start
 * on a store that is already full. A failing or differing answer stops the run: there would be
 * nothing meaningful to measure.
 */
export async function probeRecord(location) {
  const server = await startChild('serve-kintone.js', [JSON.stringify(location)]);
  try {
    const byToken = await fetchRecord(server.url, TOKEN_HEADERS);
    const byPassword = await fetchRecord(server.url, PASSWORD_HEADERS);
    if (!byToken.body.equals(byPassword.body)) {
      throw new Error('the record differs between API-token and password authentication');
    }
    return byToken;
  } finally {
    await server.stop();
  }
}

/** One measured case: a fresh server child, one checked request, then the load. */
export async function runCase({ key, script, args, headers, nextPath, check }, options) {
  const server = await startChild(script, args, {
    cpuProfileDir: options.cpuProfileDir,
    profileName: key,
  });
  try {
    const probe = await fetchRecord(server.url, headers, nextPath?.() ?? RECORD_PATH);
    check?.(probe.body);
    return await measure(server, headers, options, nextPath);
  } finally {
    await server.stop();
  }
}

async function fetchRecord(baseUrl, headers, path = RECORD_PATH) {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) {
    throw new Error(`${path} answered ${response.status}: ${body.toString('utf8')}`);
  }
  return { body, contentType: response.headers.get('content-type') ?? 'application/json' };
}
