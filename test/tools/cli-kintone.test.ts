import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seed } from '../../src/seed/seed-schema.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, fixtureToken, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

const CLI = fileURLToPath(new URL('../../node_modules/@kintone/cli/cli.js', import.meta.url));
const DOCS_TOKEN = fixtureToken('docsapp');
const ORDERS_TOKEN = fixtureToken('ordersapp');

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs cli-kintone as a user would, against the test server, with no ambient settings. */
function cli(args: string[], cwd?: string): Promise<CliResult> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('KINTONE_')),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...env, HTTPS_PROXY: '', https_proxy: '' }, cwd, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kl-cli-'));
}

/** The fixture plus app 6, which holds attachments. */
function cliSeed(): Seed {
  const seed = fixtureSeed();
  seed.apps.push({
    id: 6,
    name: 'Documents',
    code: 'DOCS',
    description: '',
    properties: {
      name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name', unique: true },
      files: { type: 'FILE', code: 'files', label: 'Files' },
    },
    records: [],
    apiTokens: [{ token: DOCS_TOKEN, permissions: ['view', 'add', 'edit', 'delete'], note: '' }],
  });
  seed.apps.push({
    id: 7,
    name: 'Orders',
    code: '',
    description: '',
    properties: {
      order: { type: 'SINGLE_LINE_TEXT', code: 'order', label: 'Order', unique: true },
      lines: {
        type: 'SUBTABLE',
        code: 'lines',
        label: 'Lines',
        fields: {
          item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item' },
          qty: { type: 'NUMBER', code: 'qty', label: 'Qty' },
        },
      },
    },
    records: [
      {
        order: { value: 'O-1' },
        lines: {
          value: [
            { value: { item: { value: 'pen' }, qty: { value: '2' } } },
            { value: { item: { value: 'ink' }, qty: { value: '5' } } },
          ],
        },
      },
    ],
    apiTokens: [{ token: ORDERS_TOKEN, permissions: ['view', 'add', 'edit'], note: '' }],
  });
  return seed;
}

/** cli-kintone's two ways of signing in to an app; each record command is run with both. */
const CREDENTIALS = ['password', 'API token'] as const;
type Credential = (typeof CREDENTIALS)[number];

/** The sign-in arguments for one kind of credential: Alice's password, or the app's token. */
function signIn(credential: Credential, token: string): string[] {
  return credential === 'password'
    ? ['-u', USERS.alice.loginName, '-p', USERS.alice.password]
    : ['--api-token', token];
}

