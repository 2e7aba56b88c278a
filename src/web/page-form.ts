import type { FastifyRequest } from 'fastify';
import type { ActiveSession, SessionManager } from '../auth/session.js';
import { KintoneError } from '../errors/kintone-error.js';
import { isSameOrigin, REQUEST_TOKEN_PARAM } from '../http/request-token.js';
import type { SessionCookie } from '../http/session-cookie.js';

/** A form a page posted, its fields as strings (a repeated field keeps its first value). */
export type PageForm = Record<string, string>;

/**
 * The session behind a form posted from a page, after the CSRF checks every page form gets:
 * this origin and the session's request token. No session is `CB_AU01`, a failed check
 * `CB_IL02`, as for session API calls.
 */
export async function sessionForForm(
  request: FastifyRequest,
  auth: { sessions: SessionManager; cookie: SessionCookie },
): Promise<{ session: ActiveSession; form: PageForm }> {
  const session = await auth.sessions.validate(auth.cookie.read(request));
  if (!session) throw new KintoneError('CB_AU01');

  const form = readForm(request.body);
  if (
    !isSameOrigin(request) ||
    !auth.sessions.checkRequestToken(session, form[REQUEST_TOKEN_PARAM])
  ) {
    throw new KintoneError('CB_IL02');
  }
  return { session, form };
}

function readForm(body: unknown): PageForm {
  const form: PageForm = {};
  if (typeof body !== 'object' || body === null) return form;
  for (const [name, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') form[name] = first;
  }
  return form;
}
