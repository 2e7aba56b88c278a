/**
 * Break tests: app settings in preview. Malformed layouts, field codes that name object
 * prototype members, and a form that must keep working after them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { multipartBody } from '../files/files-seed.js';
import {
  asAlice,
  expectKintoneError,
  fixtureSeed,
  jsonRequest,
  rawRequest,
  tally,
} from './break-helpers.js';

describe.each(DIALECTS)('break: app settings [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const call = (method: string, path: string, body: unknown) =>
    jsonRequest(server.url, method, path, asAlice, body);
  const previewRevision = async (app: number) =>
    (await call('GET', '/k/v1/preview/app/form/fields.json', { app })).json.revision as string;

  describe('a malformed form layout', () => {
    it.each([
      ['a row whose fields are a string', [{ type: 'ROW', fields: 'x' }]],
      ['a row holding null', [{ type: 'ROW', fields: [null] }]],
      ['a group whose layout is a string', [{ type: 'GROUP', code: 'g', layout: 'x' }]],
      ['a group holding a group', [{ type: 'GROUP', code: 'g', layout: [{ type: 'GROUP' }] }]],
      ['an item without a type', [{ fields: [] }]],
      ['an item of an unknown type', [{ type: 'COLUMN', fields: [] }]],
      ['a table without a code', [{ type: 'SUBTABLE', fields: [] }]],
    ])('refuses %s and keeps the preview', async (_name, layout) => {
      const before = await previewRevision(4);
      const response = await call('PUT', '/k/v1/preview/app/form/layout.json', { app: 4, layout });
      expectKintoneError(response, 'CB_VA01');
      expect(await previewRevision(4)).toBe(before);
    });

    it('still lets fields be added after a well-formed layout was set', async () => {
      const layout = [
        { type: 'ROW', fields: [{ type: 'SINGLE_LINE_TEXT', code: 'title' }] },
        { type: 'GROUP', code: 'g', layout: [{ type: 'ROW', fields: [{ type: 'LABEL' }] }] },
      ];
      const put = await call('PUT', '/k/v1/preview/app/form/layout.json', { app: 4, layout });
      expect(put.status, put.text).toBe(200);
      const add = await call('POST', '/k/v1/preview/app/form/fields.json', {
        app: 4,
        properties: { added: { type: 'NUMBER', code: 'added', label: 'Added' } },
      });
      expect(add.status, add.text).toBe(200);
      const read = await call('GET', '/k/v1/preview/app/form/layout.json', { app: 4 });
      expect(read.json.layout.at(-1)).toMatchObject({
        type: 'ROW',
        fields: [{ type: 'NUMBER', code: 'added' }],
      });
    });
  });

  describe('field codes that name members of every object', () => {
    it('refuses to delete a field the form does not have, even when its code is toString', async () => {
      const before = await previewRevision(1);
      for (const code of ['toString', 'constructor', 'hasOwnProperty']) {
        const response = await call('DELETE', '/k/v1/preview/app/form/fields.json', {
          app: 1,
          fields: [code],
        });
        expectKintoneError(response, 'CB_VA01');
      }
      expect(await previewRevision(1)).toBe(before);
    });

    it('refuses to change a field named toString that the form does not have', async () => {
      const response = await call('PUT', '/k/v1/preview/app/form/fields.json', {
        app: 1,
        properties: { toString: { label: 'x' } },
      });
      expectKintoneError(response, 'CB_VA01');
      expect(response.json.errors).toHaveProperty(['properties.toString']);
    });

    it('adds a field whose code is constructor, a code Kintone allows', async () => {
      const response = await call('POST', '/k/v1/preview/app/form/fields.json', {
        app: 1,
        properties: { constructor: { type: 'NUMBER', code: 'constructor', label: 'C' } },
      });
      expect(response.status, response.text).toBe(200);
      const read = await call('GET', '/k/v1/preview/app/form/fields.json', { app: 1 });
      expect(read.json.properties.constructor).toMatchObject({ type: 'NUMBER', label: 'C' });
    });

    it('refuses a field coded __proto__ instead of answering success for nothing', async () => {
      const before = await previewRevision(1);
      const properties = JSON.parse(
        '{"__proto__": {"type": "NUMBER", "code": "__proto__", "label": "P"}}',
      ) as unknown;
      const response = await call('POST', '/k/v1/preview/app/form/fields.json', {
        app: 1,
        properties,
      });
      expectKintoneError(response, 'CB_VA01');
      expect(await previewRevision(1)).toBe(before);
    });
  });

  describe('views renamed onto each other', () => {
    it('refuses two views that end up with one name instead of dropping one', async () => {
      const before = (await call('GET', '/k/v1/preview/app/views.json', { app: 4 })).json;
      const response = await call('PUT', '/k/v1/preview/app/views.json', {
        app: 4,
        views: {
          first: { index: 0, type: 'LIST', name: 'second' },
          second: { index: 1, type: 'LIST' },
        },
      });
      expectKintoneError(response, 'CB_VA01');
      expect(Object.keys(response.json.errors)).toEqual([
        expect.stringMatching(/^views\.(first|second)\.name$/),
      ]);
      expect((await call('GET', '/k/v1/preview/app/views.json', { app: 4 })).json).toEqual(before);
    });

    it('still swaps two names, as each entry names the view it was', async () => {
      const put = await call('PUT', '/k/v1/preview/app/views.json', {
        app: 4,
        views: { one: { index: 0, type: 'LIST' }, two: { index: 1, type: 'LIST' } },
      });
      expect(put.status, put.text).toBe(200);
      const swap = await call('PUT', '/k/v1/preview/app/views.json', {
        app: 4,
        views: {
          one: { index: 0, type: 'LIST', name: 'two' },
          two: { index: 1, type: 'LIST', name: 'one' },
        },
      });
      expect(swap.status, swap.text).toBe(200);
      expect(swap.json.views).toEqual({
        two: { id: put.json.views.one.id },
        one: { id: put.json.views.two.id },
      });
    });
  });

  describe('customization files', () => {
    async function uploadScript(text: string): Promise<string> {
      const { body, contentType } = multipartBody([
        { name: 'file', filename: 'page.js', type: 'text/javascript', data: text },
      ]);
      const response = await rawRequest(server.url, {
        method: 'POST',
        path: '/k/v1/file.json',
        headers: { ...asAlice, 'content-type': contentType },
        body,
      });
      expect(response.status, response.text).toBe(200);
      return response.json.fileKey as string;
    }
    const fileEntry = (fileKey: string) => ({ type: 'FILE', file: { fileKey } });

    it('keeps a good upload usable when the same call names an unknown one', async () => {
      const good = await uploadScript('console.log(1);');
      const refused = await call('PUT', '/k/v1/preview/app/customize.json', {
        app: 4,
        desktop: { js: [fileEntry(good), fileEntry('no-such-upload')] },
      });
      expectKintoneError(refused, 'CB_VA01');

      const retried = await call('PUT', '/k/v1/preview/app/customize.json', {
        app: 4,
        desktop: { js: [fileEntry(good)] },
      });
      expect(retried.status, retried.text).toBe(200);
    });

    it('takes each of several concurrent uploads to one app', async () => {
      const keys = await Promise.all(
        Array.from({ length: 6 }, (_, i) => uploadScript(`console.log(${i});`)),
      );
      const responses = await Promise.all(
        keys.map((key) =>
          call('PUT', '/k/v1/preview/app/customize.json', {
            app: 4,
            mobile: { js: [fileEntry(key)] },
          }),
        ),
      );
      expect(tally(responses)).toEqual({ '200': 6 });
    });
  });

  describe('settings nested very deep', () => {
    it('refuses a view nested 200,000 deep as bad JSON and keeps the preview', async () => {
      const before = await previewRevision(4);
      const depth = 200_000;
      const body = `{"app":4,"views":{"v":{"index":0,"type":"LIST","x":${'['.repeat(depth)}${']'.repeat(depth)}}}}`;
      const response = await rawRequest(server.url, {
        method: 'PUT',
        path: '/k/v1/preview/app/views.json',
        headers: { ...asAlice, 'content-type': 'application/json' },
        body,
      });
      expectKintoneError(response, 'CB_IJ01');
      expect(await previewRevision(4)).toBe(before);
    });
  });
});
