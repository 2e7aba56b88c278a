import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PasswordAuthenticator } from '../auth/password.js';
import { KintoneError } from '../errors/kintone-error.js';
import { requestLanguage } from '../http/caller-language.js';
import { buildErrorHandler } from '../http/error-handler.js';
import type { OAuthAudit } from '../oauth/oauth-audit.js';
import { mountAuditPage } from './admin/audit-page.js';
import { mountGroupPages } from './admin/groups-pages.js';
import { mountOAuthClientPages } from './admin/oauth-clients-page.js';
import { mountSpacePages } from './admin/spaces-pages.js';
import { mountUserPages } from './admin/users-pages.js';
import { mountApiTokenPages } from './app-settings/api-token-pages.js';
import { mountAppSettingsPages } from './app-settings/app-settings-pages.js';
import { mountCustomizationPages } from './app-settings/customization-pages.js';
import { mountPermissionPages } from './app-settings/permission-pages.js';
import { esc, sendPage } from './html.js';
import { renderLayout } from './layout.js';
import { mountPersonalSettings } from './personal-settings.js';
import type { SettingsDeps } from './settings-page.js';
import { settingsTextsFor } from './settings-texts.js';
import { textsFor } from './texts.js';

/**
 * The settings pages, Kintone's paths where it has them: the administration (`/k/admin/...`,
 * administrators only), an app's settings (`/k/admin/app/...?app=`, for users who may manage
 * the app) and the user's own settings (`/k/settings/`). All are server-rendered forms.
 */
export async function mountSettingsPages(
  app: FastifyInstance,
  deps: SettingsDeps & { passwords: PasswordAuthenticator; oauthAudit: OAuthAudit },
): Promise<void> {
  await app.register(async (pages) => {
    pages.setErrorHandler(pageErrorHandler(deps));
    mountUserPages(pages, deps);
    mountGroupPages(pages, deps);
    mountSpacePages(pages, deps);
    mountOAuthClientPages(pages, deps);
    mountAuditPage(pages, deps);
    mountAppSettingsPages(pages, deps);
    mountPermissionPages(pages, deps);
    mountCustomizationPages(pages, deps);
    mountApiTokenPages(pages, deps);
    mountPersonalSettings(pages, deps);
  });
}

/**
 * A page that cannot be shown (an unknown user, group, space or app) is answered with a page
 * saying so, with the error's status; form posts and anything unexpected go to the API's error
 * handler, which answers in Kintone's JSON shape.
 */
function pageErrorHandler(deps: SettingsDeps) {
  const handleError = buildErrorHandler(deps.config);
  return function handlePageError(
    error: Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (request.method !== 'GET' || !(error instanceof KintoneError)) {
      handleError(error, request, reply);
      return;
    }
    const language = requestLanguage(request, deps.config.language);
    // KL_UR01 speaks of an API; on a page, the page is what does not exist.
    const message =
      error.code === 'KL_UR01'
        ? settingsTextsFor(language).pageNotFound
        : error.messageIn(language);
    const body = `<section class="kl-card kl-refusal">
  <h1 class="kl-title">${esc(error.code)}</h1>
  <p role="alert">${esc(message)}</p>
  <p><a href="/k/">${esc(textsFor(language).portal)}</a></p>
</section>`;
    const html = renderLayout({ language, title: error.code, body });
    void sendPage(reply, html, {}, error.status);
  };
}
