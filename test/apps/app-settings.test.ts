import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasUndeployedSettings, updateApp } from '../../src/apps/update-app.js';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('app settings through the official client [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const asAlice = () =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
  const asBob = () =>
    new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.bob.loginName, password: USERS.bob.password },
    });

  /** Polls as cli-kintone and the customize uploader do, until every app says SUCCESS. */
  async function deployAndWait(client: KintoneRestAPIClient, app: string) {
    await client.app.deployApp({ apps: [{ app }] });
    for (;;) {
      const { apps } = await client.app.getDeployStatus({ apps: [app] });
      if (apps.every((a) => a.status === 'SUCCESS')) return apps;
      expect(apps.every((a) => a.status === 'PROCESSING')).toBe(true);
    }
  }

  it('creates an app, adds fields, deploys them and takes records that use them', async () => {
    const kintone = asAlice();
    const { app, revision } = await kintone.app.addApp({ name: 'Orders' });
    expect(revision).toBe('1');

    const added = await kintone.app.addFormFields({
      app,
      properties: {
        item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item', required: true },
        quantity: { type: 'NUMBER', code: 'quantity', label: 'Quantity', maxValue: '10' },
      },
      revision: 1,
    });
    expect(added).toEqual({ revision: '2' });
    const settings = await kintone.app.updateAppSettings({
      app,
      name: 'Purchase orders',
      theme: 'BLUE',
      firstMonthOfFiscalYear: 1,
    });
    expect(settings).toEqual({ revision: '3' });

    // Nothing is live before the deploy.
    const before = await kintone.app.getFormFields({ app });
    expect(Object.keys(before.properties)).not.toContain('item');
    expect((await kintone.app.getApp({ id: app })).name).toBe('Orders');
    const preview = await kintone.app.getFormFields({ app, preview: true });
    expect(preview.properties.item).toMatchObject({ type: 'SINGLE_LINE_TEXT', required: true });
    expect(preview.revision).toBe('3');

    expect(await deployAndWait(kintone, app)).toEqual([{ app, status: 'SUCCESS' }]);

    const live = await kintone.app.getFormFields({ app });
    expect(live.revision).toBe('3');
    expect(live.properties.item).toMatchObject({ type: 'SINGLE_LINE_TEXT', label: 'Item' });
    expect(live.properties.quantity).toMatchObject({ type: 'NUMBER', maxValue: '10' });
    const general = await kintone.app.getAppSettings({ app });
    expect(general).toMatchObject({
      name: 'Purchase orders',
      theme: 'BLUE',
      firstMonthOfFiscalYear: '1',
      revision: '3',
    });
    expect((await kintone.app.getApp({ id: app })).name).toBe('Purchase orders');

    const record = await kintone.record.addRecord({
      app,
      record: { item: { value: 'Pencils' }, quantity: { value: '4' } },
    });
    const read = await kintone.record.getRecord({ app, id: record.id });
    expect(read.record.item).toEqual({ type: 'SINGLE_LINE_TEXT', value: 'Pencils' });
    const refused = await clientFailure(
      kintone.record.addRecord({ app, record: { quantity: { value: '11' } } }),
    );
    expect(refused.code).toBe('CB_VA01');
    expect(Object.keys(refused.errors as object).sort()).toEqual([
      'record.item.value',
      'record.quantity.value',
    ]);
  });

  it('refuses a stale revision, and a revert discards the preview', async () => {
    const kintone = asAlice();
    const { app } = await kintone.app.addApp({ name: 'Scratch' });
    await kintone.app.updateAppSettings({ app, description: 'draft' });

    const stale = await clientFailure(
      kintone.app.updateAppSettings({ app, description: 'again', revision: 1 }),
    );
    expect(stale.status).toBe(409);
    expect(stale.code).toBe('GAIA_CO02');
    const staleDeploy = await clientFailure(
      kintone.app.deployApp({ apps: [{ app, revision: 1 }] }),
    );
    expect(staleDeploy.code).toBe('GAIA_CO02');

    await kintone.app.deployApp({ apps: [{ app }], revert: true });
    const preview = await kintone.app.getAppSettings({ app, preview: true });
    expect(preview.description).toBe('');
    expect(preview.revision).toBe('1');
  });

  it('keeps views, layout, notifications and the other settings per stage', async () => {
    const kintone = asAlice();
    const { app } = await kintone.app.addApp({ name: 'Settings' });
    await kintone.app.addFormFields({
      app,
      properties: { title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' } },
    });

    const views = await kintone.app.updateViews({
      app,
      views: { Open: { type: 'LIST', index: 0, fields: ['title'], filterCond: '', sort: '' } },
    });
    expect(views.views.Open?.id).toMatch(/^\d+$/);
    const layout = await kintone.app.getFormLayout({ app, preview: true });
    expect(layout.layout).toEqual([
      { type: 'ROW', fields: [{ type: 'SINGLE_LINE_TEXT', code: 'title', size: {} }] },
    ]);
    await kintone.app.updateAdminNotes({
      app,
      content: 'Ask Bob',
      includeInTemplateAndDuplicates: true,
    });
    await kintone.app.updateGeneralNotifications({ app, notifyToCommenter: true });
    await kintone.app.updateReminderNotifications({ app, timezone: 'UTC' });
    await kintone.app.updateReports({
      app,
      reports: {
        Totals: {
          chartType: 'BAR',
          index: 0,
          groups: [],
          aggregations: [],
          filterCond: '',
          sorts: [],
          periodicReport: null,
        } as never,
      },
    });

    expect((await kintone.app.getViews({ app })).views).toEqual({});
    await kintone.app.deployApp({ apps: [{ app }] });

    const live = await kintone.app.getViews({ app });
    expect(live.views.Open).toMatchObject({ id: views.views.Open?.id, name: 'Open', index: '0' });
    expect(await kintone.app.getAdminNotes({ app })).toMatchObject({
      content: 'Ask Bob',
      includeInTemplateAndDuplicates: true,
    });
    expect(await kintone.app.getGeneralNotifications({ app })).toMatchObject({
      notifications: [],
      notifyToCommenter: true,
    });
    expect((await kintone.app.getReminderNotifications({ app })).timezone).toBe('UTC');
    expect(Object.keys((await kintone.app.getReports({ app })).reports)).toEqual(['Totals']);
    expect(await kintone.app.getAppCustomize({ app })).toMatchObject({
      scope: 'ALL',
      desktop: { js: [], css: [] },
    });
    expect(await kintone.app.getPlugins({ app })).toMatchObject({ plugins: [] });
    expect((await kintone.app.getProcessManagement({ app })).enable).toBe(false);

    const renamed = await kintone.app.updateViews({
      app,
      views: { Open: { type: 'LIST', index: 0, name: 'Mine', fields: ['title'] } },
    });
    expect(renamed.views).toEqual({ Mine: { id: views.views.Open?.id } });
  });

  it('refuses app creation to tokens and settings writes without app management', async () => {
    const token = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1Full },
    });
    const created = await clientFailure(token.app.addApp({ name: 'By token' }));
    expect(created.status).toBe(403);
    expect(created.code).toBe('GAIA_NO01');
    const written = await clientFailure(token.app.updateAppSettings({ app: 1, name: 'x' }));
    expect(written.code).toBe('GAIA_NO01');

    const manager = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { apiToken: TOKENS.app1Manage },
    });
    expect(await manager.app.updateAppSettings({ app: 1, description: 'managed' })).toEqual({
      revision: '2',
    });
    expect(await manager.app.getDeployStatus({ apps: [1] })).toEqual({
      apps: [{ app: '1', status: 'SUCCESS' }],
    });

    const notManager = await clientFailure(asBob().app.updateAppSettings({ app: 1, name: 'x' }));
    expect(notManager.status).toBe(403);
    expect(notManager.code).toBe('CB_NO02');
    const { app } = await asBob().app.addApp({ name: "Bob's app" });
    expect(await asBob().app.getAppSettings({ app, preview: true })).toMatchObject({
      name: "Bob's app",
    });
  });

  it('checks field definitions and refuses fields that exist', async () => {
    const kintone = asAlice();
    const { app } = await kintone.app.addApp({ name: 'Checks' });
    const bad = await clientFailure(
      kintone.app.addFormFields({
        app,
        properties: { '1st': { type: 'SINGLE_LINE_TEXT', code: '1st', label: 'First' } },
      }),
    );
    expect(bad.code).toBe('CB_VA01');
    await kintone.app.addFormFields({
      app,
      properties: { name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name' } },
    });
    const twice = await clientFailure(
      kintone.app.addFormFields({
        app,
        properties: { name: { type: 'SINGLE_LINE_TEXT', code: 'name', label: 'Name' } },
      }),
    );
    expect(twice.errors).toEqual({
      'properties.name.code': { messages: ['The field code "name" is already in use.'] },
    });

    await kintone.app.updateFormFields({ app, properties: { name: { label: 'Full name' } } });
    const { properties } = await kintone.app.getFormFields({ app, preview: true });
    expect(properties.name).toMatchObject({ type: 'SINGLE_LINE_TEXT', label: 'Full name' });
    await kintone.app.updateAppSettings({
      app,
      titleField: { selectionMode: 'MANUAL', code: 'name' },
    });
    const badTitle = await clientFailure(
      kintone.app.updateAppSettings({ app, titleField: { selectionMode: 'MANUAL', code: 'nope' } }),
    );
    expect(Object.keys(badTitle.errors as object)).toEqual(['titleField.code']);
    await kintone.app.deleteFormFields({ app, fields: ['name'] });
    const after = await kintone.app.getFormFields({ app, preview: true });
    expect(after.properties.name).toBeUndefined();
  });

  it('keeps a set layout in step with fields added and deleted', async () => {
    const kintone = asAlice();
    const { app } = await kintone.app.addApp({ name: 'Layout' });
    await kintone.app.addFormFields({
      app,
      properties: {
        a: { type: 'SINGLE_LINE_TEXT', code: 'a', label: 'A' },
        b: { type: 'NUMBER', code: 'b', label: 'B' },
      },
    });
    await kintone.app.updateFormLayout({
      app,
      layout: [
        {
          type: 'ROW',
          fields: [
            { type: 'SINGLE_LINE_TEXT', code: 'a', size: { width: '200' } },
            { type: 'NUMBER', code: 'b', size: {} },
          ],
        },
      ],
    });

    await kintone.app.addFormFields({
      app,
      properties: { c: { type: 'DATE', code: 'c', label: 'C' } },
    });
    await kintone.app.deleteFormFields({ app, fields: ['b'] });
    const { layout, revision } = await kintone.app.getFormLayout({ app, preview: true });
    expect(revision).toBe('5');
    expect(layout).toEqual([
      { type: 'ROW', fields: [{ type: 'SINGLE_LINE_TEXT', code: 'a', size: { width: '200' } }] },
      { type: 'ROW', fields: [{ type: 'DATE', code: 'c', size: {} }] },
    ]);
  });

  it('creates and deploys an app in a guest space through its guest path', async () => {
    const guest = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
      guestSpaceId: 2,
    });
    const { app } = await guest.app.addApp({ name: 'Guest orders', space: 2 });
    await guest.app.addFormFields({
      app,
      properties: { item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item' } },
    });
    expect(await deployAndWait(guest, app)).toEqual([{ app, status: 'SUCCESS' }]);
    expect((await guest.app.getFormFields({ app })).properties.item).toBeDefined();

    const outside = await clientFailure(asAlice().app.getDeployStatus({ apps: [app] }));
    expect(outside.code).toBe('GAIA_IL23');
  });

  it('reports the usage of the apps the caller manages', async () => {
    const { apps } = await asAlice().app.getStatistics({ limit: 100 });
    const tasks = apps.find((a) => a.id === '1');
    expect(tasks).toMatchObject({
      name: 'Tasks',
      space: null,
      recordCount: '5',
      apiTokenCount: '5',
      webhookCount: '0',
      customized: false,
    });
    const { apps: bobs } = await asBob().app.getStatistics({});
    expect(bobs.every((a) => a.creator.code === 'bob')).toBe(true);
  });

  it('deploys permission previews with the other settings, and a revert discards them', async () => {
    const kintone = asAlice();
    const { app } = await kintone.app.addApp({ name: 'Shared' });
    const rights = [
      everything({ type: 'USER' as const, code: 'bob' }),
      everything({ type: 'CREATOR' as const, code: null }),
    ];
    const written = await kintone.app.updateAppAcl({ app, rights, revision: 1 });
    expect(written).toEqual({ revision: '2' });
    const refused = await clientFailure(asBob().app.getAppSettings({ app, preview: true }));
    expect(refused.code).toBe('CB_NO02');

    await kintone.app.deployApp({ apps: [{ app, revision: 2 }] });
    expect((await kintone.app.getAppAcl({ app })).revision).toBe('2');
    expect(await asBob().app.getAppSettings({ app, preview: true })).toMatchObject({
      name: 'Shared',
    });

    await kintone.app.updateAppAcl({ app, rights: rights.slice(1) });
    await kintone.app.deployApp({ apps: [{ app }], revert: true });
    const preview = await kintone.app.getAppAcl({ app, preview: true });
    expect(preview.rights.map((r) => r.entity.code)).toEqual(['bob', null]);
  });

  it('deploys API setting previews through Update App on the settings pages too', async () => {
    const kintone = asAlice();
    const { app } = await kintone.app.addApp({ name: 'From the pages' });
    await kintone.app.addFormFields({
      app,
      properties: { note: { type: 'SINGLE_LINE_TEXT', code: 'note', label: 'Note' } },
    });
    const store = server.server.store;
    expect(await hasUndeployedSettings(store, Number(app))).toBe(true);

    await updateApp(store, Number(app));
    const live = await kintone.app.getFormFields({ app });
    expect(live.properties.note).toMatchObject({ type: 'SINGLE_LINE_TEXT' });
    expect(live.revision).toBe('2');
    expect(await hasUndeployedSettings(store, Number(app))).toBe(false);
  });
});

/** An app permission entry that allows everything, managing the app included. */
function everything<E>(entity: E) {
  return {
    entity,
    appEditable: true,
    recordViewable: true,
    recordAddable: true,
    recordEditable: true,
    recordDeletable: true,
    recordImportable: true,
    recordExportable: true,
  };
}
