/**
 * Break tests: credential headers. Malformed, oversized, duplicated and hostile values of
 * X-Cybozu-Authorization, X-Cybozu-API-Token and Accept-Language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureToken } from '../support/fixture.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  asAlice,
  expectKintoneError,
  expectKintoneShape,
  fixtureSeed,
  parseRawHttp,
  passwordHeader,
  rawRequest,
  rawSocket,
  TOKENS,
} from './break-helpers.js';

describe.each(DIALECTS)('break: credential headers [%s]', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, fixtureSeed());
  });
  afterAll(() => server.close());

  const records = (headers: Record<string, string | string[]>, app = 1) =>
    rawRequest(server.url, {
      path: `/k/v1/records.json?app=${app}`,
      headers: { 'accept-language': 'en', ...headers },
    });

  describe('X-Cybozu-Authorization', () => {
    it.each([
      ['not base64 at all', '!!!not-base64!!!'],
      ['base64 without a colon', Buffer.from('alice').toString('base64')],
      ['only a colon', Buffer.from(':').toString('base64')],
      ['a colon and a password, no login', Buffer.from(':alice-password').toString('base64')],
      ['login and colon, empty password', Buffer.from('alice:').toString('base64')],
      ['unpadded base64', passwordHeader('alice', 'alice-password').replace(/=+$/, '')],
      ['url-safe base64 alphabet', Buffer.from('alice:alice-password?>').toString('base64url')],
      ['a "Basic " prefix', `Basic ${passwordHeader('alice', 'alice-password')}`],
      ['base64 of invalid UTF-8', Buffer.from([0xff, 0xfe, 0x3a, 0xc3]).toString('base64')],
      ['fullwidth lookalike login', passwordHeader('ａｌｉｃｅ', 'alice-password')],
      ['12 kB password', passwordHeader('alice', 'x'.repeat(12_000))],
      [
        'two values joined by Node',
        [passwordHeader('bob', 'x'), passwordHeader('alice', 'alice-password')],
      ],
    ])('refuses %s with CB_WA01', async (_name, value) => {
      const response = await records({ 'x-cybozu-authorization': value });
      expectKintoneError(response, 'CB_WA01');
    });

    it('refuses a login name holding a NUL byte with CB_WA01', async () => {
      const response = await records({
        'x-cybozu-authorization': passwordHeader('alice\u0000', 'alice-password'),
      });
      expectKintoneError(response, 'CB_WA01');
    });

    it.each([
      ['an OAuth bearer token', { authorization: 'Bearer abcdef' }],
      [
        'a cybozu.com User API token',
        { authorization: 'Bearer cy.s.api1.eyJhbGciOiJIUzI1NiJ9.e30.x' },
      ],
      [
        'Basic credentials of a real user',
        { authorization: `Basic ${passwordHeader('alice', 'alice-password')}` },
      ],
      [
        'a session-looking cookie',
        { cookie: 'JSESSIONID=abc', 'x-requested-with': 'XMLHttpRequest' },
      ],
    ])('does not accept %s as a Kintone credential (CB_AU01)', async (_name, headers) => {
      expectKintoneError(await records(headers), 'CB_AU01');
    });

    it('treats a whitespace-only header as no credential (CB_AU01)', async () => {
      expectKintoneError(await records({ 'x-cybozu-authorization': '   ' }), 'CB_AU01');
    });

    it('lets a valid password win over a broken token, as documented', async () => {
      const response = await records({ ...asAlice, 'x-cybozu-api-token': 'garbage' });
      expect(response.status).toBe(200);
    });

    it('does not rescue a wrong password with a valid token', async () => {
      const response = await records({
        'x-cybozu-authorization': passwordHeader('alice', 'wrong'),
        'x-cybozu-api-token': TOKENS.app1Full,
      });
      expectKintoneError(response, 'CB_WA01');
    });
  });

  describe('X-Cybozu-API-Token', () => {
    it.each([
      ['Cyrillic lookalike letter', TOKENS.app1Full.replace('a', '\u0430')],
      ['fullwidth digits', TOKENS.app1Full.replace(/0/g, '０')],
      ['41 characters', `${TOKENS.app1Full}0`],
      ['39 characters', TOKENS.app1Full.slice(0, 39)],
      [
        'a token with an inner space',
        `${TOKENS.app1Full.slice(0, 20)} ${TOKENS.app1Full.slice(20)}`,
      ],
      ['a semicolon list', `${TOKENS.app1Full};${TOKENS.app4View}`],
    ])('refuses %s with GAIA_IA02', async (_name, token) => {
      // Node sends header bytes as latin1, so non-ASCII arrives mangled, as from a real client.
      const response = await records({
        'x-cybozu-api-token': Buffer.from(token).toString('latin1'),
      });
      expectKintoneError(response, 'GAIA_IA02');
    });

    it('accepts nine tokens and refuses ten with KL_TM01', async () => {
      const eight = Array.from({ length: 8 }, (_, i) => fixtureToken(`nine${i}`));
      // Nine well-formed tokens, eight unknown: the count passes, the unknown ones do not.
      const nine = await records({ 'x-cybozu-api-token': [TOKENS.app1View, ...eight].join(',') });
      expectKintoneError(nine, 'GAIA_IA02');
      const ten = await records({
        'x-cybozu-api-token': [TOKENS.app1View, ...eight, fixtureToken('tenth')].join(','),
      });
      expectKintoneError(ten, 'KL_TM01');
    });

    it('counts repeated headers towards the limit of nine', async () => {
      const headers = Array.from({ length: 10 }, (_, i) => fixtureToken(`rep${i}`));
      expectKintoneError(await records({ 'x-cybozu-api-token': headers }), 'KL_TM01');
    });

    it('refuses the same token twice in repeated headers with GAIA_DA03', async () => {
      const response = await records({ 'x-cybozu-api-token': [TOKENS.app1View, TOKENS.app1View] });
      expectKintoneError(response, 'GAIA_DA03');
    });

    it('refuses the same token twice in one comma list with GAIA_DA03', async () => {
      const response = await records({
        'x-cybozu-api-token': `${TOKENS.app1View}, ${TOKENS.app1View}`,
      });
      expectKintoneError(response, 'GAIA_DA03');
    });

    it('ignores empty entries around one valid token', async () => {
      const response = await records({ 'x-cybozu-api-token': `,,,${TOKENS.app1View},, ,` });
      expect(response.status).toBe(200);
    });

    it.each([
      ['only commas', ',,,'],
      ['only spaces', '    '],
      ['empty repeated headers', ['', '']],
    ])(
      'answers a token header holding %s as a missing credential, never 200',
      async (_n, value) => {
        const response = await records({ 'x-cybozu-api-token': value });
        expectKintoneError(response, ['CB_AU01', 'GAIA_IA02']);
      },
    );

    it('answers app named twice (app 1 and app 4) with a validation error, not a read', async () => {
      const response = await rawRequest(server.url, {
        path: '/k/v1/record.json?app=1&id=1&app=4',
        headers: { 'x-cybozu-api-token': TOKENS.app4View },
      });
      // app given twice is an array: a validation error, never a read of either app.
      expectKintoneShape(response);
    });

    it('refuses a token of app 4 used against app 1 with GAIA_AP15', async () => {
      expectKintoneError(await records({ 'x-cybozu-api-token': TOKENS.app4View }), 'GAIA_AP15');
    });

    it('refuses a normal app token on a guest path, and a guest token on /k/v1/', async () => {
      const onGuestPath = await rawRequest(server.url, {
        path: '/k/guest/2/v1/records.json?app=1',
        headers: { 'x-cybozu-api-token': TOKENS.app1Full },
      });
      expectKintoneError(onGuestPath, 'CB_NO02');
      const guestTokenOtherApp = await rawRequest(server.url, {
        path: '/k/guest/2/v1/records.json?app=1',
        headers: { 'x-cybozu-api-token': TOKENS.guestAppFull },
      });
      expectKintoneError(guestTokenOtherApp, 'GAIA_AP15');
    });
  });

  describe('raw header bytes', () => {
    const request = (headerLines: string) =>
      rawSocket(
        server.url,
        `GET /k/v1/records.json?app=1 HTTP/1.1\r\nHost: localhost\r\n${headerLines}Connection: close\r\n\r\n`,
      );

    it('answers a NUL byte in a token header with a Kintone JSON error', async () => {
      const raw = await request(`X-Cybozu-API-Token: ${TOKENS.app1Full}\u0000\r\n`);
      const response = parseRawHttp(raw);
      expect(response.status).toBe(400);
      expectKintoneShape(response);
    });

    it('answers a control character in the password header with a Kintone JSON error', async () => {
      const raw = await request('X-Cybozu-Authorization: YWxp\u0001Y2U6\r\n');
      const response = parseRawHttp(raw);
      expect(response.status).toBe(400);
      expectKintoneShape(response);
    });

    it('answers headers over the size limit with a Kintone JSON error', async () => {
      const response = await records({ 'x-cybozu-authorization': 'A'.repeat(20_000) });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.json?.code, response.text).toBeTypeOf('string');
      expect(response.text).not.toMatch(/statusCode|"error":/);
    });

    it('reads UTF-8 bytes in a token header as an unknown token', async () => {
      const raw = await rawSocket(
        server.url,
        Buffer.concat([
          Buffer.from(
            'GET /k/v1/records.json?app=1 HTTP/1.1\r\nHost: localhost\r\nX-Cybozu-API-Token: ',
          ),
          Buffer.from('ａ'.repeat(40)),
          Buffer.from('\r\nConnection: close\r\n\r\n'),
        ]),
      );
      expectKintoneError(parseRawHttp(raw), 'GAIA_IA02');
    });
  });

  describe('Accept-Language', () => {
    const missingApp = (language: string | string[]) =>
      rawRequest(server.url, {
        path: '/k/v1/records.json?app=99',
        headers: { ...asAlice, 'accept-language': language },
      });

    it.each([
      ['q-values that are not numbers', 'ja;q=abc,en;q=NaN', 'en'],
      ['q-values that prefer ja', 'en;q=0.1, ja;q=0.2', 'ja'],
      ['an upper-case tag', 'EN-us', 'en'],
      ['a wildcard and ja refused', '*;q=1, ja;q=0', 'en'],
      ['a q-value that underflows to 0', 'ja;q=1e-400', 'en'],
      ['punctuation only', ',,,;;;===', 'en'],
      ['a 6 kB tag', `${'x-'.repeat(3000)}ja`, 'en'],
      ['zh first', 'zh-CN,ja;q=0.5', 'ja'],
    ])('picks a language for %s without failing', async (_name, value, language) => {
      const response = await missingApp(value);
      expectKintoneError(response, 'GAIA_AP01');
      const expected = language === 'ja' ? '指定したアプリ（id: 99）' : 'The app (ID: 99)';
      expect(response.json.message).toContain(expected);
    });

    it('survives repeated Accept-Language headers', async () => {
      expectKintoneError(await missingApp(['ja', 'en']), 'GAIA_AP01');
    });
  });
});
