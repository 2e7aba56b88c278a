import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthEventRecorder } from '../audit/auth-events.js';
import type { ActiveSession, SessionManager } from '../auth/session.js';
import type { Config } from '../config/config.js';
import { KintoneError, type Language } from '../errors/kintone-error.js';
import { requestLanguage } from '../http/caller-language.js';
import type { SessionCookie } from '../http/session-cookie.js';
import type { Store } from '../store/store.js';
import type { User } from '../store/types.js';
import { esc, sendPage } from './html.js';
import { renderLayout, type Crumb } from './layout.js';
import type { OneTimeNotices } from './notices.js';
import { sessionForPage } from './page-session.js';
import { settingsTextsFor, type SettingsTexts } from './settings-texts.js';
import { textsFor } from './texts.js';

/** What every page of the settings needs. */
export interface SettingsDeps {
  store: Store;
  config: Config;
  sessions: SessionManager;
  cookie: SessionCookie;
  notices: OneTimeNotices;
  /** The clock, so tests can fix the times written. */
  now: () => Date;
  /** Where account changes made on these pages are recorded. */
  audit: AuthEventRecorder;
}

/** A time as the store writes creation times: UTC to the second. */
export function storedTime(deps: SettingsDeps): string {
  return deps
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

/** A signed-in page request: who asks, and in which language the page answers. */
export interface PageScope {
  session: ActiveSession;
  language: Language;
  texts: SettingsTexts;
}

/**
 * The session and language of a page request, or null after redirecting to the login form.
 * The user's own language choice wins over the browser's, as in Kintone.
 */
export async function openPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: SettingsDeps,
): Promise<PageScope | null> {
  const session = await sessionForPage(request, reply, deps);
  if (!session) return null;
  request.callerLanguage = session.user.language;
  const language = requestLanguage(request, deps.config.language);
  return { session, language, texts: settingsTextsFor(language) };
}

/** The header links a user is offered: administration for administrators, own settings. */
export function headerLinks(user: User, language: Language): Crumb[] {
  const texts = settingsTextsFor(language);
  const links: Crumb[] = [];
  if (user.isAdmin) links.push({ label: texts.administration, href: '/k/admin/' });
  links.push({ label: texts.personalSettings, href: '/k/settings/' });
  return links;
}

/** Sends a settings page in the shared frame. */
export function sendSettingsPage(
  reply: FastifyReply,
  scope: PageScope,
  page: { title: string; crumbs: readonly Crumb[]; body: string; status?: number },
): FastifyReply {
  const html = renderLayout({
    language: scope.language,
    title: page.title,
    userName: scope.session.user.displayName,
    requestToken: scope.session.requestToken,
    crumbs: [{ label: textsFor(scope.language).portal, href: '/k/' }, ...page.crumbs],
    links: headerLinks(scope.session.user, scope.language),
    body: page.body,
  });
  return sendPage(reply, html, {}, page.status ?? 200);
}

/**
 * Kintone's refusal page: a 403 page (not JSON) saying the user lacks the privilege, with a
 * way back to the portal.
 */
export function sendRefusal(reply: FastifyReply, scope: PageScope): FastifyReply {
  const message = new KintoneError('CB_NO02').messageIn(scope.language);
  const body = `<section class="kl-card kl-refusal">
  <h1 class="kl-title">${esc(scope.texts.refusedTitle)}</h1>
  <p role="alert">${esc(message)}</p>
  <p><a href="/k/">${esc(scope.texts.backToPortal)}</a></p>
</section>`;
  return sendSettingsPage(reply, scope, {
    title: scope.texts.refusedTitle,
    crumbs: [],
    body,
    status: 403,
  });
}

/** The message of a refusal raised while reading a form, in the page's language. */
export function formError(error: unknown, language: Language): string {
  if (error instanceof KintoneError) return error.messageIn(language);
  throw error;
}
