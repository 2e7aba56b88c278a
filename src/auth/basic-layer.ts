import type { IncomingHttpHeaders } from 'node:http';
import { secretsEqual } from '../crypto/constant-time.js';

/**
 * The domain-wide Basic authentication cybozu.com can put in front of everything. It is a
 * gate, not a Kintone credential: a request must pass it and then still authenticate.
 */
export function passesBasicLayer(
  headers: IncomingHttpHeaders,
  expected: { username: string; password: string },
): boolean {
  const header = headers.authorization;
  if (typeof header !== 'string') return false;

  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (!match?.[1]) return false;

  const given = Buffer.from(match[1], 'base64').toString('utf8');
  // Both comparisons always run, so timing does not tell which half was wrong.
  const colon = given.indexOf(':');
  const username = colon < 0 ? given : given.slice(0, colon);
  const password = colon < 0 ? '' : given.slice(colon + 1);
  const userOk = secretsEqual(username, expected.username);
  const passwordOk = secretsEqual(password, expected.password);
  return colon >= 0 && userOk && passwordOk;
}
