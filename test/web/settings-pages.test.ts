import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { FormSession } from './form-session.js';

function byPassword(loginName: string, password: string) {
  return { 'X-Cybozu-Authorization': passwordHeader(loginName, password) };
}

describe.each(DIALECTS)('settings pages over HTTP [%s]', (dialect) => {
  let server: TestServer;
  let admin: FormSession;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    admin = new FormSession(server.url);
    await admin.logIn(USERS.alice.loginName, USERS.alice.password);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('sends every page with anti-framing headers, and signed-out visitors to the login', async () => {
    for (const path of ['/k/admin/users', '/k/admin/app/apitoken?app=1', '/k/settings/']) {
      const page = await admin.get(path);
      expect(page.status).toBe(200);
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
    const anonymous = await new FormSession(server.url).get('/k/admin/users');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?redirect=%2Fk%2Fadmin%2Fusers');
  });

  it('refuses non-administrators with the refusal page', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    for (const path of ['/k/admin/', '/k/admin/users', '/k/admin/groups', '/k/admin/spaces/1']) {
      const page = await bob.get(path);
      expect(page.status).toBe(403);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.text).toContain('No privilege to proceed.');
    }
    await bob.get('/k/settings/');
    const post = await bob.post('/k/admin/users', { loginName: 'x', password: 'long-enough' });
    expect(post.status).toBe(403);
    expect(await server.server.store.users.findByLoginName('x')).toBeUndefined();
  });

  it('answers unknown users, groups, spaces and apps with a page', async () => {
    for (const path of [
      '/k/admin/users/999999',
      '/k/admin/users/99999999999',
      '/k/admin/users/abc',
      '/k/admin/groups/nobody',
      '/k/admin/spaces/999',
      '/k/admin/app/apitoken',
    ]) {
      const page = await admin.get(path);
      expect(page.status).toBe(404);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.text).toContain('This page does not exist.');
    }
    const app = await admin.get('/k/admin/app/apitoken?app=999');
    expect(app.status).toBe(404);
    expect(app.text).toContain('The app (ID: 999) not found.');
  });

  it('refuses forms without the request token', async () => {
    await admin.get('/k/admin/users/new');
    const forged = await admin.post(
      '/k/admin/users',
      { loginName: 'forged', password: 'forged-password' },
      false,
    );
    expect(forged.status).toBe(400);
    expect(forged.json.code).toBe('CB_IL02');
    expect(await server.server.store.users.findByLoginName('forged')).toBeUndefined();
  });

  it('adds a user, refusing bad and taken login names with the form again', async () => {
    await admin.get('/k/admin/users/new');
    const bad = await admin.post('/k/admin/users', { loginName: 'a b', password: 'long-enough' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a login name of 1 to 128 characters');
    expect(bad.text).toContain('value="a b"');

    const taken = await admin.post('/k/admin/users', { loginName: 'bob', password: 'long-enough' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('This login name is already in use.');

    const short = await admin.post('/k/admin/users', { loginName: 'erin', password: 'short' });
    expect(short.text).toContain('Enter a password of 8 to 128 characters');

    const added = await admin.post('/k/admin/users', {
      loginName: 'erin',
      displayName: '<script>alert(1)</script>',
      password: 'erin-password',
    });
    expect(added.status).toBe(303);
    expect(added.headers.location).toBe('/k/admin/users');
    const list = await admin.get('/k/admin/users');
    expect(list.text).toContain('The user was added.');
    expect(list.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(list.text).not.toContain('<script>alert(1)');

    const call = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      byPassword('erin', 'erin-password'),
    );
    expect(call.status).toBe(200);
  });

  it('ends a user’s sessions when an administrator resets the password', async () => {
    const yuki = new FormSession(server.url);
    await yuki.logIn(USERS.yuki.loginName, USERS.yuki.password);
    expect((await yuki.get('/k/')).status).toBe(200);
    // Warm the verified-password cache with the old password.
    const before = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      byPassword(USERS.yuki.loginName, USERS.yuki.password),
    );
    expect(before.status).toBe(200);

    const id = (await server.server.store.users.findByLoginName(USERS.yuki.loginName))!.id;
    await admin.get(`/k/admin/users/${id}`);
    const reset = await admin.post(`/k/admin/users/${id}/password`, {
      password: 'ゆきの新しいパスワード',
    });
    expect(reset.status).toBe(303);

    expect((await yuki.get('/k/')).status).toBe(303);
    const old = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      byPassword(USERS.yuki.loginName, USERS.yuki.password),
    );
    expect(old.json.code).toBe('CB_WA01');
    const fresh = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      byPassword(USERS.yuki.loginName, 'ゆきの新しいパスワード'),
    );
    expect(fresh.status).toBe(200);

    // The change is in the audit log (written just after the request).
    await expect
      .poll(async () =>
        (
          await server.server.store.auditLog.list({
            loginName: USERS.yuki.loginName,
            event: 'password_change',
            limit: 5,
          })
        ).map((e) => e.method),
      )
      .toEqual(['session']);
  });

  it('keeps administrators from disabling themselves', async () => {
    const id = (await server.server.store.users.findByLoginName('alice'))!.id;
    await admin.get(`/k/admin/users/${id}`);
    const refused = await admin.post(`/k/admin/users/${id}/enabled`, { enabled: '0' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('You cannot disable your own account.');
    expect((await server.server.store.users.findById(id))!.enabled).toBe(true);
  });

  it('makes a user an administrator, but keeps administrators from removing themselves', async () => {
    const erin = (await server.server.store.users.findByLoginName('erin'))!;
    await admin.get(`/k/admin/users/${erin.id}`);
    expect((await admin.post(`/k/admin/users/${erin.id}/admin`, { isAdmin: '1' })).status).toBe(
      303,
    );
    const session = new FormSession(server.url);
    await session.logIn('erin', 'erin-password');
    expect((await session.get('/k/admin/users')).status).toBe(200);
    expect((await admin.post(`/k/admin/users/${erin.id}/admin`, {})).status).toBe(303);
    expect((await session.get('/k/admin/users')).status).toBe(403);

    const alice = (await server.server.store.users.findByLoginName('alice'))!;
    const refused = await admin.post(`/k/admin/users/${alice.id}/admin`, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('You cannot remove yourself from the Administrators group.');
  });

  it('adds and removes group members, which app permissions then follow', async () => {
    await admin.get('/k/admin/groups');
    const reserved = await admin.post('/k/admin/groups', { code: 'Everyone', name: '' });
    expect(reserved.status).toBe(400);
    expect((await admin.post('/k/admin/groups', { code: 'team', name: 'Team' })).status).toBe(303);

    const bobId = (await server.server.store.users.findByLoginName('bob'))!.id;
    await admin.get('/k/admin/groups/team');
    expect(
      (await admin.post('/k/admin/groups/team/members', { userId: String(bobId) })).status,
    ).toBe(303);
    expect(await server.server.store.groups.memberIds('team')).toEqual([bobId]);
    expect(
      (await admin.post('/k/admin/groups/team/members/remove', { userId: String(bobId) })).status,
    ).toBe(303);
    expect(await server.server.store.groups.memberIds('team')).toEqual([]);

    const unknown = await admin.post('/k/admin/groups/team/members', { userId: '999999' });
    expect(unknown.json.code).toBe('CB_VA01');
  });

  it('adds a space member, who then reaches the space’s app', async () => {
    const yuki = byPassword(USERS.yuki.loginName, 'ゆきの新しいパスワード');
    const before = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=3', yuki);
    expect(before.status).toBe(403);

    const id = (await server.server.store.users.findByLoginName(USERS.yuki.loginName))!.id;
    await admin.get('/k/admin/spaces/1');
    expect((await admin.post('/k/admin/spaces/1/members', { userId: String(id) })).status).toBe(
      303,
    );
    const after = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=3', yuki);
    expect(after.status).toBe(200);
  });

  it('shows a generated token once, then only its last four characters', async () => {
    await admin.get('/k/admin/app/apitoken?app=4');
    const generated = await admin.post('/k/admin/app/apitoken/generate?app=4', {});
    expect(generated.status).toBe(303);
    expect(generated.headers.location).toBe('/k/admin/app/apitoken?app=4');
    // Another page opened in between does not take the value away.
    expect((await admin.get('/k/admin/app/flow?app=4')).text).not.toContain('new-token');

    const first = await admin.get('/k/admin/app/apitoken?app=4');
    const token = /id="new-token" readonly value="([A-Za-z0-9]{40})"/.exec(first.text)?.[1];
    expect(token).toBeDefined();
    const again = await admin.get('/k/admin/app/apitoken?app=4');
    expect(again.text).not.toContain(token!);
    expect(again.text).toContain(`••••${token!.slice(-4)}`);

    const draft = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=4', {
      'X-Cybozu-API-Token': token!,
    });
    expect(draft.json.code).toBe('GAIA_IA02');
    await admin.get('/k/admin/app/flow?app=4');
    expect((await admin.post('/k/admin/app/deploy?app=4', {})).status).toBe(303);
    const live = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=4', {
      'X-Cybozu-API-Token': token!,
    });
    expect(live.status).toBe(200);
  });

  it('regenerates a token, showing the new value once', async () => {
    const [first] = await server.server.store.apiTokens.listForApp(4);
    await admin.get('/k/admin/app/apitoken?app=4');
    const posted = await admin.post('/k/admin/app/apitoken/regenerate?app=4', {
      token: String(first!.id),
    });
    expect(posted.status).toBe(303);
    const page = await admin.get('/k/admin/app/apitoken?app=4');
    const value = /id="new-token" readonly value="([A-Za-z0-9]{40})"/.exec(page.text)?.[1];
    expect(value).toBeDefined();
    expect(page.text).toContain('It replaces the old one at “Update App”.');

    expect(
      (
        await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=4', {
          'X-Cybozu-API-Token': value!,
        })
      ).json.code,
    ).toBe('GAIA_IA02');
    await admin.post('/k/admin/app/deploy?app=4', {});
    expect(
      (
        await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=4', {
          'X-Cybozu-API-Token': value!,
        })
      ).status,
    ).toBe(200);
  });

  it('drops saved token settings with Cancel Changes', async () => {
    await admin.get('/k/admin/app/apitoken?app=4');
    await admin.post('/k/admin/app/apitoken/generate?app=4', {});
    const flow = await admin.get('/k/admin/app/flow?app=4');
    expect(flow.text).toContain('Cancel Changes');
    expect((await admin.post('/k/admin/app/discard?app=4', {})).status).toBe(303);
    const after = await admin.get('/k/admin/app/flow?app=4');
    expect(after.text).toContain('The changes were canceled');
    expect(after.text).not.toContain('Cancel Changes');
    const tokens = await server.server.store.apiTokens.listForApp(4);
    expect(tokens.every((t) => t.deployed)).toBe(true);
  });

  it('makes app permission previews live at Update App', async () => {
    const client = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { username: USERS.alice.loginName, password: USERS.alice.password },
    });
    const live = await client.app.getAppAcl({ app: 4 });
    const rights = [
      {
        entity: { type: 'USER' as const, code: 'alice' },
        includeSubs: false,
        appEditable: true,
        recordViewable: true,
        recordAddable: true,
        recordEditable: true,
        recordDeletable: true,
        recordImportable: true,
        recordExportable: true,
      },
    ];
    await client.app.updateAppAcl({ app: 4, rights });
    expect((await client.app.getAppAcl({ app: 4 })).rights).toEqual(live.rights);
    expect((await admin.get('/k/admin/app/flow?app=4')).text).toContain('not in use yet');

    expect((await admin.post('/k/admin/app/deploy?app=4', {})).status).toBe(303);
    expect((await client.app.getAppAcl({ app: 4 })).rights).toEqual(rights);
    expect((await admin.get('/k/admin/app/permission?app=4')).text).toContain('User: alice');
  });

  it('shows record and field permissions, escaped', async () => {
    const store = server.server.store;
    await store.permissions.replace(4, 'record', 'live', [
      {
        filterCond: 'title like "<b>"',
        entities: [
          {
            entity: { type: 'USER', code: 'alice' },
            viewable: true,
            editable: false,
            deletable: false,
            includeSubs: false,
          },
        ],
      },
    ]);
    await store.permissions.replace(4, 'field', 'live', [
      {
        code: 'amount',
        entities: [
          { entity: { type: 'GROUP', code: 'team' }, accessibility: 'READ', includeSubs: false },
        ],
      },
    ]);
    const page = await admin.get('/k/admin/app/permission?app=4');
    expect(page.text).toContain('1. title like &quot;&lt;b&gt;&quot;');
    expect(page.text).toContain('Group: team: View');
  });

  it('refuses a note over 200 characters', async () => {
    const [first] = await server.server.store.apiTokens.listForApp(4);
    await admin.get('/k/admin/app/apitoken?app=4');
    const refused = await admin.post('/k/admin/app/apitoken/save?app=4', {
      token: String(first!.id),
      view: '1',
      note: 'x'.repeat(201),
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Enter a note of up to 200 characters.');
  });

  it('refuses the 21st token of an app with Kintone’s limit', async () => {
    await admin.get('/k/admin/app/apitoken?app=2');
    // App 2 has one token; nineteen more reach the limit.
    for (let i = 0; i < 19; i += 1) {
      expect((await admin.post('/k/admin/app/apitoken/generate?app=2', {})).status).toBe(303);
    }
    const refused = await admin.post('/k/admin/app/apitoken/generate?app=2', {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Up to 20 API tokens can be generated per app.');
    expect(await server.server.store.apiTokens.listForApp(2)).toHaveLength(20);
  });

  it('refuses API token settings to users who may not manage the app', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    const page = await bob.get('/k/admin/app/apitoken?app=1');
    expect(page.status).toBe(403);
    await bob.get('/k/settings/');
    const post = await bob.post('/k/admin/app/apitoken/generate?app=1', {});
    expect(post.status).toBe(403);
    const deploy = await bob.post('/k/admin/app/deploy?app=1', {});
    expect(deploy.status).toBe(403);
  });

  it('answers session callers in their chosen language, else by Accept-Language', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    const missing = (acceptLanguage: string) =>
      jsonRequest(server.url, 'GET', '/k/v1/record.json?app=1&id=999999', {
        cookie: bob.cookie,
        'X-Requested-With': 'XMLHttpRequest',
        'Accept-Language': acceptLanguage,
      });
    expect((await missing('ja')).json.message).toContain('見つかりません');

    await bob.get('/k/settings/');
    expect((await bob.post('/k/settings/language', { language: 'en' })).status).toBe(303);
    expect((await missing('ja')).json.message).toBe(
      'The specified record (ID: 999999) is not found.',
    );
    const page = await bob.get('/k/', { 'Accept-Language': 'ja' });
    expect(page.text).toContain('<html lang="en">');

    expect((await bob.post('/k/settings/language', { language: '' })).status).toBe(303);
    expect((await missing('ja')).json.message).toContain('見つかりません');
    expect((await bob.post('/k/settings/language', { language: 'zh' })).json.code).toBe('CB_VA01');
  });

  it('changes the own password only with the current one, ending other sessions', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    const other = new FormSession(server.url);
    await other.logIn(USERS.bob.loginName, USERS.bob.password);

    await bob.get('/k/settings/');
    const wrong = await bob.post('/k/settings/password', {
      currentPassword: 'wrong',
      newPassword: 'bob-changed-password',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The current password is incorrect.');

    const changed = await bob.post('/k/settings/password', {
      currentPassword: USERS.bob.password,
      newPassword: 'bob-changed-password',
    });
    expect(changed.status).toBe(303);
    expect((await bob.get('/k/settings/')).text).toContain('Your other sessions have ended.');
    expect((await other.get('/k/')).status).toBe(303);
    const old = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/app.json?id=1',
      byPassword('bob', USERS.bob.password),
    );
    expect(old.json.code).toBe('CB_WA01');
  });

  it('keeps working tokens unchanged until Update App', async () => {
    const id = (await server.server.store.apiTokens.listForApp(1)).find(
      (t) => t.note === 'second view token',
    )!.id;
    await admin.get('/k/admin/app/apitoken?app=1');
    expect(
      (await admin.post('/k/admin/app/apitoken/delete?app=1', { token: String(id) })).status,
    ).toBe(303);
    const stillThere = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      'X-Cybozu-API-Token': TOKENS.app1Second,
    });
    expect(stillThere.status).toBe(200);

    await admin.get('/k/admin/app/flow?app=1');
    await admin.post('/k/admin/app/deploy?app=1', {});
    const gone = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      'X-Cybozu-API-Token': TOKENS.app1Second,
    });
    expect(gone.json.code).toBe('GAIA_IA02');
  });
});
