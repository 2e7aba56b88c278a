import { startChild } from './children.js';
import { measure } from './load.js';
import { measurePair } from './load.js';
import { LOGIN, PASSWORD, PASSWORD_HEADERS, RECORD_PATH, TOKEN_HEADERS } from './fixture.js';

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

/**
 * One measured case: a fresh server child, one checked request, then the load. `headers` is
 * either the headers or a function that makes them from the server's URL (a session login);
 * `nextPath`, when given, names the path of each request, and `check` looks at the first answer.
 */
export async function runCase({ key, script, args, headers, nextPath, check }, options) {
  const server = await startChild(script, args, {
    cpuProfileDir: options.cpuProfileDir,
    profileName: key,
  });
  try {
    const sent = typeof headers === 'function' ? await headers(server.url) : headers;
    const probe = await fetchRecord(server.url, sent, nextPath?.() ?? RECORD_PATH);
    check?.(probe.body);
    return await measure(server, sent, options, nextPath);
  } finally {
    await server.stop();
  }
}

/**
 * Two server children on one store, each driven by half the connections at the same time, as
 * a balancer would split them. Headers made by a function (a session login) come from the first
 * server and are sent to both: a session lives in the store, so either instance must accept it,
 * which the checked request to each proves before the load starts.
 */
export async function runPairCase({ script, args, headers }, options) {
  const servers = [await startChild(script, args), await startChild(script, args)];
  try {
    const sent = typeof headers === 'function' ? await headers(servers[0].url) : headers;
    for (const server of servers) await fetchRecord(server.url, sent);
    return await measurePair(servers, sent, options);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** Logs in through the form and returns what a browser's API call sends. */
export async function sessionHeaders(baseUrl) {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: LOGIN, password: PASSWORD }).toString(),
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('kintone'));
  if (!cookie) throw new Error(`login answered ${response.status} without a session cookie`);
  return { cookie: cookie.split(';')[0], 'x-requested-with': 'XMLHttpRequest' };
}

async function fetchRecord(baseUrl, headers, path = RECORD_PATH) {
  const response = await fetch(`${baseUrl}${path}`, { headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) {
    throw new Error(`${path} answered ${response.status}: ${body.toString('utf8')}`);
  }
  return { body, contentType: response.headers.get('content-type') ?? 'application/json' };
}
