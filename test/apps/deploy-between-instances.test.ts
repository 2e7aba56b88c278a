import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTING_DEPLOYERS } from '../../src/api/settings/deploy-steps.js';
import { applySeed } from '../../src/seed/apply-seed.js';
import { parseSeed } from '../../src/seed/read-seed.js';
import type { StoreChange } from '../../src/store/change-feed.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createTestSchema, DIALECTS, POSTGRES_URL } from '../support/dialects.js';
import { fixtureSeed } from '../support/fixture.js';

/** Two stores on one schema stand for two instances behind a load balancer. */
describe.skipIf(!DIALECTS.includes('postgres'))('a deploy seen by another instance', () => {
  let one: Store;
  let other: Store;
  const heard: StoreChange[] = [];

  beforeAll(async () => {
    const schema = await createTestSchema('kl_deploy');
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

  it('tells the other instance, which then reads the deployed fields', async () => {
    expect(Object.keys((await other.apps.find(1))!.properties)).not.toContain('added');

    const app = (await one.apps.find(1))!;
    const basedOn = await one.appSettings.previewRevision(1);
    const properties = {
      ...app.properties,
      added: { type: 'SINGLE_LINE_TEXT', code: 'added', label: 'Added' },
    };
    await one.appSettings.writePreview(1, basedOn, [['app/form/fields', { properties }]]);
    await one.appSettings.deploy([{ appId: 1, expectedRevision: null }], SETTING_DEPLOYERS, {
      code: 'alice',
      name: 'Alice',
      at: '2026-01-01T00:00:00Z',
    });
    await one.apps.changed(1);

    const named = (c: StoreChange) => c.kind === 'app' && c.appId === 1;
    for (let i = 0; i < 100 && !heard.some(named); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(heard.some(named)).toBe(true);
    expect(Object.keys((await other.apps.find(1))!.properties)).toContain('added');
  });
});
