import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { TOKENS, USERS } from '../support/fixture.js';
import { findLeaks, FuzzTarget, problemWith, PROPERTY_TIMEOUT_MS, RUNS } from './harness.js';

/** Header values Node will send: visible ASCII and spaces, no line breaks. */
const headerText = fc.string({ unit: fc.constantFrom(...printableAscii()), maxLength: 80 });
const anyText = fc.string({ unit: 'grapheme', maxLength: 60 });
const token40 = fc.string({
  unit: fc.constantFrom(...alphanumerics()),
  minLength: 40,
  maxLength: 40,
});

const API_PATHS = [
  '/k/v1/record.json',
  '/k/v1/records.json',
  '/k/v1/app.json',
  '/k/v1/apps.json',
  '/k/v1/app/form/fields.json',
  '/k/v1/records/cursor.json',
  '/k/v1/file.json',
  '/k/v1/bulkRequest.json',
  '/k/guest/2/v1/record.json',
  '/k/v1/record/comments.json',
];

describe.each(DIALECTS)('generated inputs never break the server [%s]', (dialect) => {
  const target = new FuzzTarget();

  beforeAll(async () => {
    await target.start(dialect);
  });
  afterAll(async () => {
    await target.stop();
    const counts = [...target.counts].map(([name, n]) => `${name} ${n}`).join(', ');
    const total = [...target.counts.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(`fuzz [${dialect}]: ${total} generated requests (${counts})\n`);
  });

  async function check(property: string, request: Parameters<FuzzTarget['send']>[0]) {
    target.count(property);
    const answer = await target.send(request);
    const problem = problemWith(answer);
    if (problem) throw new Error(`${request.method} ${request.path}: ${problem}`);
  }

  // The encoded header is a secret too: a logged header would show it, not the password.
  const basic = (login: string, password: string) =>
    target.secret(Buffer.from(`${login}:${target.secret(password)}`, 'utf8').toString('base64'));

  it(
    'takes any combination of credential headers and cookies',
    async () => {
      const password = fc.oneof(
        fc.constant(USERS.alice.password),
        anyText.map((s) => `pw-${s}-fuzz`),
      );
      const credentials = fc.record(
        {
          cybozu: fc.oneof(
            fc
              .tuple(fc.constantFrom('alice', 'bob', 'carol', 'ゆき', ''), password)
              .map(([l, p]) => basic(l, p)),
            headerText,
          ),
          token: fc.oneof(
            token40.map((t) => target.secret(t)),
            fc.constantFrom(
              TOKENS.app1Full,
              TOKENS.app1View,
              `${TOKENS.app1Full},${TOKENS.app4View}`,
            ),
            headerText,
          ),
          basicAuth: fc.oneof(
            fc.tuple(anyText, password).map(([l, p]) => `Basic ${basic(l, p)}`),
            headerText.map((s) => `Basic ${s}`),
            headerText.map((s) => `Bearer ${target.secret(s)}`),
          ),
          cookie: fc.oneof(
            fc
              .tuple(token40, token40)
              .map(
                ([a, b]) => `kintone-session=${a.slice(0, 24)}.${target.secret(b.slice(0, 32))}`,
              ),
            headerText,
          ),
          requestedWith: fc.constant('XMLHttpRequest'),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(
          credentials,
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
          async (c, method) => {
            const headers: Record<string, string> = {};
            if (c.cybozu !== undefined) headers['x-cybozu-authorization'] = c.cybozu;
            if (c.token !== undefined) headers['x-cybozu-api-token'] = c.token;
            if (c.basicAuth !== undefined) headers.authorization = c.basicAuth;
            if (c.cookie !== undefined) headers.cookie = c.cookie;
            if (c.requestedWith !== undefined) headers['x-requested-with'] = c.requestedWith;
            await check('auth headers', { method, path: '/k/v1/record.json?app=1&id=1', headers });
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes any query string on any API path',
    async () => {
      const key = fc.oneof(
        fc.constantFrom(
          'app',
          'id',
          'ids[0]',
          'query',
          'fields[0]',
          'totalCount',
          'lang',
          'apps[0]',
          'revision',
        ),
        anyText,
      );
      const value = fc.oneof(
        fc.integer().map(String),
        anyText,
        fc.constantFrom('', '1', '-1', '1e309', '0x10'),
      );
      const pairs = fc.array(fc.tuple(key, value), { maxLength: 6 });
      const raw = fc.string({
        unit: fc.constantFrom(...'%&=[]+;#?a1.Z\u0000é'.split('')),
        maxLength: 40,
      });
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...API_PATHS),
          pairs,
          raw,
          fc.boolean(),
          async (path, list, junk, encoded) => {
            const query = encoded
              ? list.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')
              : encodeURI(list.map(([k, v]) => `${k}=${v}`).join('&')).replace(/#/g, '%23') +
                junk.replace(/[#\u0000é]/g, '%');
            await check('query strings', {
              method: 'GET',
              path: `${path}?${query}`,
              headers: { 'x-cybozu-api-token': TOKENS.app1Full },
            });
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes any JSON body on the write APIs',
    async () => {
      const fieldValue = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.record({ value: fc.jsonValue({ maxDepth: 2 }) }),
      );
      const record = fc.dictionary(
        fc.constantFrom(
          'title',
          'code',
          'body',
          'amount',
          'due',
          'at',
          'state',
          'tags',
          'priority',
          '$id',
          '$revision',
          'nope',
        ),
        fieldValue,
      );
      const body = fc.oneof(
        fc.record({ app: fc.jsonValue(), id: fc.jsonValue(), record }, { requiredKeys: [] }),
        fc.record({ app: fc.constant(1), record }),
        fc.record({
          app: fc.constant(1),
          id: fc.integer({ min: -2, max: 8 }),
          revision: fc.jsonValue(),
          record,
        }),
        fc.record({ app: fc.constant(1), records: fc.array(record, { maxLength: 3 }) }),
        fc.jsonValue({ maxDepth: 4 }),
      );
      const text = fc.oneof(
        body.map((b) => JSON.stringify(b)),
        anyText,
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(
            ['POST', '/k/v1/record.json'],
            ['PUT', '/k/v1/record.json'],
            ['POST', '/k/v1/records.json'],
            ['PUT', '/k/v1/records.json'],
            ['DELETE', '/k/v1/records.json'],
            ['GET', '/k/v1/records.json'],
            ['POST', '/k/v1/bulkRequest.json'],
          ),
          text,
          async ([method, path], json) => {
            await check('JSON bodies', {
              method: method!,
              path: path!,
              headers: {
                'x-cybozu-api-token': TOKENS.app1Full,
                'content-type': 'application/json',
              },
              body: json,
            });
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes any multipart body on the file API',
    async () => {
      const boundary = fc.string({
        unit: fc.constantFrom(...alphanumerics(), '-', '_'),
        minLength: 1,
        maxLength: 30,
      });
      const part = fc.record({
        name: fc.oneof(fc.constant('file'), headerText),
        filename: fc.option(fc.oneof(anyText, fc.constant('a.txt')), { nil: undefined }),
        type: fc.option(headerText, { nil: undefined }),
        content: fc.uint8Array({ maxLength: 200 }),
      });
      await fc.assert(
        fc.asyncProperty(
          boundary,
          fc.array(part, { maxLength: 3 }),
          fc.boolean(),
          async (b, parts, close) => {
            const chunks: Buffer[] = [];
            for (const p of parts) {
              const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
              chunks.push(
                Buffer.from(
                  `--${b}\r\nContent-Disposition: ${disposition}\r\n${p.type === undefined ? '' : `Content-Type: ${p.type}\r\n`}\r\n`,
                ),
              );
              chunks.push(Buffer.from(p.content), Buffer.from('\r\n'));
            }
            if (close) chunks.push(Buffer.from(`--${b}--\r\n`));
            await check('multipart bodies', {
              method: 'POST',
              path: '/k/v1/file.json',
              headers: {
                'x-cybozu-api-token': TOKENS.app1Full,
                'content-type': `multipart/form-data; boundary=${b}`,
              },
              body: Buffer.concat(chunks),
            });
          },
        ),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes any text in the query language',
    async () => {
      const piece = fc.oneof(
        fc.constantFrom(
          'title',
          'code',
          'amount',
          'due',
          'at',
          'state',
          'tags',
          '$id',
          '$revision',
          'Created_datetime',
          '=',
          '!=',
          '>',
          '<',
          '>=',
          '<=',
          'like',
          'not like',
          'in',
          'not in',
          'is empty',
          'is not empty',
          'and',
          'or',
          '(',
          ')',
          'order by',
          'asc',
          'desc',
          'limit',
          'offset',
          ',',
          'TODAY()',
          'NOW()',
          'FROM_TODAY(1, DAYS)',
          'THIS_MONTH()',
          'LOGINUSER()',
          '"Task 1"',
          '"',
          '\\"',
          '10',
          '-1',
          '1e999',
          '99999999999999999999',
          '""',
          '"%_"',
        ),
        anyText,
      );
      const query = fc.array(piece, { maxLength: 12 }).map((list) => list.join(' '));
      await fc.assert(
        fc.asyncProperty(query, async (q) => {
          await check('query language', {
            method: 'GET',
            path: `/k/v1/records.json?app=1&query=${encodeURIComponent(q)}`,
            headers: { 'x-cybozu-api-token': TOKENS.app1Full },
          });
        }),
        { numRuns: RUNS },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never writes a password or token used in the run to its logs',
    () => {
      const logs = target.logs();
      expect(logs.length).toBeGreaterThan(0);
      expect(findLeaks(logs, target.secrets)).toEqual([]);
    },
    PROPERTY_TIMEOUT_MS,
  );
});

function printableAscii(): string[] {
  return Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
}

function alphanumerics(): string[] {
  return [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'];
}

describe('the log search', () => {
  it('finds a secret as written and as a JSON string escapes it', () => {
    const logs = `{"msg":"x","h":"pw-\\"quoted\\"-fuzz"}\n{"t":"app1full00000000000000000000000000000000"}`;
    const found = findLeaks(logs, [TOKENS.app1Full, 'pw-"quoted"-fuzz', 'absent-secret']);
    expect(found.sort()).toEqual([TOKENS.app1Full, 'pw-\\"quoted\\"-fuzz'].sort());
  });
});
