/**
 * Break tests: the authentication log page. Hostile query strings must give the page (or the
 * page with the filter left out), never a server error, on both databases; login names match
 * exactly, and every stored value is shown escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { FormSession } from '../web/form-session.js';
import { fixtureSeed, USERS } from './break-helpers.js';

/** Login names of accounts whose events the log holds; `%` and `_` are LIKE wildcards. */
const WILDCARD_USERS = ['a%', 'a_c', 'abc', '<b>x</b>&"\''];

describe.each(DIALECTS)('break: authentication log page [%s]', (dialect) => {
  let server: TestServer;
  let admin: FormSession;

  beforeAll(async () => {
    const seed = fixtureSeed();
    for (const loginName of WILDCARD_USERS) {
      seed.users.push({
        loginName,
        password: 'pw-123456',
        name: loginName,
        admin: false,
        enabled: true,
      });
    }
    server = await startTestServer(dialect, seed);
    admin = new FormSession(server.url);
    await admin.logIn(USERS.alice.loginName, USERS.alice.password);
    for (const loginName of WILDCARD_USERS) {
      await new FormSession(server.url).logIn(loginName, 'pw-123456');
    }
    await new FormSession(server.url).logIn('nobody\u0000\u0001', 'x');
    await server.server.audit.flush();
  });
  afterAll(() => server.close());

  /** The login names in the table's user column. */
  const usersShown = (text: string) =>
    [...text.matchAll(/<tr[^>]*>\s*(?:<td>[\s\S]*?<\/td>\s*){4}<td>([\s\S]*?)<\/td>/g)].map((row) =>
      row[1]!.replace(/<[^>]+>/g, ''),
    );
  const page = async (search: string) => {
    const started = performance.now();
    const response = await admin.get(`/k/admin/audit?${search}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.status, response.text.slice(0, 300)).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    return response;
  };

  it.each([
    ['a NUL byte', 'user=a%00b'],
    ['control characters', 'user=%01%02%1b%7f'],
    ['a lone surrogate escape', 'user=%ED%A0%80'],
    ['invalid percent-encoding', 'user=%E0%A4%A'],
    ['a login name of 8,000 characters', `user=${'x'.repeat(8000)}`],
    ['a NUL in every field', 'user=%00&event=%00&method=%00&outcome=%00&before=%00'],
  ])('shows an empty list for %s as the login name', async (_name, search) => {
    const response = await page(search);
    expect(response.text).toContain('class="kl-empty"');
  });

  it.each([
    ['two login names', 'user=alice&user=bob'],
    ['before=-1', 'before=-1'],
    ['before past every integer', 'before=9999999999999999999'],
    ['before past a 32-bit key', 'before=99999999999'],
    ['before in exponent form', 'before=1e3'],
    ['before as a list', 'before=5&before=6'],
    ['unknown choices', 'event=%00&method=<x>&outcome[]=a'],
    ['a NUL in every choice', 'event=%00&method=%00&outcome=%00&before=%00'],
  ])('ignores %s rather than failing', async (_name, search) => {
    const response = await page(search);
    expect(usersShown(response.text).length).toBeGreaterThan(0);
  });

  it('matches % and _ in a login name exactly, not as wildcards', async () => {
    expect(usersShown((await page('user=a%25')).text)).toEqual(['a%']);
    expect(usersShown((await page('user=a_c')).text)).toEqual(['a_c']);
    expect(usersShown((await page('user=a_')).text)).toEqual([]);
  });

  it('escapes markup in stored login names and in the filter it echoes', async () => {
    const markup = '<b>x</b>&"\'';
    const response = await page(`user=${encodeURIComponent(markup)}`);
    expect(response.text).not.toContain('<b>x</b>');
    expect(usersShown(response.text)).toEqual(['&lt;b&gt;x&lt;/b&gt;&amp;&quot;&#39;']);

    const echoed = await page(`user=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(echoed.text).not.toContain('<script>alert(1)');
  });

  it('refuses a non-administrator and sends a signed-out visitor to the login page', async () => {
    const bob = new FormSession(server.url);
    await bob.logIn(USERS.bob.loginName, USERS.bob.password);
    const refused = await bob.get('/k/admin/audit?user=alice');
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('<tbody>');

    const anonymous = await new FormSession(server.url).get('/k/admin/audit?user=%00');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/login\?redirect=/);
  });
});
