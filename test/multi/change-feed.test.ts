import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/crypto/digest.js';
import { applySeed } from '../../src/seed/apply-seed.js';
import { parseSeed } from '../../src/seed/read-seed.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { StoreChange } from '../../src/store/change-feed.js';
import { createTestSchema, DIALECTS, POSTGRES_URL } from '../support/dialects.js';
import { fixtureSeed, TOKENS } from '../support/fixture.js';

/** Two stores on one schema stand for two instances: one's change reaches the other's caches. */
describe.skipIf(!DIALECTS.includes('postgres'))('store changes between instances', () => {
  let schema: string;
  let one: Store;
  let other: Store;
  const heard: StoreChange[] = [];

  beforeAll(async () => {
    schema = await createTestSchema('kl_feed');
    const location = { kind: 'postgres', url: POSTGRES_URL, schema } as const;
    one = await openStore(location);
    await applySeed(one, parseSeed(fixtureSeed()), { now: new Date(), timeZone: 'UTC' });
    other = await openStore(location);
    other.database.changes.subscribe((change) => heard.push(change));
    await other.database.changes.ready();
  });
  afterAll(async () => {
    await one?.close();
    await other?.close();
  });

  async function heardSoon(kind: StoreChange['kind']): Promise<StoreChange> {
    for (let i = 0; i < 100 && !heard.some((c) => c.kind === kind); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return heard.find((c) => c.kind === kind)!;
  }

  it('forgets a deleted token at once, well inside its one-second memory', async () => {
    const digest = sha256Hex(TOKENS.app1Second);
    const token = await other.apiTokens.findByDigest(digest);
    expect(token?.note).toBe('second view token');

    await one.apiTokens.delete(token!.id);
    expect(await heardSoon('tokens')).toEqual({ kind: 'tokens' });
    expect(await other.apiTokens.findByDigest(digest)).toBeUndefined();
  });

  it('names the user whose account changed', async () => {
    const bob = await one.users.findByLoginName('bob');
    await one.users.setEnabled(bob!.id, false);
    expect(await heardSoon('user')).toEqual({ kind: 'user', userId: bob!.id });
  });

  it('names the session that ended', async () => {
    await one.sessions.delete('x'.repeat(24));
    expect(await heardSoon('session')).toEqual({ kind: 'session', sessionId: 'x'.repeat(24) });
  });

  it('does not hear its own changes twice', async () => {
    const own: StoreChange[] = [];
    one.database.changes.subscribe((change) => own.push(change));
    await one.database.changes.ready();
    await one.database.changes.publish({ kind: 'app', appId: 99 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(own).toEqual([{ kind: 'app', appId: 99 }]);
  });

  it('listens again after losing its connection, and forgets everything it may have missed', async () => {
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      const channel = `kintone_local_${sha256Hex(schema).slice(0, 24)}`;
      const { rowCount } = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1',
        [`LISTEN "${channel}"`],
      );
      expect(rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }

    expect(await heardSoon('everything')).toEqual({ kind: 'everything' });
    heard.length = 0;
    await one.database.changes.publish({ kind: 'app', appId: 7 });
    expect(await heardSoon('app')).toEqual({ kind: 'app', appId: 7 });
  });
});
