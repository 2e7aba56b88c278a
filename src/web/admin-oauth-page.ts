import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ActiveSession, SessionManager } from '../auth/session.js';
import type { Config } from '../config/config.js';
import { KintoneError } from '../errors/kintone-error.js';
import { pickLanguage } from '../http/language.js';
import { REQUEST_TOKEN_PARAM } from '../http/request-token.js';
import type { SessionCookie } from '../http/session-cookie.js';
import {
  ClientRegistrationError,
  editClient,
  registerClient,
  removeClient,
  rotateClientSecret,
  splitLogins,
} from '../oauth/client-registry.js';
import type { OAuthAudit } from '../oauth/oauth-audit.js';
import type { OAuthClientListing } from '../store/oauth-clients.js';
import type { Store } from '../store/store.js';
import { esc, sendPage } from './html.js';
import { renderLayout } from './layout.js';
import { fillText, oauthTextsFor, type OAuthTexts } from './oauth-texts.js';
import { sessionForForm } from './page-form.js';
import { sessionForPage } from './page-session.js';

export const ADMIN_OAUTH_PATH = '/k/admin/oauth';

interface Deps {
  store: Store;
  config: Config;
  sessions: SessionManager;
  cookie: SessionCookie;
  audit: OAuthAudit;
}

/**
 * A minimal page for administrators to register, list, edit, re-key and remove OAuth clients,
 * as the CLI does, in Japanese or English. A new or rotated secret is shown once, on the
 * answer to the form, and never again. Only users with `admin: true` may open it (others get
 * CB_NO02).
 */
export function mountAdminOAuthPage(app: FastifyInstance, deps: Deps): void {
  app.get(ADMIN_OAUTH_PATH, async (request, reply) => {
    const session = await sessionForPage(request, reply, deps);
    if (!session) return reply;
    requireAdmin(session);
    return showPage(request, reply, deps, session);
  });

  app.post(`${ADMIN_OAUTH_PATH}/add`, async (request, reply) => {
    const { session, form } = await sessionForForm(request, deps);
    requireAdmin(session);
    try {
      const created = await registerClient(
        deps.store,
        {
          name: form.name ?? '',
          redirectUri: form.redirect_uri ?? '',
          allowedLogins: splitLogins(form.users ?? ''),
          requirePkce: form.require_pkce === 'on',
        },
        new Date().toISOString(),
      );
      return showPage(request, reply, deps, session, {
        notice: { text: 'adminAdded', client: created.clientId },
        secret: created,
      });
    } catch (error) {
      if (!(error instanceof ClientRegistrationError)) throw error;
      return showPage(request, reply, deps, session, { problem: error.message, status: 400 });
    }
  });

  app.post(`${ADMIN_OAUTH_PATH}/edit`, async (request, reply) => {
    const { session, form } = await sessionForForm(request, deps);
    requireAdmin(session);
    const clientId = form.client_id ?? '';
    try {
      const edited = await editClient(deps.store, clientId, {
        name: form.name ?? '',
        redirectUri: form.redirect_uri ?? '',
      });
      if (!edited) throw new KintoneError('KL_UR01');
    } catch (error) {
      if (!(error instanceof ClientRegistrationError)) throw error;
      return showPage(request, reply, deps, session, { problem: error.message, status: 400 });
    }
    return showPage(request, reply, deps, session, {
      notice: { text: 'adminEdited', client: clientId },
    });
  });

  app.post(`${ADMIN_OAUTH_PATH}/rotate`, async (request, reply) => {
    const { session, form } = await sessionForForm(request, deps);
    requireAdmin(session);
    const clientId = form.client_id ?? '';
    const clientSecret = await rotateClientSecret(deps.store, clientId, {
      audit: deps.audit,
      address: request.ip,
    });
    if (clientSecret === null) throw new KintoneError('KL_UR01');
    return showPage(request, reply, deps, session, {
      notice: { text: 'adminRotated', client: clientId },
      secret: { clientId, clientSecret },
    });
  });

  app.post(`${ADMIN_OAUTH_PATH}/remove`, async (request, reply) => {
    const { session, form } = await sessionForForm(request, deps);
    requireAdmin(session);
    await removeClient(deps.store, form.client_id ?? '', {
      audit: deps.audit,
      address: request.ip,
    });
    return reply
      .code(303)
      .header('location', ADMIN_OAUTH_PATH)
      .header('cache-control', 'no-store')
      .send();
  });
}

function requireAdmin(session: ActiveSession): void {
  if (!session.user.isAdmin) throw new KintoneError('CB_NO02');
}

