import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discardAppChanges, hasUndeployedSettings, updateApp } from '../../src/apps/update-app.js';
import { sha256Hex } from '../../src/crypto/digest.js';
import { TooManyTokensError } from '../../src/store/api-tokens.js';
import type { Store } from '../../src/store/store.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, fixtureToken, TOKENS } from '../support/fixture.js';
import { jsonRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const VIEW = { view: true, add: false, edit: false, delete: false, manage: false };
const VIEW_ADD = { ...VIEW, add: true };

describe.each(DIALECTS)('API token drafts and Update App [%s]', (dialect) => {
  let server: TestServer;
  let store: Store;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    store = server.server.store;
  });

  afterAll(async () => {
    await server?.close();
  });

  const addRecord = (token: string) =>
    jsonRequest(
      server.url,
      'POST',
      '/k/v1/record.json',
      { 'X-Cybozu-API-Token': token },
      { app: 4, record: { title: { value: 'by token' } } },
    );
  const readRecordsOf = (app: number, token: string) =>
    jsonRequest(server.url, 'GET', `/k/v1/records.json?app=${app}`, {
      'X-Cybozu-API-Token': token,
    });
  const readRecords = (token: string) =>
    jsonRequest(server.url, 'GET', '/k/v1/records.json?app=4', { 'X-Cybozu-API-Token': token });

  it('answers a draft exactly as an unknown token until the app is updated', async () => {
    const token = fixtureToken('drafttoken');
    await store.apiTokens.create(
      { appId: 4, digest: sha256Hex(token), permissions: VIEW, note: '', hint: token.slice(-4) },
      false,
      '2026-01-01T00:00:00Z',
    );
    const unknown = await readRecords(fixtureToken('neverissued'));
    const draft = await readRecords(token);
    expect(draft.status).toBe(unknown.status);
    expect(draft.json.code).toBe('GAIA_IA02');
    expect(draft.json.message).toBe(unknown.json.message);
    expect(await hasUndeployedSettings(store, 4)).toBe(true);

    await updateApp(store, 4);
    expect((await readRecords(token)).status).toBe(200);
    expect(await hasUndeployedSettings(store, 4)).toBe(false);
  });

  it('applies changed checkboxes of a deployed token only at Update App', async () => {
    const id = (await store.apiTokens.listForApp(4))[0]!.id;
    expect(await store.apiTokens.saveSettings(4, id, { permissions: VIEW_ADD, note: 'more' })).toBe(
      true,
    );
    expect((await addRecord(TOKENS.app4View)).json.code).toBe('GAIA_NO01');

    await updateApp(store, 4);
    expect((await addRecord(TOKENS.app4View)).status).toBe(200);
    const [first] = await store.apiTokens.listForApp(4);
    expect(first).toMatchObject({ note: 'more', pending: null, permissions: VIEW_ADD });
  });

  it('swaps a regenerated value in at Update App, keeping the old one until then', async () => {
    const id = (await store.apiTokens.listForApp(4))[1]!.id;
    const next = fixtureToken('regenerated');
    await store.apiTokens.saveSettings(4, id, {
      permissions: VIEW,
      note: '',
      digest: sha256Hex(next),
      hint: next.slice(-4),
    });
    expect((await readRecords(TOKENS.app4Second)).status).toBe(200);
    expect((await readRecords(next)).json.code).toBe('GAIA_IA02');

    await updateApp(store, 4);
    expect((await readRecords(TOKENS.app4Second)).json.code).toBe('GAIA_IA02');
    expect((await readRecords(next)).status).toBe(200);
    expect((await store.apiTokens.listForApp(4))[1]!.hint).toBe(next.slice(-4));
  });

  it('removes a draft at once and a deployed token at Update App', async () => {
    const draft = fixtureToken('shortlived');
    const created = await store.apiTokens.create(
      { appId: 4, digest: sha256Hex(draft), permissions: VIEW, note: '' },
      false,
      '2026-01-01T00:00:00Z',
    );
    expect(await store.apiTokens.remove(4, created.id)).toBe(true);
    expect((await store.apiTokens.listForApp(4)).some((t) => t.id === created.id)).toBe(false);

    const deployed = (await store.apiTokens.listForApp(4))[0]!;
    await store.apiTokens.remove(4, deployed.id);
    expect((await readRecords(TOKENS.app4View)).status).toBe(200);
    await updateApp(store, 4);
    expect((await readRecords(TOKENS.app4View)).json.code).toBe('GAIA_IA02');
  });

  it('drops drafts and pending changes at Cancel Changes', async () => {
    const draft = fixtureToken('canceled');
    await store.apiTokens.create(
      { appId: 1, digest: sha256Hex(draft), permissions: VIEW, note: '' },
      false,
      '2026-01-01T00:00:00Z',
    );
    const inUse = (await store.apiTokens.listForApp(1))[0]!;
    await store.apiTokens.remove(1, inUse.id);
    const before = (await store.apiTokens.listForApp(1)).length;

    await discardAppChanges(store, 1);
    const after = await store.apiTokens.listForApp(1);
    expect(after).toHaveLength(before - 1);
    expect(after.every((t) => t.deployed && t.pending === null)).toBe(true);
    expect(await hasUndeployedSettings(store, 1)).toBe(false);
    await updateApp(store, 1);
    expect((await readRecordsOf(1, TOKENS.app1Full)).status).toBe(200);
  });

  it('changes nothing for a token of another app', async () => {
    const other = (await store.apiTokens.listForApp(1))[0]!;
    expect(await store.apiTokens.saveSettings(4, other.id, { permissions: VIEW, note: '' })).toBe(
      false,
    );
    expect(await store.apiTokens.remove(4, other.id)).toBe(false);
  });

  it('refuses a 21st token, counting drafts', async () => {
    const existing = (await store.apiTokens.listForApp(3)).length;
    for (let i = existing; i < 20; i += 1) {
      await store.apiTokens.create(
        {
          appId: 3,
          digest: sha256Hex(fixtureToken(`limit${String.fromCharCode(97 + i)}`)),
          permissions: VIEW,
          note: '',
        },
        false,
        '2026-01-01T00:00:00Z',
      );
    }
    await expect(
      store.apiTokens.create(
        { appId: 3, digest: sha256Hex(fixtureToken('onetoomany')), permissions: VIEW, note: '' },
        false,
        '2026-01-01T00:00:00Z',
      ),
    ).rejects.toThrow(TooManyTokensError);
  });
});
