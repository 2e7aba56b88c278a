/**
 * Shared assertions for the break tests (test/break/*.break.test.ts).
 *
 * These tests try to make kintone-local misbehave. The rule every answer must follow: a
 * Kintone-style JSON error `{code, id, message, errors?}` with the status of its row in
 * src/errors/table.ts, never a 500 (KL_IN01), never a stack trace or framework detail in the
 * body, never a hang, and nothing half-written.
 *
 * Many of these once failed; they stay as regression tests for what was fixed.
 */
import net from 'node:net';
import { expect } from 'vitest';
import { ERROR_TABLE } from '../../src/errors/table.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest, type RawResponse } from '../support/http.js';
import type { TestServer } from '../support/server.js';

export { fixtureSeed, TOKENS, USERS, jsonRequest, passwordHeader, rawRequest };
export type { RawResponse };

export const asAlice = {
  'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
  'accept-language': 'en',
};
export const asBob = {
  'x-cybozu-authorization': passwordHeader(USERS.bob.loginName, USERS.bob.password),
  'accept-language': 'en',
};
export const asFullToken = { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' };

/** Words that betray internals: stack frames, framework codes, database messages. */
const LEAKS = [
  /\bat \S+ \(/, // stack frame
  /node_modules/,
  /\.ts:\d+/,
  /FST_ERR/,
  /Sqlite|SQLITE|sqlite/,
  /postgres|DatabaseError|syntax error at or near|out of range for type/i,
  /statusCode/,
  /"error":/,
];

/** A JSON error in Kintone's shape, with no internal detail, and not a 5xx. */
export function expectKintoneShape(response: RawResponse): void {
  expect(response.status, `status of ${response.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  // 501 KL_NI01 is kintone-local's documented answer for an API it does not implement yet.
  const limit = response.json?.code === 'KL_NI01' ? 502 : 500;
  expect(response.status, `5xx: ${response.text.slice(0, 300)}`).toBeLessThan(limit);
  expect(response.json, `not JSON: ${response.text.slice(0, 300)}`).toBeTypeOf('object');
  expect(typeof response.json.code).toBe('string');
  expect(response.json.code).not.toBe('KL_IN01');
  expect(typeof response.json.message).toBe('string');
  expect(response.json.id).toMatch(/^[A-Za-z0-9_-]{20}$/);
  const allowed = new Set(['code', 'id', 'message', 'errors']);
  expect(Object.keys(response.json).filter((k) => !allowed.has(k))).toEqual([]);
  for (const leak of LEAKS) expect(response.text).not.toMatch(leak);
  const row = ERROR_TABLE[response.json.code as keyof typeof ERROR_TABLE];
  expect(row, `unknown code ${response.json.code}`).toBeDefined();
  expect(response.status).toBe(row.status);
}

/** A Kintone error with the given code (and its table status). */
export function expectKintoneError(response: RawResponse, code: string | readonly string[]): void {
  expectKintoneShape(response);
  const codes = typeof code === 'string' ? [code] : code;
  expect(codes, `got ${response.status} ${response.text.slice(0, 300)}`).toContain(
    response.json.code,
  );
}

/** Either a success or a proper Kintone 4xx: never a 500, a framework body or a hang. */
export function expectNoServerFault(response: RawResponse): void {
  if (response.status >= 200 && response.status < 300) return;
  expectKintoneShape(response);
}

/** Sends bytes on a bare socket and returns what came back (for requests http.request refuses). */
export function rawSocket(
  baseUrl: string,
  data: string | Buffer,
  timeoutMs = 5000,
): Promise<string> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    let out = '';
    const socket = net.connect(Number(url.port), url.hostname, () => socket.write(data));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`${out}[TIMEOUT]`);
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    socket.on('end', () => {
      clearTimeout(timer);
      resolve(out);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      resolve(`${out}[ERROR ${String(error)}]`);
    });
  });
}

/** Splits a raw HTTP/1.1 answer into status and parsed body, as rawRequest would give them. */
export function parseRawHttp(raw: string): RawResponse {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  const text = rest.join('\r\n\r\n');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}

/** Adds records to app 1 with the full token and returns their ids. */
export async function addRecords(
  server: TestServer,
  records: Array<Record<string, { value: unknown }>>,
  app = 1,
  headers: Record<string, string> = asFullToken,
): Promise<string[]> {
  const response = await jsonRequest(server.url, 'POST', '/k/v1/records.json', headers, {
    app,
    records,
  });
  expect(response.status, response.text).toBe(200);
  return response.json.ids as string[];
}

export async function getRecord(server: TestServer, id: string | number, app = 1) {
  return jsonRequest(server.url, 'GET', '/k/v1/record.json', asFullToken, { app, id });
}

export async function countWhere(server: TestServer, query: string, app = 1): Promise<number> {
  const response = await jsonRequest(server.url, 'GET', '/k/v1/records.json', asFullToken, {
    app,
    query,
    totalCount: true,
  });
  expect(response.status, response.text).toBe(200);
  return Number(response.json.totalCount);
}

/** Tallies responses as "status code" strings, for concurrency assertions. */
export function tally(responses: RawResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = `${r.status} ${r.json?.code ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