describe.each(DIALECTS)('cli-kintone against kintone-local [%s]', (dialect) => {
  let server: TestServer;
  let kintone: KintoneRestAPIClient;
  beforeAll(async () => {
    server = await startTestServer(dialect, cliSeed());
    kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1Full },
    });
  });
  afterAll(() => server.close());

  // The exports come first: they expect app 1 as seeded, before any import adds to it.
  it.each(CREDENTIALS)(
    'exports records as CSV, in id order and with --order-by [%s]',
    async (credential) => {
      const app1 = ['--base-url', server.url, ...signIn(credential, TOKENS.app1View), '--app', '1'];
      const seek = await cli(['record', 'export', ...app1, '--fields', 'code,amount']);
      expect(seek.stderr).not.toMatch(/ERROR/);
      expect(seek.code).toBe(0);
      expect(seek.stdout.trim().split('\n')).toEqual([
        '"code","amount"',
        '"Task-1","10"',
        '"Task-2","20"',
        '"Task-3","30"',
        '"Task-4","40"',
        '"Task-5","50"',
      ]);

      const ordered = await cli([
        'record',
        'export',
        ...app1,
        '--fields',
        'code',
        '--order-by',
        'amount desc',
        '--condition',
        'amount >= 30',
      ]);
      expect(ordered.code).toBe(0);
      expect(ordered.stdout.trim().split('\n')).toEqual([
        '"code"',
        '"Task-5"',
        '"Task-4"',
        '"Task-3"',
      ]);
    },
  );

  it.each(CREDENTIALS)(
    'imports records, then updates them by a unique key [%s]',
    async (credential) => {
      // Each credential imports its own codes, since the code field is unique in app 1.
      const prefix = credential === 'password' ? 'pw' : 'tk';
      const dir = tempDir();
      const file = path.join(dir, 'tasks.csv');
      const app1 = ['--base-url', server.url, ...signIn(credential, TOKENS.app1Full), '--app', '1'];
      writeFileSync(
        file,
        `"title","code","amount"\n"From CSV","${prefix}-1","7"\n"Second","${prefix}-2","8"\n`,
      );

      const added = await cli(['record', 'import', ...app1, '--file-path', file]);
      expect(added.stderr).not.toMatch(/ERROR/);
      expect(added.code).toBe(0);
      const before = await kintone.record.getRecords({
        app: 1,
        query: `code like "${prefix}-" order by code asc`,
        fields: ['$id', 'code', 'amount'],
      });
      expect(before.records.map((r) => [r.code?.value, r.amount?.value])).toEqual([
        [`${prefix}-1`, '7'],
        [`${prefix}-2`, '8'],
      ]);

      writeFileSync(
        file,
        `"code","title","amount"\n"${prefix}-1","From CSV","700"\n"${prefix}-3","Third","9"\n`,
      );
      const updated = await cli([
        'record',
        'import',
        ...app1,
        '--file-path',
        file,
        '--update-key',
        'code',
      ]);
      expect(updated.stderr).not.toMatch(/ERROR/);
      expect(updated.code).toBe(0);

      const after = await kintone.record.getRecords({
        app: 1,
        query: `code like "${prefix}-" order by code asc`,
        fields: ['$id', 'code', 'amount', 'title'],
      });
      expect(after.records.map((r) => [r.code?.value, r.amount?.value, r.title?.value])).toEqual([
        [`${prefix}-1`, '700', 'From CSV'],
        [`${prefix}-2`, '8', 'Second'],
        [`${prefix}-3`, '9', 'Third'],
      ]);
      // Updated in place, not deleted and added again: the first record kept its id.
      expect(after.records[0]?.$id?.value).toBe(before.records[0]?.$id?.value);
    },
  );

  it('refuses an import with a view-only token, naming the error', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'tasks.csv');
    writeFileSync(file, '"title"\n"Never"\n');
    const result = await cli([
      'record',
      'import',
      '--base-url',
      server.url,
      '--api-token',
      TOKENS.app1View,
      '--app',
      '1',
      '--file-path',
      file,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('GAIA_NO01');
    expect(result.stderr).toContain('Using this API token, you cannot run the specified API.');
  });

  it('exports and imports attachments through --attachments-dir', async () => {
    const kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: DOCS_TOKEN },
    });
    const { fileKey } = await kintone.file.uploadFile({
      file: { name: 'notes.txt', data: 'hello from a file' },
    });
    await kintone.record.addRecord({
      app: 6,
      record: { name: { value: 'doc-1' }, files: { value: [{ fileKey }] } },
    });

    const out = tempDir();
    const exported = await cli([
      'record',
      'export',
      '--base-url',
      server.url,
      '--api-token',
      DOCS_TOKEN,
      '--app',
      '6',
      '--attachments-dir',
      out,
    ]);
    expect(exported.stderr).not.toMatch(/ERROR/);
    expect(exported.code).toBe(0);
    const [recordDir] = readdirSync(out).filter((name) => name.startsWith('files-'));
    const saved = path.join(out, recordDir!, 'notes.txt');
    expect(readFileSync(saved, 'utf8')).toBe('hello from a file');

    // Import the exported CSV as a new record under another name, files included.
    const csv = exported.stdout.replace('"doc-1"', '"doc-2"');
    const file = path.join(out, 'docs.csv');
    writeFileSync(file, csv);
    const imported = await cli(
      [
        'record',
        'import',
        '--base-url',
        server.url,
        '--api-token',
        DOCS_TOKEN,
        '--app',
        '6',
        '--file-path',
        file,
        '--attachments-dir',
        out,
        '--fields',
        'name,files',
      ],
      out,
    );
    expect(imported.stderr).not.toMatch(/ERROR/);
    expect(imported.code).toBe(0);
    const { records } = await kintone.record.getRecords({ app: 6, query: 'name = "doc-2"' });
    const files = records[0]?.files?.value as Array<{ name: string; fileKey: string }>;
    expect(files.map((f) => f.name)).toEqual(['notes.txt']);
    const bytes = await kintone.file.downloadFile({ fileKey: files[0]!.fileKey });
    expect(Buffer.from(bytes).toString('utf8')).toBe('hello from a file');
  });

  it('exports a table row by row and imports it back into a new record', async () => {
    const token = ['--base-url', server.url, '--api-token', ORDERS_TOKEN, '--app', '7'];
    const exported = await cli(['record', 'export', ...token, '--fields', 'order,lines']);
    expect(exported.stderr).not.toMatch(/ERROR/);
    expect(exported.code).toBe(0);
    const lines = exported.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"O-1"');
    expect(lines[2]).toContain('"ink"');

    const dir = tempDir();
    const file = path.join(dir, 'orders.csv');
    writeFileSync(file, exported.stdout.replaceAll('"O-1"', '"O-2"'));
    const imported = await cli(['record', 'import', ...token, '--file-path', file]);
    expect(imported.stderr).not.toMatch(/ERROR/);
    expect(imported.code).toBe(0);

    const kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: ORDERS_TOKEN },
    });
    const { records } = await kintone.record.getRecords({ app: 7, query: 'order = "O-2"' });
    const rows = records[0]?.lines?.value as Array<{ value: Record<string, { value: string }> }>;
    expect(rows.map((row) => [row.value.item?.value, row.value.qty?.value])).toEqual([
      ['pen', '2'],
      ['ink', '5'],
    ]);
  });

  it('works in a guest space, and deletes every record with a token', async () => {
    const guest = ['--base-url', server.url, '--guest-space-id', '2'];
    const exported = await cli([
      'record',
      'export',
      ...guest,
      '-u',
      USERS.alice.loginName,
      '-p',
      USERS.alice.password,
      '--app',
      '2',
      '--fields',
      'code',
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n')).toEqual([
      '"code"',
      '"Guest-1"',
      '"Guest-2"',
      '"Guest-3"',
    ]);

    const dir = tempDir();
    const file = path.join(dir, 'guest.csv');
    writeFileSync(file, '"title","code"\n"Imported","Guest-9"\n');
    const imported = await cli([
      'record',
      'import',
      ...guest,
      '--api-token',
      TOKENS.guestAppFull,
      '--app',
      '2',
      '--file-path',
      file,
    ]);
    expect(imported.code).toBe(0);

    const deleted = await cli([
      'record',
      'delete',
      ...guest,
      '--api-token',
      TOKENS.guestAppFull,
      '--app',
      '2',
      '--yes',
    ]);
    expect(deleted.stderr).not.toMatch(/ERROR/);
    expect(deleted.code).toBe(0);
    const kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      guestSpaceId: 2,
      auth: { apiToken: TOKENS.guestAppFull },
    });
    const left = await kintone.record.getRecords({ app: 2, totalCount: true });
    expect(left.totalCount).toBe('0');
  });

  // cli-kintone builds `record delete` with API-token sign-in only (its
  // lib/src/cli/record/delete.js), so no password delete can reach the server: the token delete
  // above is the only one there is. Should a release add password sign-in, this fails, and the
  // delete above should then run with both credentials as export and import do.
  it('cannot delete with a password: cli-kintone deletes with an API token only', async () => {
    const before = await kintone.record.getRecords({ app: 1, totalCount: true });
    const refused = await cli([
      'record',
      'delete',
      '--base-url',
      server.url,
      ...signIn('password', ''),
      '--app',
      '1',
      '--yes',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Authentication required (API token)');
    const after = await kintone.record.getRecords({ app: 1, totalCount: true });
    expect(after.totalCount).toBe(before.totalCount);
    expect(Number(after.totalCount)).toBeGreaterThan(0);
  });
});
