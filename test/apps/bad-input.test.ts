import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** The writes this part of the server answers, each with its id parameter. */
const WRITES: Array<[string, string, Record<string, unknown>]> = [
  ['POST', 'preview/app', {}],
  ['POST', 'preview/app/form/fields', { app: 1 }],
  ['PUT', 'preview/app/form/fields', { app: 1 }],
  ['PUT', 'preview/app/form/layout', { app: 1 }],
  ['PUT', 'preview/app/views', { app: 1 }],
  ['PUT', 'preview/app/settings', { app: 1 }],
  ['PUT', 'preview/app/status', { app: 1 }],
  ['PUT', 'preview/app/customize', { app: 1 }],
  ['PUT', 'preview/app/notifications/general', { app: 1 }],
  ['PUT', 'preview/app/notifications/perRecord', { app: 1 }],
  ['PUT', 'preview/app/notifications/reminder', { app: 1 }],
  ['PUT', 'preview/app/reports', { app: 1 }],
  ['PUT', 'preview/app/actions', { app: 1 }],
  ['PUT', 'preview/app/adminNotes', { app: 1 }],
  ['POST', 'preview/app/deploy', {}],
  ['POST', 'app/move', { app: 1 }],
  ['PUT', 'space', { id: 1 }],
  ['PUT', 'space/body', { id: 1 }],
  ['PUT', 'space/members', { id: 1 }],
  ['POST', 'space/thread', { space: 1 }],
  ['POST', 'space/thread/comment', { space: 1 }],
  ['POST', 'guests', {}],
];

/** Values of the wrong shape for any parameter. */
const ODD_VALUES: unknown[] = [null, 'text', 12, -1, true, [], [null], ['x'], {}, { a: [1] }];

const KEYS = [
  'name',
  'properties',
  'layout',
  'views',
  'theme',
  'icon',
  'titleField',
  'numberPrecision',
  'firstMonthOfFiscalYear',
  'states',
  'actions',
  'desktop',
  'scope',
  'notifications',
  'reports',
  'content',
  'apps',
  'revision',
  'revert',
  'space',
  'thread',
  'members',
  'body',
  'comment',
  'guests',
  'isPrivate',
  'permissions',
  'timezone',
];

describe('odd inputs to app settings and spaces', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite', fixtureSeed());
  });
  afterAll(() => server.close());

  it.each(WRITES)(
    '%s %s answers every odd value with a Kintone error, never a 500',
    async (method, path, base) => {
      const headers = {
        'x-cybozu-authorization': passwordHeader(USERS.alice.loginName, USERS.alice.password),
      };
      for (const key of KEYS) {
        for (const value of ODD_VALUES) {
          const response = await jsonRequest(server.url, method, `/k/v1/${path}.json`, headers, {
            ...base,
            [key]: value,
          });
          if (response.status >= 500) {
            throw new Error(
              `${key}=${JSON.stringify(value)} gave ${response.status} ${response.text}`,
            );
          }
          if (response.status >= 400) expect(response.json.code).toMatch(/^[A-Z]+_[A-Z]{2}\d{2}$/);
        }
      }
    },
  );
});
