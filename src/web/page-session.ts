import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveSession, SessionManager } from '../auth/session.js';
import type { SessionCookie } from '../http/session-cookie.js';

/**
 * The session behind a page request, or null after answering with a redirect to the login
 * form that brings the user back here. Pages need no `X-Requested-With`: a page load is what
 * a link or the address bar does, and pages change nothing.
 */
export async function sessionForPage(
  request: FastifyRequest,
  reply: FastifyReply,
  auth: { sessions: SessionManager; cookie: SessionCookie },
): Promise<ActiveSession | null> {
  const session = await auth.sessions.validate(auth.cookie.read(request));
  if (session) return session;

  const back = encodeURIComponent(request.url);
  await reply
    .code(303)
    .header('location', `/login?redirect=${back}`)
    .header('cache-control', 'no-store')
    .send();
  return null;
}

/** The user as `kintone.getLoginUser()` describes them, with the fields Kintone returns. */
export function loginUserOf(session: ActiveSession, language: string) {
  return {
    id: String(session.user.id),
    code: session.user.loginName,
    name: session.user.displayName,
    email: '',
    url: '',
    employeeNumber: '',
    phone: '',
    mobilePhone: '',
    extensionNumber: '',
    timezone: 'UTC',
    isGuest: false,
    language,
  };
}
