import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { discardAppChanges } from '../../src/apps/update-app.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { FormSession } from './form-session.js';

const PAGE = '/k/admin/app/customize?app=1';
const ADD = '/k/admin/app/customize/add?app=1';
const CHANGE = '/k/admin/app/customize/change?app=1';
const MAX_FILE_BYTES = 2048;
const SCRIPT = { name: 'marker.js', type: 'text/javascript', content: 'window.marker = 1;' };

describe.each(DIALECTS)('JavaScript and CSS customization page [%s]', (dialect) => {
  let server: TestServer;
  let alice: FormSession;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed(), { maxFileBytes: MAX_FILE_BYTES });
    alice = new FormSession(server.url);
    await alice.logIn(USERS.alice.loginName, USERS.alice.password);
  });

  afterAll(async () => {
    await server?.close();
  });

  beforeEach(async () => {
    await discardAppChanges(server.server.store, 1);
  });

  const read = async (path: 'app' | 'preview/app') => {
    const response = await jsonRequest(server.url, 'GET', `/k/v1/${path}/customize.json?app=1`, {
      'X-Cybozu-Authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
    });
    expect(response.status).toBe(200);
    return response.json;
  };
  /** Loads the page, as a user would before posting, and answers the revision it shows. */
  const openPage = async () => {
    const page = await alice.get(PAGE);
    expect(page.status).toBe(200);
    return /name="revision" value="(\d+)"/.exec(page.text)![1]!;
  };
  const addUrl = async (kind: string, url: string) =>
    alice.postMultipart(ADD, { kind, url, revision: await openPage() });
  const change = async (kind: string, position: number, action: string) =>
    alice.post(CHANGE, { kind, position: String(position), action, revision: await openPage() });
  const previewJs = async () => (await read('preview/app')).desktop.js;

  it('saves an added URL and file in preview, used only after Update App', async () => {
    const live = await read('app');
    const revision = await openPage();
    const saved = await alice.postMultipart(
      ADD,
      { kind: 'js', url: 'https://cdn.example.com/lib.js', revision },
      SCRIPT,
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(PAGE);

    const page = await alice.get(PAGE);
    expect(page.text).toContain('Saved. The change is used after “Update App”.');
    expect(page.text).toContain('id="customize-state"');
    expect(page.text).toContain('https://cdn.example.com/lib.js');
    expect(page.text).toContain('marker.js');
    expect((await previewJs()).map((e: any) => e.url ?? e.file.name)).toEqual([
      'marker.js',
      'https://cdn.example.com/lib.js',
    ]);
    expect(await read('app')).toEqual(live);
    expect((await alice.get('/k/admin/app/flow?app=1')).text).toContain(
      'Some saved settings are not in use yet.',
    );

    expect((await alice.post('/k/admin/app/deploy?app=1', {})).status).toBe(303);
    const deployed = await read('app');
    expect(deployed.desktop.js).toEqual(await previewJs());
    const list = await alice.get('/k/1/');
    expect(list.text).toContain('https://cdn.example.com/lib.js');
    expect(list.text).toContain('/k/customize/1/js/0/marker.js');
    expect((await alice.get(PAGE)).text).not.toContain('id="customize-state"');
  });

  it('removes and reorders entries, and Discard drops what was saved', async () => {
    const before = await previewJs();
    await addUrl('js', 'https://example.com/a.js');
    await addUrl('js', 'https://example.com/b.js');
    const n = before.length;
    expect((await change('js', n, 'down')).status).toBe(303);
    expect((await previewJs()).slice(n).map((e: any) => e.url)).toEqual([
      'https://example.com/b.js',
      'https://example.com/a.js',
    ]);
    expect((await change('js', n + 1, 'up')).status).toBe(303);
    expect((await change('js', n, 'remove')).status).toBe(303);
    expect((await previewJs()).slice(n).map((e: any) => e.url)).toEqual([
      'https://example.com/b.js',
    ]);

    await alice.get('/k/admin/app/flow?app=1');
    expect((await alice.post('/k/admin/app/discard?app=1', {})).status).toBe(303);
    expect(await previewJs()).toEqual(before);
  });

  it('keeps the CSS list apart from the JavaScript list', async () => {
    const js = await previewJs();
    await addUrl('css', 'https://example.com/style.css');
    const preview = await read('preview/app');
    expect(preview.desktop.js).toEqual(js);
    expect(preview.desktop.css.at(-1)).toEqual({
      type: 'URL',
      url: 'https://example.com/style.css',
    });
  });

  it('refuses a URL the API refuses, with its message, storing nothing', async () => {
    const before = await read('preview/app');
    const refused = await addUrl('js', 'http://example.com/plain.js');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Specify a URL that starts with https://.');
    expect(refused.text).toContain('role="alert"');
    expect(await read('preview/app')).toEqual(before);
  });

  it('refuses a file over the size limit, and a change based on an old revision', async () => {
    const before = await read('preview/app');
    const big = await alice.postMultipart(
      ADD,
      { kind: 'js', url: '', revision: await openPage() },
      { ...SCRIPT, content: 'x'.repeat(MAX_FILE_BYTES + 1) },
    );
    expect(big.status).toBe(413);
    expect(big.text).toContain(`The file to upload must be ${MAX_FILE_BYTES} bytes or smaller.`);

    const old = await openPage();
    await addUrl('js', 'https://example.com/first.js');
    const stale = await alice.postMultipart(ADD, {
      kind: 'js',
      url: 'https://example.com/second.js',
      revision: old,
    });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('The revision is not the latest.');
    expect((await previewJs()).map((e: any) => e.url)).not.toContain(
      'https://example.com/second.js',
    );
    expect((await read('preview/app')).desktop.css).toEqual(before.desktop.css);
  });

  it('refuses a form without the request token, storing nothing', async () => {
    const before = await read('preview/app');
    const revision = await openPage();
    const fields = { kind: 'js', url: 'https://example.com/x.js', revision };
    const added = await alice.postMultipart(ADD, fields, SCRIPT, false);
    expect(added.status).toBe(400);
    expect(added.json.code).toBe('CB_IL02');
    const changed = await alice.post(
      CHANGE,
      { kind: 'js', position: '0', action: 'remove', revision },
      false,
    );
    expect(changed.json.code).toBe('CB_IL02');
    expect(await read('preview/app')).toEqual(before);
  });

  it('refuses a form of another site before reading its body, storing nothing', async () => {
    const before = await read('preview/app');
    const fields = { kind: 'js', url: 'https://example.com/x.js', revision: await openPage() };
    for (const content of [SCRIPT.content, 'x'.repeat(MAX_FILE_BYTES + 1)]) {
      const refused = await alice.postMultipart(ADD, fields, { ...SCRIPT, content }, true, {
        'sec-fetch-site': 'cross-site',
      });
      expect(refused.status).toBe(400);
      expect(refused.json.code).toBe('CB_IL02');
    }
    expect(await read('preview/app')).toEqual(before);
  });

  it('refuses users who may not manage the app', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    expect((await bob.get(PAGE)).status).toBe(403);
    await bob.get('/k/settings/');
    const fields = { kind: 'js', url: 'https://example.com/x.js', revision: '1' };
    expect((await bob.postMultipart(ADD, fields, SCRIPT)).status).toBe(403);
    expect((await bob.post(CHANGE, { ...fields, position: '0', action: 'remove' })).status).toBe(
      403,
    );
  });

  it('shows a file name with markup as text', async () => {
    const name = '<img src=x onerror=alert(1)>.js';
    const saved = await alice.postMultipart(
      ADD,
      { kind: 'js', url: '', revision: await openPage() },
      { ...SCRIPT, name },
    );
    expect(saved.status).toBe(303);
    const page = await alice.get(PAGE);
    expect(page.text).not.toContain(name);
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;.js');
  });
});
