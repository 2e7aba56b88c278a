import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFailure } from '../support/client.js';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe.each(DIALECTS)('daily API request counts of apps [%s]', (dialect) => {
  let server: TestServer;
  // 8:59 in Tokyo: Kintone's counting day ends at 9:00 there (midnight UTC), whatever time
  // zone the server uses for dates, here Tokyo's.
  let clock = new Date('2026-12-04T23:59:00Z');
  beforeAll(async () => {
    server = await startTestServer(
      dialect,
      fixtureSeed(),
      { timeZone: 'Asia/Tokyo' },
      { now: () => clock },
    );
  });
  afterAll(() => server.close());

  type Auth = NonNullable<ConstructorParameters<typeof KintoneRestAPIClient>[0]>['auth'];
  const client = (auth: Auth) => new KintoneRestAPIClient({ baseUrl: server.url, auth });
  const alice = () => client({ username: USERS.alice.loginName, password: USERS.alice.password });
  const dailyCount = async (app: string) => {
    const { apps } = await alice().app.getStatistics({ limit: 100 });
    return apps.find((a) => a.id === app)?.dailyRequestCount;
  };

  it('counts each allowed request to an app once, by token or password, per day', async () => {
    const token = client({ apiToken: TOKENS.app4View });
    for (let i = 0; i < 4; i++) await token.record.getRecords({ app: 4 });
    await alice().record.getRecords({ app: 4 });
    await alice().app.getFormFields({ app: 4 });

    // A request refused before it reaches the app does not count.
    const refused = await clientFailure(
      client({ apiToken: TOKENS.app1Full }).record.getRecords({ app: 4 }),
    );
    expect(refused.code).toBe('GAIA_AP15');

    expect(await dailyCount('4')).toBe('6');
    expect(await dailyCount('1')).toBe('0');

    // Midnight in Tokyo is no new counting day; 9:00 there is.
    clock = new Date('2026-12-04T15:01:00Z');
    expect(await dailyCount('4')).toBe('6');
    clock = new Date('2026-12-05T00:01:00Z');
    expect(await dailyCount('4')).toBe('0');
    await token.record.getRecords({ app: 4 });
    expect(await dailyCount('4')).toBe('1');
  });
});
