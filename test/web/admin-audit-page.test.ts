import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, type RawResponse } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { FormSession } from './form-session.js';

const MARKUP_LOGIN = '<script>alert(1)</script>';

/** The table's rows as lists of cell texts (tags dropped, entities left as sent). */
function rows(page: RawResponse): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(page.text)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((cell) =>
      cell[1]!.replace(/<[^>]+>/g, '').trim(),
    ),
  );
}

/** Event, outcome, method, user and reason of each row: the columns a filter narrows. */
function summary(page: RawResponse): string[][] {
  return rows(page).map(([, event, outcome, method, user, , reason]) => [
    event!,
    outcome!,
    method!,
    user!,
    reason!,
  ]);
}

describe.each(DIALECTS)('authentication log page [%s]', (dialect) => {
  let server: TestServer;
  let admin: FormSession;

  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
    admin = new FormSession(server.url);
    await admin.logIn(USERS.alice.loginName, USERS.alice.password);
    await new FormSession(server.url).logIn(USERS.bob.loginName, 'wrong-guess-1');
    const refused = await jsonRequest(server.url, 'GET', '/k/v1/app.json?id=1', {
      'X-Cybozu-Authorization': passwordHeader(USERS.carol.loginName, USERS.carol.password),
    });
    expect(refused.status).toBe(401);
    await new FormSession(server.url).logIn(USERS.bob.loginName, USERS.bob.password);
    await server.server.audit.flush();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('shows the events newest first, linked from the administration menu', async () => {
    const page = await admin.get('/k/admin/audit');
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.text).toContain('<a href="/k/admin/audit" aria-current="page">');
    expect(page.text).toContain('<h1 class="kl-title">Authentication log</h1>');
    expect(summary(page)).toEqual([
      ['Login', 'Success', 'Login form', 'bob', ''],
      ['Password check (API)', 'Failure', 'Password header', 'carol', 'disabled'],
      ['Login', 'Failure', 'Login form', 'bob', 'wrong_password'],
      ['Login', 'Success', 'Login form', 'alice', ''],
    ]);
    expect(rows(page)[0]![0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(page.text).not.toContain('wrong-guess-1');
    expect(page.text).not.toContain(USERS.bob.password);
  });

  it('narrows the events by login name, method and outcome, keeping the choices', async () => {
    const bob = await admin.get('/k/admin/audit?user=bob');
    expect(summary(bob).map(([, outcome]) => outcome)).toEqual(['Success', 'Failure']);
    expect(bob.text).toContain('value="bob"');

    const failures = await admin.get('/k/admin/audit?outcome=failure');
    expect(summary(failures).map(([, , , user, reason]) => [user, reason])).toEqual([
      ['carol', 'disabled'],
      ['bob', 'wrong_password'],
    ]);
    expect(failures.text).toContain('<option value="failure" selected>Failure</option>');

    const byHeader = await admin.get('/k/admin/audit?method=password&outcome=failure&user=carol');
    expect(summary(byHeader)).toEqual([
      ['Password check (API)', 'Failure', 'Password header', 'carol', 'disabled'],
    ]);

    const none = await admin.get('/k/admin/audit?user=alice&outcome=failure');
    expect(rows(none)).toEqual([]);
    expect(none.text).toContain('No events match.');

    // A choice the page does not offer narrows nothing, as the form then shows.
    const unknown = await admin.get('/k/admin/audit?method=telepathy&event=x');
    expect(rows(unknown)).toHaveLength(4);
    expect(unknown.text).not.toContain('telepathy');
  });

  it('escapes login names, addresses and reasons', async () => {
    await admin.get('/k/admin/users/new');
    const added = await admin.post('/k/admin/users', {
      loginName: MARKUP_LOGIN,
      password: 'markup-password',
    });
    expect(added.status).toBe(303);
    await new FormSession(server.url).logIn(MARKUP_LOGIN, 'wrong-guess-2');
    await server.server.store.auditLog.append([
      {
        at: '2030-01-01T00:00:00.000Z',
        event: 'oauth_consent',
        outcome: 'failure',
        method: 'oauth',
        userId: null,
        loginName: null,
        client: '"><img src=x onerror=alert(2)>',
        reason: 'denied client_id=<b>x</b>',
      },
    ]);
    await server.server.audit.flush();

    const page = await admin.get(`/k/admin/audit?user=${encodeURIComponent(MARKUP_LOGIN)}`);
    expect(summary(page)).toEqual([
      ['Login', 'Failure', 'Login form', '&lt;script&gt;alert(1)&lt;/script&gt;', 'wrong_password'],
    ]);
    expect(page.text).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(page.text).not.toContain('<script>alert(1)');

    const all = await admin.get('/k/admin/audit?method=oauth');
    expect(rows(all)[0]).toEqual([
      '2030-01-01 00:00:00',
      'OAuth consent',
      'Failure',
      'OAuth',
      '',
      '&quot;&gt;&lt;img src=x onerror=alert(2)&gt;',
      'denied client_id=&lt;b&gt;x&lt;/b&gt;',
    ]);
    expect(all.text).not.toContain('<img src=x');
    expect(all.text).not.toContain('<b>x');
  });

  it('pages through older events by id, keeping the filter', async () => {
    await server.server.store.auditLog.append(
      Array.from({ length: 60 }, (_, i) => ({
        at: `2030-02-01T00:00:${String(i).padStart(2, '0')}.000Z`,
        event: 'logout',
        outcome: 'success',
        method: 'session',
        userId: null,
        loginName: 'pager',
        client: `10.0.0.${i}`,
        reason: null,
      })),
    );

    const first = await admin.get('/k/admin/audit?user=pager&outcome=success');
    const firstRows = rows(first);
    expect(firstRows).toHaveLength(50);
    expect(firstRows[0]![5]).toBe('10.0.0.59');
    expect(firstRows[49]![5]).toBe('10.0.0.10');
    expect(first.text).not.toContain('Newest events');
    const older = /<a href="([^"]+)">Older events<\/a>/.exec(first.text)?.[1];
    expect(older).toMatch(/^\/k\/admin\/audit\?user=pager&amp;outcome=success&amp;before=\d+$/);

    const second = await admin.get(older!.replace(/&amp;/g, '&'));
    expect(rows(second).map((row) => row[5])).toEqual(
      Array.from({ length: 10 }, (_, i) => `10.0.0.${9 - i}`),
    );
    expect(second.text).not.toContain('Older events');
    expect(second.text).toContain(
      '<a href="/k/admin/audit?user=pager&amp;outcome=success">Newest events</a>',
    );
  });

  it('answers in Japanese', async () => {
    const page = await admin.get('/k/admin/audit?outcome=failure&user=bob', {
      'accept-language': 'ja',
    });
    expect(page.text).toContain('<h1 class="kl-title">認証ログ</h1>');
    expect(summary(page)).toEqual([['ログイン', '失敗', 'ログイン画面', 'bob', 'wrong_password']]);
  });

  it('refuses non-administrators with the refusal page', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    const page = await bob.get('/k/admin/audit?user=alice');
    expect(page.status).toBe(403);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('No privilege to proceed.');
    expect(page.text).not.toContain('wrong_password');

    const anonymous = await new FormSession(server.url).get('/k/admin/audit');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/login?redirect=%2Fk%2Fadmin%2Faudit');
  });
});
