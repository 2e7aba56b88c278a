import { KintoneRestAPIClient, KintoneRestAPIError } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { filesSeed } from './files-seed.js';

const AUTH_KINDS = [
  ['password', { username: USERS.alice.loginName, password: USERS.alice.password }],
  ['API token', { apiToken: TOKENS.app1Full }],
] as const;

describe.each(DIALECTS)('files through the official client [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, filesSeed());
  });
  afterAll(() => server.close());

  describe.each(AUTH_KINDS)('with %s authentication', (_kind, auth) => {
    const client = () => new KintoneRestAPIClient({ baseUrl: server.url, auth });

    it('uploads, attaches, reads back and downloads a file by the key the record shows', async () => {
      const kintone = client();
      const data = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
      const { fileKey } = await kintone.file.uploadFile({ file: { name: 'report.bin', data } });
      expect(fileKey).toEqual(expect.any(String));

      const { id } = await kintone.record.addRecord({
        app: 1,
        record: { title: { value: 'with a file' }, attachment: { value: [{ fileKey }] } },
      });
      const { record } = await kintone.record.getRecord({ app: 1, id });
      const files = record.attachment!.value as Array<Record<string, string>>;
      expect(record.attachment!.type).toBe('FILE');
      expect(files).toEqual([
        {
          contentType: expect.any(String),
          fileKey: expect.any(String),
          name: 'report.bin',
          size: String(data.length),
        },
      ]);
      // Records show a download key of their own, not the upload key.
      expect(files[0]!.fileKey).not.toBe(fileKey);

      const downloaded = await kintone.file.downloadFile({ fileKey: files[0]!.fileKey! });
      expect(Buffer.from(downloaded).equals(data)).toBe(true);
    });

    it('keeps a non-ASCII file name and its type through the round trip', async () => {
      const kintone = client();
      const name = '見積書 2026年.txt';
      const { fileKey } = await kintone.file.uploadFile({ file: { name, data: 'こんにちは' } });
      const { id } = await kintone.record.addRecord({
        app: 1,
        record: { title: { value: 'ja' }, attachment: { value: [{ fileKey }] } },
      });

      const { records } = await kintone.record.getRecords({ app: 1, query: `$id = ${id}` });
      const [file] = records[0]!.attachment!.value as Array<Record<string, string>>;
      expect(file!.name).toBe(name);
      expect(file!.contentType).toBe('text/plain');
      const bytes = await kintone.file.downloadFile({ fileKey: file!.fileKey! });
      expect(Buffer.from(bytes).toString('utf8')).toBe('こんにちは');
    });

    it('replaces the files on update, keeping those sent back by their download key', async () => {
      const kintone = client();
      const first = await kintone.file.uploadFile({ file: { name: 'a.txt', data: 'a' } });
      const second = await kintone.file.uploadFile({ file: { name: 'b.txt', data: 'b' } });
      const { id } = await kintone.record.addRecord({
        app: 1,
        record: { title: { value: 'two files' }, attachment: { value: [first, second] } },
      });
      const before = (await kintone.record.getRecord({ app: 1, id })).record.attachment!
        .value as Array<{ fileKey: string; name: string }>;

      const third = await kintone.file.uploadFile({ file: { name: 'c.txt', data: 'c' } });
      await kintone.record.updateRecord({
        app: 1,
        id,
        record: { attachment: { value: [{ fileKey: before[0]!.fileKey }, third] } },
      });
      const after = (await kintone.record.getRecord({ app: 1, id })).record.attachment!
        .value as Array<{ fileKey: string; name: string }>;
      expect(after.map((f) => f.name)).toEqual(['a.txt', 'c.txt']);
      expect(after[0]!.fileKey).toBe(before[0]!.fileKey);

      // The file left out is gone, and an upload key works once only.
      const removed = await kintone.file.downloadFile({ fileKey: before[1]!.fileKey }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(removed).toBeInstanceOf(KintoneRestAPIError);
      expect((removed as KintoneRestAPIError).status).toBe(404);
      const reused = await kintone.record
        .addRecord({ app: 1, record: { title: { value: 'x' }, attachment: { value: [third] } } })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect((reused as KintoneRestAPIError).code).toBe('GAIA_BL01');
    });
  });

  it('finds records by file name with like, and by having files with is empty', async () => {
    const kintone = new KintoneRestAPIClient({ baseUrl: server.url, auth: AUTH_KINDS[0][1] });
    const file = await kintone.file.uploadFile({
      file: { name: 'Quarterly-Query-Name.pdf', data: 'pdf' },
    });
    const { id } = await kintone.record.addRecord({
      app: 1,
      record: { title: { value: 'searchable' }, attachment: { value: [file] } },
    });
    const ids = async (query: string) =>
      (await kintone.record.getRecords({ app: 1, query, fields: ['$id'] })).records.map(
        (r) => r.$id!.value,
      );

    expect(await ids('attachment like "query-name"')).toEqual([id]);
    expect(await ids('attachment not like "query-name" and $id = ' + id)).toEqual([]);
    expect(await ids(`attachment is not empty and $id = ${id}`)).toEqual([id]);
    expect(await ids('attachment is empty and $id = 1')).toEqual(['1']);

    const refused = await kintone.record.getRecords({ app: 1, query: 'attachment = "x"' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect((refused as KintoneRestAPIError).code).toBe('GAIA_IQ03');
  });

  it('uploads and downloads through a guest-space path', async () => {
    const kintone = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.guestAppFull },
      guestSpaceId: 2,
    });
    const { fileKey } = await kintone.file.uploadFile({ file: { name: 'g.txt', data: 'guest' } });
    const { id } = await kintone.record.addRecord({
      app: 2,
      record: { title: { value: 'guest file' }, attachment: { value: [{ fileKey }] } },
    });
    const { record } = await kintone.record.getRecord({ app: 2, id });
    const [file] = record.attachment!.value as Array<{ fileKey: string }>;
    const bytes = await kintone.file.downloadFile({ fileKey: file!.fileKey });
    expect(Buffer.from(bytes).toString()).toBe('guest');
  });
});
