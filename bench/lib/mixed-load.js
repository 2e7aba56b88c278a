import http from 'node:http';
import { LOGIN, PASSWORD_HEADERS, WRITE_TOKEN } from './fixture.js';

/**
 * The mixed load of `npm run load`: each connection loops over reads and writes, rotating
 * between API-token, password and session authentication, and every answer is sorted into
 * successes, the documented 429 (GAIA_TO04, beyond the concurrency limit) and anything else.
 */
export async function runMixedLoad({ url, password, connections, seconds }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const session = await startSession(url, password, agent);
  const auths = [
    { name: 'token', headers: { 'x-cybozu-api-token': WRITE_TOKEN }, body: {} },
    { name: 'password', headers: PASSWORD_HEADERS, body: {} },
    {
      name: 'session',
      headers: { cookie: session.cookie, 'x-requested-with': 'XMLHttpRequest' },
      body: { __REQUEST_TOKEN__: session.requestToken },
    },
  ];

  const tally = new Tally();
  const ids = [1];
  const deadline = Date.now() + seconds * 1000;
  const loop = async (connection) => {
    for (let i = connection; Date.now() < deadline; i += connections) {
      const auth = auths[i % auths.length];
      const step = pickStep(i, ids);
      const started = performance.now();
      const answer = await send(url, agent, step, auth).catch((error) => ({
        status: 0,
        code: error.code ?? 'network',
      }));
      tally.add(`${auth.name} ${step.kind}`, answer, performance.now() - started);
      if (step.kind === 'add' && answer.status === 200) ids.push(Number(answer.json.id));
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, c) => loop(c)));
  agent.destroy();
  return tally.summary(seconds);
}

/** Half reads of one record, a fifth queries, the rest adds and updates. */
function pickStep(i, ids) {
  const id = ids[(i * 7919) % ids.length];
  switch (i % 10) {
    case 0:
    case 1:
      return { kind: 'query', method: 'GET', path: '/k/v1/records.json?app=1&query=' + QUERY };
    case 2:
    case 3:
      return { kind: 'add', method: 'POST', path: '/k/v1/record.json', body: addBody(i) };
    case 4:
      return { kind: 'update', method: 'PUT', path: '/k/v1/record.json', body: updateBody(id, i) };
    default:
      return { kind: 'read', method: 'GET', path: `/k/v1/record.json?app=1&id=${id}` };
  }
}

const QUERY = encodeURIComponent('amount > 10 order by $id desc limit 20');

function addBody(i) {
  return {
    app: 1,
    record: { title: { value: `load ${i}` }, amount: { value: String(i % 1000) } },
  };
}

function updateBody(id, i) {
  return { app: 1, id, record: { title: { value: `updated ${i}` } } };
}

function send(url, agent, step, auth) {
  const body = step.body && JSON.stringify({ ...step.body, ...auth.body });
  const headers = body
    ? {
        ...auth.headers,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      }
    : auth.headers;
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}${step.path}`,
      { method: step.method, headers, agent },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          let json = {};
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // A non-JSON answer is counted by its status alone.
          }
          resolve({ status: response.statusCode, code: json.code, json });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Logs in through the form, as a browser would, and reads the page's request token. */
async function startSession(url, password, agent) {
  const form = new URLSearchParams({ username: LOGIN, password }).toString();
  const login = await rawText(
    url,
    agent,
    'POST',
    '/login',
    {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(form),
    },
    form,
  );
  const cookie = (login.headers['set-cookie'] ?? []).find((c) => c.startsWith('kintone'));
  if (!cookie) throw new Error(`login failed with ${login.status}`);
  const value = cookie.split(';')[0];

  const page = await rawText(url, agent, 'GET', '/k/', { cookie: value });
  const requestToken = /"requestToken":"([^"]+)"/.exec(page.text)?.[1];
  if (!requestToken) throw new Error('no request token on the portal page');
  return { cookie: value, requestToken };
}

function rawText(url, agent, method, path, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request(`${url}${path}`, { method, headers, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, headers: response.headers, text }),
      );
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Counts per case and outcome, and every latency for the percentiles. */
class Tally {
  #latencies = [];
  #byCase = new Map();
  ok = 0;
  limited = 0;
  unexpected = 0;
  #unexpectedKinds = new Map();

  add(name, answer, ms) {
    this.#latencies.push(ms);
    const counts = this.#byCase.get(name) ?? { ok: 0, limited: 0, unexpected: 0 };
    this.#byCase.set(name, counts);
    if (answer.status === 200) {
      this.ok += 1;
      counts.ok += 1;
    } else if (answer.status === 429 && answer.code === 'GAIA_TO04') {
      this.limited += 1;
      counts.limited += 1;
    } else {
      this.unexpected += 1;
      counts.unexpected += 1;
      const kind = `${name}: ${answer.status} ${answer.code ?? ''}`.trim();
      this.#unexpectedKinds.set(kind, (this.#unexpectedKinds.get(kind) ?? 0) + 1);
    }
  }

  summary(seconds) {
    const sorted = Float64Array.from(this.#latencies).sort();
    const at = (q) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : 0;
    return {
      requests: sorted.length,
      requestsPerSecond: sorted.length / seconds,
      p50: at(0.5),
      p99: at(0.99),
      ok: this.ok,
      limited: this.limited,
      unexpected: this.unexpected,
      unexpectedKinds: Object.fromEntries(this.#unexpectedKinds),
      byCase: Object.fromEntries(this.#byCase),
    };
  }
}
