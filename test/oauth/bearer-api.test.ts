import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { bearer, CLIENTS, issueTokens, loginCookie, oauthSeed } from './oauth-support.js';

const ALL_SCOPES =
  'k:app_record:read k:app_record:write k:app_settings:read k:app_settings:write k:file:read k:file:write';

describe.each(DIALECTS)('Bearer calls to the REST API [%s]', (dialect) => {
  let server: TestServer;
  let readOnly: string;
  let everything: string;

  beforeAll(async () => {
    const seed = oauthSeed();
    // Contacts (app 4): Alice may do everything, Bob only view.
    seed.apps[3]!.acl = [
      {
        entity: { type: 'USER', code: 'alice' },
        includeSubs: false,
        appEditable: true,
        recordViewable: true,
        recordAddable: true,
        recordEditable: true,
        recordDeletable: true,
        recordImportable: true,
        recordExportable: true,
      },
      {
        entity: { type: 'USER', code: 'bob' },
        includeSubs: false,
        appEditable: false,
        recordViewable: true,
        recordAddable: false,
        recordEditable: false,
        recordDeletable: false,
        recordImportable: false,
        recordExportable: false,
      },
    ];
    server = await startTestServer(dialect, seed);
    readOnly = (await issueTokens(server.url, 'k:app_record:read')).access_token;
    everything = (await issueTokens(server.url, ALL_SCOPES)).access_token;
  });
  afterAll(async () => server.close());

  const client = (token: string) =>
    new KintoneRestAPIClient({ baseUrl: server.url, auth: { oAuthToken: token } });

  it('reads and writes records with the record scopes, through the official client', async () => {
    const kintone = client(everything);
    const { id } = await kintone.record.addRecord({
      app: 1,
      record: { title: { value: 'via OAuth' } },
    });
    const { record } = await kintone.record.getRecord({ app: 1, id });
    expect(record.title!.value).toBe('via OAuth');
    // Written as the user who approved the client.
    expect(record['作成者']!.value).toEqual({
      code: 'alice',
      name: 'Alice Admin',
    });
  });

  it('R29: a read-only token reads, and is refused writes with 403 CB_NO02', async () => {
    const kintone = client(readOnly);
    const { records } = await kintone.record.getRecords({
      app: 1,
      query: 'order by $id asc limit 2',
    });
    expect(records.map((r) => r.title!.value)).toEqual(['Task 1', 'Task 2']);

    const failure = await clientFailure(
      kintone.record.addRecord({ app: 1, record: { title: { value: 'nope' } } }),
    );
    expect(failure.status).toBe(403);
    expect(failure.code).toBe('CB_NO02');
    expect(failure.message).toBe('[403] [CB_NO02] No privilege to proceed. (' + failure.id + ')');

    const settings = await clientFailure(kintone.app.getFormFields({ app: 1 }));
    expect([settings.status, settings.code]).toEqual([403, 'CB_NO02']);
    const upload = await clientFailure(
      kintone.file.uploadFile({ file: { name: 'a.txt', data: Buffer.from('x') } }),
    );
    expect([upload.status, upload.code]).toEqual([403, 'CB_NO02']);
  });

  it('R28: a missing scope is 403 with insufficient_scope naming the scope', async () => {
    const response = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/record.json',
      { ...bearer(readOnly), 'accept-language': 'en' },
      { app: 1, record: { title: { value: 'x' } } },
    );
    expect(response.status).toBe(403);
    expect(response.json).toEqual({
      code: 'CB_NO02',
      id: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      message: 'No privilege to proceed.',
    });
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="kintone-local", error="insufficient_scope", scope="k:app_record:write"',
    );
  });

  it('R28: an unknown token is 401 CB_AU01 with invalid_token', async () => {
    const response = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      ...bearer('x'.repeat(43)),
      'accept-language': 'ja',
    });
    expect(response.status).toBe(401);
    expect(response.json.code).toBe('CB_AU01');
    expect(response.json.message).toBe('ログインしてください。');
    expect(response.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('opens app settings, files and the app list with their scopes', async () => {
    const kintone = client(everything);
    const { properties } = await kintone.app.getFormFields({ app: 1 });
    expect(properties.title?.type).toBe('SINGLE_LINE_TEXT');
    const { apps } = await kintone.app.getApps({});
    expect(apps.map((a) => a.appId)).toContain('1');

    const { fileKey } = await kintone.file.uploadFile({
      file: { name: 'note.txt', data: Buffer.from('hello') },
    });
    expect(fileKey).toEqual(expect.any(String));
  });

  it('creates, changes and deploys an app with the settings scopes, through the official client', async () => {
    const kintone = client(everything);
    const { app } = await kintone.app.addApp({ name: 'Made over OAuth' });
    await kintone.app.addFormFields({
      app,
      properties: { item: { type: 'SINGLE_LINE_TEXT', code: 'item', label: 'Item' } },
    });
    await kintone.app.updateAppSettings({ app, description: 'Orders taken by a partner' });
    await kintone.app.deployApp({ apps: [{ app }] });
    let status = '';
    while (status !== 'SUCCESS') {
      const { apps } = await kintone.app.getDeployStatus({ apps: [app] });
      status = apps[0]!.status;
      expect(['PROCESSING', 'SUCCESS']).toContain(status);
    }

    const { properties } = await kintone.app.getFormFields({ app });
    expect(properties.item).toMatchObject({ type: 'SINGLE_LINE_TEXT', label: 'Item' });
    const settings = await kintone.app.getAppSettings({ app });
    expect(settings.description).toBe('Orders taken by a partner');

    const withoutScope = await clientFailure(client(readOnly).app.addApp({ name: 'Refused' }));
    expect(withoutScope.status).toBe(403);
    expect(withoutScope.code).toBe('CB_NO02');
  });

  it('APIs no scope covers (spaces) are refused to every token', async () => {
    const response = await jsonRequest(
      server.url,
      'GET',
      '/k/v1/space.json?id=1',
      bearer(everything),
    );
    expect(response.status).toBe(403);
    expect(response.json.code).toBe('CB_NO02');
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="kintone-local", error="insufficient_scope"',
    );
  });

  it('a bulk request needs the scope of every sub-request', async () => {
    const failure = await clientFailure(
      client(readOnly).bulkRequest({
        requests: [
          {
            method: 'POST',
            api: '/k/v1/record.json',
            payload: { app: 1, record: { title: { value: 'b' } } },
          },
        ],
      }),
    );
    expect(failure.status).toBe(403);
    expect(failure.code).toBe('CB_NO02');

    const done = await client(everything).bulkRequest({
      requests: [
        {
          method: 'POST',
          api: '/k/v1/record.json',
          payload: { app: 1, record: { title: { value: 'b' } } },
        },
      ],
    });
    expect(done.results).toHaveLength(1);
  });

  it("R29: the scope never exceeds the user's own rights", async () => {
    const bobToken = (await issueTokens(server.url, ALL_SCOPES, USERS.bob)).access_token;
    // Bob is not a member of the guest space that holds app 2.
    const guest = await clientFailure(
      new KintoneRestAPIClient({
        baseUrl: server.url,
        auth: { oAuthToken: bobToken },
        guestSpaceId: 2,
      }).record.getRecords({ app: 2 }),
    );
    expect([guest.status, guest.code]).toEqual([403, 'CB_NO02']);

    // Every scope, but Bob may only view Contacts: his token may read and not add there.
    const contacts = new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { oAuthToken: bobToken },
    });
    expect((await contacts.record.getRecords({ app: 4 })).records).toHaveLength(2);
    const add = await clientFailure(
      contacts.record.addRecord({ app: 4, record: { title: { value: 'by Bob' } } }),
    );
    expect([add.status, add.code]).toEqual([403, 'CB_NO02']);
    await client(everything).record.addRecord({ app: 4, record: { title: { value: 'by Alice' } } });

    // Alice, a member, reads it with the same scopes.
    const { records } = await new KintoneRestAPIClient({
      baseUrl: server.url,
      auth: { oAuthToken: everything },
      guestSpaceId: 2,
    }).record.getRecords({ app: 2 });
    expect(records).toHaveLength(3);
  });

  it('R27: the scheme is case-insensitive; tokens in the URL are not read, nor beside a header', async () => {
    const lower = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      authorization: `bearer ${readOnly}`,
    });
    expect(lower.status).toBe(200);

    const inUrl = await jsonRequest(
      server.url,
      'GET',
      `/k/v1/records.json?app=1&access_token=${readOnly}`,
      {},
    );
    expect(inUrl.status).toBe(401);
    expect(inUrl.json.code).toBe('CB_AU01');

    const both = await jsonRequest(
      server.url,
      'GET',
      `/k/v1/records.json?app=1&access_token=${readOnly}`,
      bearer(readOnly),
    );
    expect(both.status).toBe(400);
    expect(both.json.code).toBe('CB_IL02');
    expect(both.headers['www-authenticate']).toContain('error="invalid_request"');
  });

  it('precedence: password, then API token, then Bearer, then the session', async () => {
    const badBearer = bearer('y'.repeat(43));
    const withPassword = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      ...badBearer,
      'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
    });
    expect(withPassword.status).toBe(200);

    const withToken = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      ...badBearer,
      'x-cybozu-api-token': TOKENS.app1View,
    });
    expect(withToken.status).toBe(200);

    const cookie = await loginCookie(server.url);
    const overSession = await jsonRequest(server.url, 'GET', '/k/v1/records.json?app=1', {
      ...badBearer,
      cookie,
      'x-requested-with': 'XMLHttpRequest',
    });
    expect(overSession.status).toBe(401);
  });

  it('R37: a Bearer write needs no request token, and a cookie write without one is refused', async () => {
    const withBearer = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/record.json',
      bearer(everything),
      {
        app: 1,
        record: { title: { value: 'no csrf needed' } },
      },
    );
    expect(withBearer.status).toBe(200);

    const cookie = await loginCookie(server.url);
    const withCookie = await jsonRequest(
      server.url,
      'POST',
      '/k/v1/record.json',
      { cookie, 'x-requested-with': 'XMLHttpRequest' },
      { app: 1, record: { title: { value: 'csrf' } } },
    );
    expect(withCookie.status).toBe(400);
    expect(withCookie.json.code).toBe('CB_IL02');
  });

  it('R38: no cross-origin read is allowed by CORS headers', async () => {
    const response = await rawRequest(server.url, {
      path: '/k/v1/records.json?app=1',
      headers: { ...bearer(readOnly), origin: 'https://evil.example' },
    });
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });
});
