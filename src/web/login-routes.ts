import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthEventRecorder } from '../audit/auth-events.js';
import type { PasswordAuthenticator } from '../auth/password.js';
import type { SessionManager } from '../auth/session.js';
import type { Config } from '../config/config.js';
import { KintoneError } from '../errors/kintone-error.js';
import { pickLanguage } from '../http/language.js';
import { isSameOrigin, REQUEST_TOKEN_PARAM } from '../http/request-token.js';
import type { SessionCookie } from '../http/session-cookie.js';
import { sendPage } from './html.js';
import { renderLoginPage } from './login-page.js';
import { safeRedirect } from './redirect.js';
import { seeOther, single } from './forms.js';

export interface BrowserAuth {
  passwords: PasswordAuthenticator;
  sessions: SessionManager;
  cookie: SessionCookie;
  audit: AuthEventRecorder;
}

type FormRequest = FastifyRequest<{
  Body: Record<string, string | string[] | undefined> | undefined;
  Querystring: Record<string, string | undefined>;
}>;

/**
 * `GET /login` shows the form; `POST /login` checks the password and starts a session;
 * `POST /logout` ends it. A failed login answers the form again with one message whatever
 * went wrong, and writes no session.
 */
export function mountLogin(app: FastifyInstance, auth: BrowserAuth, config: Config): void {
  app.get('/login', async (request: FormRequest, reply) => {
    const redirect = safeRedirect(request.query.redirect ?? request.query.next);
    const language = pickLanguage(request.headers['accept-language'], config.language);
    return sendPage(reply, renderLoginPage({ language, redirect, failed: false }));
  });

  app.post('/login', async (request: FormRequest, reply) => {
    // A form posted from another origin could log the browser in as somebody else.
    if (!isSameOrigin(request)) throw new KintoneError('CB_IL02');

    const form = request.body ?? {};
    const loginName = single(form.username);
    const redirect = safeRedirect(single(form.redirect) || single(form.next));

    let user;
    try {
      user = await auth.passwords.verifyLogin(loginName, single(form.password), request.ip);
    } catch (error) {
      if (!(error instanceof KintoneError)) throw error;
      const language = pickLanguage(request.headers['accept-language'], config.language);
      const page = renderLoginPage({ language, redirect, failed: true, loginName });
      return sendPage(reply, page, {}, 401);
    }

    // A new session every time: an id the browser already held (perhaps planted) is dropped.
    await auth.sessions.end(auth.cookie.read(request));
    auth.cookie.set(reply, await auth.sessions.start(user));
    return seeOther(reply, redirect);
  });

  app.post('/logout', async (request: FormRequest, reply) => {
    const cookieValue = auth.cookie.read(request);
    const session = await auth.sessions.validate(cookieValue);
    if (session) {
      const token = single((request.body ?? {})[REQUEST_TOKEN_PARAM]);
      if (!isSameOrigin(request) || !auth.sessions.checkRequestToken(session, token)) {
        throw new KintoneError('CB_IL02');
      }
      await auth.sessions.end(cookieValue);
      auth.audit.recordAuthEvent({
        event: 'logout',
        outcome: 'success',
        method: 'session',
        userId: session.user.id,
        loginName: session.user.loginName,
        client: request.ip,
      });
    }
    auth.cookie.clear(reply);
    return seeOther(reply, '/login');
  });
}