async function showPage(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Deps,
  session: ActiveSession,
  result: {
    notice?: { text: 'adminAdded' | 'adminRotated' | 'adminEdited'; client: string };
    /** A registration mistake; its words come from the registry, in English. */
    problem?: string;
    secret?: { clientId: string; clientSecret: string };
    status?: number;
  } = {},
): Promise<FastifyReply> {
  const language = pickLanguage(request.headers['accept-language'], deps.config.language);
  const texts = oauthTextsFor(language);
  const notice = result.notice
    ? fillText(texts[result.notice.text], { client: result.notice.client })
    : result.problem;
  const clients = await deps.store.oauthClients.list();
  const requestToken = esc(session.requestToken);
  const token = `<input type="hidden" name="${REQUEST_TOKEN_PARAM}" value="${requestToken}">`;
  const body = `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.adminTitle)}</h1>
  ${notice ? `<p class="kl-notice" role="status">${esc(notice)}</p>` : ''}
  ${result.secret ? renderSecret(result.secret) : ''}
  ${renderClients(clients, token, texts)}
  <h2>${esc(texts.adminAdd)}</h2>
  <form method="post" action="${ADMIN_OAUTH_PATH}/add" class="kl-admin-form">
    ${token}
    <label>${esc(texts.adminName)} <input name="name" required maxlength="100"></label>
    <label>${esc(texts.adminRedirect)} <input name="redirect_uri" type="url" required></label>
    <label>${esc(texts.adminUsers)} <input name="users"></label>
    <label><input type="checkbox" name="require_pkce"> ${esc(texts.adminRequirePkce)}</label>
    <button type="submit" class="kl-button">${esc(texts.adminAddButton)}</button>
  </form>
</section>`;
  const html = renderLayout({
    language,
    title: texts.adminTitle,
    userName: session.user.displayName,
    requestToken: session.requestToken,
    crumbs: [{ label: texts.adminTitle }],
    body,
  });
  // The default same-origin referrer policy: with none, browsers post the page's forms with
  // `Origin: null`, which the CSRF check refuses. The URL carries nothing secret.
  return sendPage(reply, html, {}, result.status ?? 200);
}

function renderSecret(secret: { clientId: string; clientSecret: string }): string {
  return `<dl class="kl-secret">
    <dt>client_id</dt><dd><code class="kl-client-id">${esc(secret.clientId)}</code></dd>
    <dt>client_secret</dt><dd><code class="kl-client-secret">${esc(secret.clientSecret)}</code></dd>
  </dl>`;
}

function renderClients(
  clients: readonly OAuthClientListing[],
  token: string,
  texts: OAuthTexts,
): string {
  if (clients.length === 0) return `<p class="kl-empty">${esc(texts.adminNone)}</p>`;
  const rows = clients
    .map(
      (c) => `<tr data-client-id="${esc(c.id)}">
    <td><code>${esc(c.id)}</code></td><td>${esc(c.name)}</td><td>${esc(c.redirectUri)}</td>
    <td>${esc(c.allowedUsers.join(', '))}</td><td>${c.requirePkce ? 'PKCE' : ''}</td>
    <td>
      ${renderEditForm(c, token, texts)}
      <form method="post" action="${ADMIN_OAUTH_PATH}/rotate">${token}
        <input type="hidden" name="client_id" value="${esc(c.id)}">
        <button type="submit" class="kl-button kl-button-quiet">${esc(texts.adminRotate)}</button>
      </form>
      <form method="post" action="${ADMIN_OAUTH_PATH}/remove">${token}
        <input type="hidden" name="client_id" value="${esc(c.id)}">
        <button type="submit" class="kl-button kl-button-quiet">${esc(texts.adminRemove)}</button>
      </form>
    </td>
  </tr>`,
    )
    .join('\n');
  return `<table class="kl-table">
  <thead><tr>
    <th>client_id</th><th>${esc(texts.adminName)}</th><th>${esc(texts.adminRedirect)}</th>
    <th>${esc(texts.adminUsersColumn)}</th><th></th><th></th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

/** Name and redirect endpoint, folded away until opened, with the same limits as adding. */
function renderEditForm(client: OAuthClientListing, token: string, texts: OAuthTexts): string {
  return `<details class="kl-client-edit">
        <summary>${esc(texts.adminEdit)}</summary>
        <form method="post" action="${ADMIN_OAUTH_PATH}/edit" class="kl-admin-form">${token}
          <input type="hidden" name="client_id" value="${esc(client.id)}">
          <label>${esc(texts.adminName)}
            <input name="name" required maxlength="100" value="${esc(client.name)}"></label>
          <label>${esc(texts.adminRedirect)} <input name="redirect_uri" type="url" required
            value="${esc(client.redirectUri)}"></label>
          <button type="submit" class="kl-button">${esc(texts.adminSave)}</button>
        </form>
      </details>`;
}
