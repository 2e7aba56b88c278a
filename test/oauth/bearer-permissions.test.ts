import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { RECORD, recordAclSeed } from '../permissions/acl-fixture.js';
import { bearer, CLIENTS, issueTokens } from './oauth-support.js';

/** A Bearer caller is its user: record and field permissions hold it as they hold a login. */
describe.each(DIALECTS)('record and field permissions for OAuth tokens [%s]', (dialect) => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    const seed = recordAclSeed();
    seed.oauthClients = [{ ...CLIENTS.main, allowedUsers: ['member'], requirePkce: false }];
    server = await startTestServer(dialect, seed);
    const member = { loginName: 'member', password: 'member-password' };
    const scope = 'k:app_record:read k:app_record:write';
    token = (await issueTokens(server.url, scope, member)).access_token;
  });
  afterAll(async () => server?.close());

  const call = (method: string, path: string, body?: unknown) =>
    jsonRequest(server.url, method, path, bearer(token), body);

  it('lists only the records and fields the user may view', async () => {
    const listed = await call('GET', '/k/v1/records.json?app=1&totalCount=true');
    expect(listed.status).toBe(200);
    const ids = listed.json.records.map((r: { $id: { value: string } }) => Number(r.$id.value));
    expect(ids.sort()).toEqual([RECORD.open, RECORD.locked, RECORD.plain]);
    expect(listed.json.totalCount).toBe('3');
    expect(Object.keys(listed.json.records[0])).not.toContain('body');
    expect(Object.keys(listed.json.records[0])).toContain('amount');
  });

  it('refuses a hidden record, a record it may not edit, and a read-only field', async () => {
    const hidden = await call('GET', `/k/v1/record.json?app=1&id=${RECORD.closed}`);
    expect([hidden.status, hidden.json.code]).toEqual([403, 'CB_NO02']);

    const locked = await call('PUT', '/k/v1/record.json', {
      app: 1,
      id: RECORD.locked,
      record: { title: { value: 'changed' } },
    });
    expect([locked.status, locked.json.code]).toEqual([403, 'CB_NO02']);

    const readOnly = await call('PUT', '/k/v1/record.json', {
      app: 1,
      id: RECORD.plain,
      record: { amount: { value: '5' } },
    });
    expect([readOnly.status, readOnly.json.code]).toEqual([403, 'CB_NO02']);

    const query = await call(
      'GET',
      `/k/v1/records.json?app=1&query=${encodeURIComponent('body = "x"')}`,
    );
    expect([query.status, query.json.code]).toEqual([400, 'GAIA_IQ11']);
  });
});
