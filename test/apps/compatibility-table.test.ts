import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

interface Row {
  method: string;
  path: string;
  status: 'supported' | 'partial' | 'unsupported';
}

/** The rows of docs/compatibility.md: one method and path per API of the official client. */
function readTable(): Row[] {
  const text = readFileSync(new URL('../../docs/compatibility.md', import.meta.url), 'utf8');
  const pattern =
    /^\| (GET|POST|PUT|DELETE) \| `([a-zA-Z/]+)` \| (supported|partial|unsupported) \|/gm;
  return [...text.matchAll(pattern)].map((m) => ({
    method: m[1]!,
    path: m[2]!,
    status: m[3] as Row['status'],
  }));
}

const TABLE = readTable();

describe('docs/compatibility.md', () => {
  it('lists the 98 method and path pairs of the official client once each', () => {
    expect(TABLE).toHaveLength(98);
    expect(new Set(TABLE.map((r) => `${r.method} ${r.path}`)).size).toBe(98);
  });

  it('counts its rows right in its summary', () => {
    const text = readFileSync(new URL('../../docs/compatibility.md', import.meta.url), 'utf8');
    const count = (status: Row['status']) => TABLE.filter((r) => r.status === status).length;
    expect(text).toContain(
      `Today: ${count('supported')} supported, ${count('partial')} partial, ` +
        `${count('unsupported')} unsupported.`,
    );
  });
});

describe.each(DIALECTS)('the server agrees with docs/compatibility.md [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  // Each API is called by an administrator without parameters: supported APIs answer with
  // their own checks (mostly CB_VA01 for the missing parameter), never the declared
  // "not supported" error and never an unknown-API answer.
  it.each(TABLE)('$method $path is $status', async ({ method, path, status }) => {
    const headers = {
      'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
    };
    const body = method === 'GET' || method === 'DELETE' ? undefined : {};
    const response = await jsonRequest(server.url, method, `/k/v1/${path}.json`, headers, body);

    if (status === 'unsupported') {
      expect(response.status).toBe(400);
      expect(response.json.code).toBe('KL_NI01');
      return;
    }
    expect(response.json?.code).not.toBe('KL_NI01');
    expect(['KL_UR01', 'KL_UR02']).not.toContain(response.json?.code);
    expect(response.status).toBeLessThan(500);
  });
});
