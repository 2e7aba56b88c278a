import type { FastifyInstance } from 'fastify';
import type { SessionManager } from '../auth/session.js';
import type { Config } from '../config/config.js';
import type { Language } from '../errors/kintone-error.js';
import { pickLanguage } from '../http/language.js';
import { REQUEST_TOKEN_PARAM } from '../http/request-token.js';
import type { SessionCookie } from '../http/session-cookie.js';
import { describeScope, isOAuthScope } from '../oauth/scopes.js';
import type { UserGrantSummary } from '../store/oauth-grants.js';
import type { OAuthAudit } from '../oauth/oauth-audit.js';
import type { Store } from '../store/store.js';
import { esc, sendPage } from './html.js';
import { renderLayout } from './layout.js';
import { fillText, oauthTextsFor } from './oauth-texts.js';
import { sessionForForm } from './page-form.js';
import { sessionForPage } from './page-session.js';
import { textsFor } from './texts.js';

export const ACCOUNT_APPS_PATH = '/k/account/oauth';

/**
 * The applications a user has authorized, each with a form that revokes it: every grant the
 * user gave that client ends, with all its tokens, at once.
 */
export function mountAccountPage(
  app: FastifyInstance,
  deps: {
    store: Store;
    config: Config;
    sessions: SessionManager;
    cookie: SessionCookie;
    audit: OAuthAudit;
  },
): void {
  app.get(ACCOUNT_APPS_PATH, async (request, reply) => {
    const session = await sessionForPage(request, reply, deps);
    if (!session) return reply;
    const language = pickLanguage(request.headers['accept-language'], deps.config.language);
    const texts = oauthTextsFor(language);
    const grants = await deps.store.oauthGrants.grantsOf(session.user.id);
    const html = renderLayout({
      language,
      title: texts.accountTitle,
      userName: session.user.displayName,
      requestToken: session.requestToken,
      crumbs: [{ label: textsFor(language).portal, href: '/k/' }, { label: texts.accountTitle }],
      body: renderGrants(grants, session.requestToken, language),
    });
    return sendPage(reply, html);
  });

  app.post(`${ACCOUNT_APPS_PATH}/revoke`, async (request, reply) => {
    const { session, form } = await sessionForForm(request, deps);
    const clientId = form.client_id;
    if (clientId !== undefined && clientId !== '') {
      const revoked = await deps.store.oauthGrants.revokeUserGrants(session.user.id, clientId);
      if (revoked) {
        await deps.audit.revoked([session.user.id], clientId, 'account_page', request.ip);
      }
    }
    return reply
      .code(303)
      .header('location', ACCOUNT_APPS_PATH)
      .header('cache-control', 'no-store')
      .send();
  });
}

function renderGrants(
  grants: readonly UserGrantSummary[],
  requestToken: string,
  language: Language,
): string {
  const texts = oauthTextsFor(language);
  const items = grants
    .map((grant) => {
      const scopes = grant.scopes
        .filter(isOAuthScope)
        .map((scope) => `<li>${esc(describeScope(scope, language))}</li>`)
        .join('');
      const since = new Date(grant.firstApprovedAt).toISOString().slice(0, 10);
      return `<li class="kl-grant" data-client-id="${esc(grant.clientId)}">
  <h2 class="kl-grant-name">${esc(grant.clientName)}</h2>
  <p class="kl-tag">${esc(fillText(texts.accountSince, { date: since }))}</p>
  <ul class="kl-grant-scopes">${scopes}</ul>
  <form method="post" action="${ACCOUNT_APPS_PATH}/revoke">
    <input type="hidden" name="${REQUEST_TOKEN_PARAM}" value="${esc(requestToken)}">
    <input type="hidden" name="client_id" value="${esc(grant.clientId)}">
    <button type="submit" class="kl-button kl-grant-revoke">${esc(texts.revoke)}</button>
  </form>
</li>`;
    })
    .join('\n');
  const list =
    grants.length === 0
      ? `<p class="kl-empty">${esc(texts.accountNone)}</p>`
      : `<ul class="kl-grants">${items}</ul>`;
  return `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.accountTitle)}</h1>
  <p>${esc(texts.accountLead)}</p>
  ${list}
</section>`;
}
