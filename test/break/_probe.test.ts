import { afterAll, beforeAll, describe, it } from 'vitest';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { jsonRequest, passwordHeader, rawRequest } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/server.js';

const D = (process.env.PD ?? 'sqlite') as 'sqlite' | 'postgres';
describe('probe ' + D, () => {
  let s: TestServer;
  beforeAll(async () => { s = await startTestServer(D, fixtureSeed(), { logLevel: 'error' }); });
  afterAll(() => s.close());
  const tok = { 'x-cybozu-api-token': TOKENS.app1Full, 'accept-language': 'en' };
  const alice = { 'x-cybozu-authorization': passwordHeader('alice', 'alice-password'), 'accept-language': 'en' };
  const show = (label: string, r: any) => console.log(label, '=>', r.status, r.text.slice(0, 250));
  const J = (m: string, p: string, b?: any, h: any = tok) => jsonRequest(s.url, m, p, h, b);
  it('probe', async () => {
    const cases: Array<[string, () => Promise<any>]> = [
      ['101 records', () => J('POST', '/k/v1/records.json', { app: 1, records: Array.from({ length: 101 }, () => ({ title: { value: 'x' } })) })],
      ['records sparse obj', () => J('POST', '/k/v1/records.json', { app: 1, records: { '0': { title: { value: 'a' } }, '99999': { title: { value: 'b' } } } })],
      ['records obj 5', () => J('POST', '/k/v1/records.json', { app: 1, records: { '0': { title: { value: 'a' } }, '5': { title: { value: 'b' } } } })],
      ['records with null', () => J('POST', '/k/v1/records.json', { app: 1, records: [null, { title: { value: 'n' } }] })],
      ['records empty', () => J('POST', '/k/v1/records.json', { app: 1, records: [] })],
      ['rev 0', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: 0, record: {} })],
      ['rev -1', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: -1, record: {} })],
      ['rev -2', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: -2, record: {} })],
      ['rev "abc"', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: 'abc', record: {} })],
      ['rev 1.5', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: 1.5, record: {} })],
      ['rev huge', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: 2147483648, record: {} })],
      ['rev "-1"', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: '-1', record: {} })],
      ['rev " 3 "', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: ' ', record: {} })],
      ['rev []', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, revision: [], record: {} })],
      ['put id + updateKey', () => J('PUT', '/k/v1/record.json', { app: 1, id: 1, updateKey: { field: 'code', value: 'x' }, record: {} })],
      ['put updateKey title (not unique)', () => J('PUT', '/k/v1/record.json', { app: 1, updateKey: { field: 'title', value: 'x' }, record: {} })],
      ['put updateKey proto', () => J('PUT', '/k/v1/record.json', { app: 1, updateKey: JSON.parse('{"field":"__proto__","value":"x"}'), record: {} })],
      ['put updateKey value obj', () => J('PUT', '/k/v1/record.json', { app: 1, updateKey: { field: 'code', value: { a: 1 } }, record: {} })],
      ['put updateKey change key', () => J('PUT', '/k/v1/record.json', { app: 1, updateKey: { field: 'code', value: 'Task-1' }, record: { code: { value: 'Task-2' } } })],
      ['put 2^31 id', () => J('PUT', '/k/v1/record.json', { app: 1, id: 2147483648, record: {} })],
      ['del 2^31', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids[0]=2147483648', headers: tok })],
      ['del dup ids', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids[0]=5&ids[1]=5', headers: tok })],
      ['del rev mismatch', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids[0]=4&ids[1]=3&revisions[0]=1&revisions[1]=99', headers: tok })],
      ['check 4 exists', () => rawRequest(s.url, { path: '/k/v1/record.json?app=1&id=4', headers: tok })],
      ['del more revs', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids[0]=4&revisions[0]=1&revisions[1]=1', headers: tok })],
      ['del rev -1', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids[0]=4&revisions[0]=-1', headers: tok })],
      ['del 0 ids', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids=', headers: tok })],
      ['del body', () => J('DELETE', '/k/v1/records.json', { app: 1, ids: [3] })],
      ['del 101', () => J('DELETE', '/k/v1/records.json', { app: 1, ids: Array.from({ length: 101 }, (_, i) => i + 1000) })],
      ['del ids huge sparse', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids[99]=1', headers: tok })],
      ['del ids string', () => J('DELETE', '/k/v1/records.json', { app: 1, ids: '1' })],
      ['override get->DELETE', () => rawRequest(s.url, { method: 'POST', path: '/k/v1/records.json?app=1&ids[0]=2', headers: { ...tok, 'x-http-method-override': 'DELETE' } })],
      ['override on GET', () => rawRequest(s.url, { method: 'GET', path: '/k/v1/records.json?app=1&ids[0]=1', headers: { ...tok, 'x-http-method-override': 'DELETE' } })],
      ['override on PUT', () => J('PUT', '/k/v1/records.json', { app: 1, ids: [1] }, { ...tok, 'x-http-method-override': 'DELETE' })],
      ['override on DELETE', () => rawRequest(s.url, { method: 'DELETE', path: '/k/v1/records.json?app=1&ids[0]=99', headers: { ...tok, 'x-http-method-override': 'GET' } })],
      ['override unknown', () => J('POST', '/k/v1/records.json', { app: 1 }, { ...tok, 'x-http-method-override': 'PATCH' })],
      ['override empty', () => J('POST', '/k/v1/records.json', { app: 1 }, { ...tok, 'x-http-method-override': '' })],
      ['override dup', () => J('POST', '/k/v1/records.json', { app: 1 }, { ...tok, 'x-http-method-override': ['GET', 'DELETE'] })],
      ['override " GET"', () => J('POST', '/k/v1/records.json', { app: 1 }, { ...tok, 'x-http-method-override': 'GET ' })],
      ['override POST', () => J('POST', '/k/v1/record.json', { app: 1, record: { title: { value: 'ovr' } } }, { ...tok, 'x-http-method-override': 'POST' })],
      ['override apps GET w token', () => J('POST', '/k/v1/apps.json', {}, { ...tok, 'x-http-method-override': 'GET' })],
      ['PATCH', () => rawRequest(s.url, { method: 'PATCH', path: '/k/v1/records.json?app=1', headers: tok })],
      ['HEAD', () => rawRequest(s.url, { method: 'HEAD', path: '/k/v1/records.json?app=1', headers: tok })],
      ['OPTIONS', () => rawRequest(s.url, { method: 'OPTIONS', path: '/k/v1/records.json?app=1', headers: tok })],
    ];
    for (const [l, f] of cases) { try { show(l, await f()); } catch (e) { console.log(l, 'THREW', String(e)); } }
  });
});
