import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardAppChanges } from '../../src/apps/update-app.js';
import type { Store } from '../../src/store/store.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { FormSession } from './form-session.js';

const PAGE = '/k/admin/app/permission?app=4';
const SAVE = '/k/admin/app/permission/save?app=4';

/**
 * The fields a browser would post from the page's app permissions form: text and hidden inputs,
 * ticked checkboxes and the selected options (the request token is added by the session).
 */
function formFields(html: string): Record<string, string> {
  const form = /<form[^>]*id="app-acl-form"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const fields: Record<string, string> = {};
  const attribute = (tag: string, name: string) =>
    new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    if (!name || name === '__REQUEST_TOKEN__') continue;
    if (attribute(tag, 'type') === 'checkbox' && !/\schecked\b/.test(tag)) continue;
    fields[name] = decode(attribute(tag, 'value') ?? '');
  }
  for (const [, name, options] of form.matchAll(
    /<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g,
  )) {
    fields[name!] = /<option value="([^"]*)" selected>/.exec(options!)?.[1] ?? '';
  }
  return fields;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe.each(DIALECTS)('app permissions page [%s]', (dialect) => {
  let server: TestServer;
  let store: Store;
  let manager: FormSession;
  let client: KintoneRestAPIClient;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    store = server.server.store;
    manager = new FormSession(server.url);
    await manager.logIn(USERS.alice.loginName, USERS.alice.password);
    client = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  const asBob = { 'X-Cybozu-Authorization': passwordHeader('bob', USERS.bob.password) };
  const bobAdds = () =>
    jsonRequest(server.url, 'POST', '/k/v1/record.json', asBob, {
      app: 4,
      record: { title: { value: 'by bob' } },
    });
  const bobReads = () => jsonRequest(server.url, 'GET', '/k/v1/records.json?app=4', asBob);
  const liveAcl = async () => (await client.app.getAppAcl({ app: 4 })).rights;
  const previewAcl = async () => (await client.app.getAppAcl({ app: 4, preview: true })).rights;

  /** Opens the page and posts its form with some fields changed. */
  const save = async (changes: Record<string, string>, without: readonly string[] = []) => {
    const fields = { ...formFields((await manager.get(PAGE)).text), ...changes };
    for (const name of without) delete fields[name];
    return manager.post(SAVE, fields);
  };

  it('saves a new entry in preview, used only after Update App', async () => {
    const live = await liveAcl();
    const page = await manager.get(PAGE);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="acl-pending"');
    expect(page.text).toContain('Record and field permissions are shown here, not edited');
    expect((await bobAdds()).status).toBe(200);

    const saved = await save({ 'new-code': 'bob', 'new-recordViewable': '1' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).toBe(PAGE);

    const after = await manager.get(PAGE);
    expect(after.text).toContain('Saved. The app permissions are used after “Update App”.');
    expect(after.text).toContain('id="acl-pending"');
    expect(formFields(after.text)).toMatchObject({ 'e0-type': 'USER', 'e0-code': 'bob' });
    expect(await liveAcl()).toEqual(live);
    expect((await previewAcl())[0]).toEqual({
      entity: { type: 'USER', code: 'bob' },
      includeSubs: false,
      appEditable: false,
      recordViewable: true,
      recordAddable: false,
      recordEditable: false,
      recordDeletable: false,
      recordImportable: false,
      recordExportable: false,
    });
    expect((await previewAcl()).slice(1)).toEqual(live);
    // Saved, not in use: bob may still add records.
    expect((await bobAdds()).status).toBe(200);
    expect((await manager.get('/k/admin/app/flow?app=4')).text).toContain('not in use yet');

    expect((await manager.post('/k/admin/app/deploy?app=4', {})).status).toBe(303);
    expect(await liveAcl()).toEqual(await previewAcl());
    expect((await bobAdds()).json.code).toBe('CB_NO02');
    expect((await bobReads()).status).toBe(200);
    expect((await manager.get(PAGE)).text).not.toContain('id="acl-pending"');
    expect((await manager.get('/k/admin/app/flow?app=4')).text).toContain(
      'All saved settings are in use.',
    );
  });

  it('reorders and removes entries by priority, and Cancel Changes drops the result', async () => {
    const live = await liveAcl();
    // bob (1), creator (2), everyone (3): bob goes last, the creator is removed.
    const saved = await save({ 'e0-priority': '9', 'e1-remove': '1' });
    expect(saved.status).toBe(303);
    expect((await previewAcl()).map((e) => e.entity)).toEqual([
      { type: 'GROUP', code: 'everyone' },
      { type: 'USER', code: 'bob' },
    ]);

    const flow = await manager.get('/k/admin/app/flow?app=4');
    expect(flow.text).toContain('not in use yet');
    expect((await manager.post('/k/admin/app/discard?app=4', {})).status).toBe(303);
    expect(await previewAcl()).toEqual(live);
    expect((await manager.get(PAGE)).text).not.toContain('id="acl-pending"');
    expect((await manager.get('/k/admin/app/flow?app=4')).text).toContain(
      'All saved settings are in use.',
    );
  });

  it('refuses an unknown user with the message, keeping the entered values', async () => {
    const refused = await save({
      'new-code': 'nobody<i>',
      'new-appEditable': '1',
      'new-priority': '2',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Missing or invalid input.');
    expect(refused.text).toContain('User: nobody&lt;i&gt;: The user (nobody&lt;i&gt;) not found.');
    expect(refused.text).not.toContain('nobody<i>');
    expect(formFields(refused.text)).toMatchObject({
      'new-code': 'nobody<i>',
      'new-appEditable': '1',
      'new-priority': '2',
    });
    expect(await store.permissions.find(4, 'app', 'preview')).toBeUndefined();
  });

  it('keeps the rules the API enforces', async () => {
    const noView = await save({ 'new-code': 'bob', 'new-recordEditable': '1' });
    expect(noView.status).toBe(400);
    expect(noView.text).toContain(
      'User: bob: Allow viewing records when allowing editing or deleting them.',
    );
    const noAdd = await save({}, ['e2-recordAddable']);
    expect(noAdd.status).toBe(400);
    expect(noAdd.text).toContain('Allow adding records when allowing importing them from a file.');
    const organization = await save({ 'new-type': 'ORGANIZATION', 'new-code': 'sales' });
    expect(organization.status).toBe(400);
    expect(organization.text).toContain('<option value="ORGANIZATION" selected>');
    expect(await store.permissions.find(4, 'app', 'preview')).toBeUndefined();
  });

  it('refuses a save over a change made since the page was opened', async () => {
    const fields = formFields((await manager.get(PAGE)).text);
    await client.app.updateAppAcl({ app: 4, rights: await liveAcl() });
    const stale = await manager.post(SAVE, { ...fields, 'new-code': 'bob' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('The revision is not the latest.');
    // The page now carries the current revision: saving again replaces the other change.
    expect((await manager.post(SAVE, formFields(stale.text))).status).toBe(303);
    expect((await previewAcl())[0]!.entity).toEqual({ type: 'USER', code: 'bob' });
    await discardAppChanges(store, 4);
  });

  it('refuses a save without the revision the page sent', async () => {
    for (const revision of ['', '-1']) {
      const refused = await save({ 'new-code': 'bob', revision });
      expect(refused.status).toBe(400);
      expect(refused.json.code).toBe('CB_VA01');
    }
    const missing = await save({ 'new-code': 'bob' }, ['revision']);
    expect(missing.json.code).toBe('CB_VA01');
    expect(await store.permissions.find(4, 'app', 'preview')).toBeUndefined();
  });

  it('reads a row once when two field names give its index', async () => {
    const live = await liveAcl();
    expect((await save({ 'e01-type': 'USER' })).status).toBe(303);
    expect(await previewAcl()).toEqual(live);
    await discardAppChanges(store, 4);
  });

  it('refuses a form without the request token or with a wrong one', async () => {
    const fields = { ...formFields((await manager.get(PAGE)).text), 'new-code': 'bob' };
    expect((await manager.post(SAVE, fields, false)).status).toBe(400);
    const forged = await manager.post(
      SAVE,
      { ...fields, __REQUEST_TOKEN__: 'x'.repeat(40) },
      false,
    );
    expect(forged.status).toBe(400);
    expect(await store.permissions.find(4, 'app', 'preview')).toBeUndefined();
  });

  it('refuses users who may not manage the app', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    expect((await bob.get('/k/admin/app/permission?app=1')).status).toBe(403);
    await bob.get('/k/settings/');
    const fields = { 'new-type': 'USER', 'new-code': 'bob', 'new-appEditable': '1' };
    expect((await bob.post('/k/admin/app/permission/save?app=1', fields)).status).toBe(403);
    expect(await store.permissions.find(1, 'app', 'preview')).toBeUndefined();
  });

  it('escapes what entries name, and speaks Japanese', async () => {
    await store.groups.create({ code: '<b>crew</b>', name: 'Crew' }, []);
    expect((await save({ 'new-type': 'GROUP', 'new-code': '<b>crew</b>' })).status).toBe(303);
    const page = await manager.get(PAGE);
    expect(page.text).toContain('Group: &lt;b&gt;crew&lt;/b&gt;');
    expect(page.text).not.toContain('<b>crew</b>');
    expect((await previewAcl())[0]!.entity).toEqual({ type: 'GROUP', code: '<b>crew</b>' });

    const ja = await manager.get(PAGE, { 'Accept-Language': 'ja' });
    expect(ja.text).toContain('優先順位');
    expect(ja.text).toContain('保存済みで、まだ使われていない設定です。');
    await discardAppChanges(store, 4);
  });
});
