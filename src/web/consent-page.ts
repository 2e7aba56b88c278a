import type { Language } from '../errors/kintone-error.js';
import type { OAuthError } from '../errors/oauth-error.js';
import type { AuthorizationRequest } from '../oauth/authorization-request.js';
import { describeScope } from '../oauth/scopes.js';
import { esc } from './html.js';
import { renderLayout } from './layout.js';
import { fillText, oauthTextsFor } from './oauth-texts.js';

/**
 * The consent page: who asks, for which user, each scope in plain words, and where the answer
 * goes. Both buttons post the same form with the session's request token; the request's own
 * parameters travel along, and the server checks them again on the post.
 */
export function renderConsentPage(options: {
  language: Language;
  userName: string;
  requestToken: string;
  request: AuthorizationRequest;
  params: Readonly<Record<string, string>>;
}): string {
  const texts = oauthTextsFor(options.language);
  const { client, scopes, redirectUri } = options.request;
  const hidden = Object.entries(options.params)
    .map(([name, value]) => `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`)
    .join('\n      ');
  const scopeItems = scopes
    .map(
      (scope) =>
        `<li>${esc(describeScope(scope, options.language))} <code>${esc(scope)}</code></li>`,
    )
    .join('\n        ');

  const lead = fillText(texts.consentLead, { client: client.name, user: options.userName });
  const returnTo = fillText(texts.consentReturn, { origin: new URL(redirectUri).origin });
  const body = `<section class="kl-login">
  <div class="kl-login-card kl-consent">
    <div class="kl-login-brand"><span class="kl-logo" aria-hidden="true"></span>kintone-local</div>
    <h1>${esc(texts.consentTitle)}</h1>
    <p class="kl-login-lead">${esc(lead)}</p>
    <p>${esc(texts.consentScopes)}</p>
    <ul class="kl-consent-scopes">
        ${scopeItems}
    </ul>
    <p>${esc(texts.consentActsAsYou)}</p>
    <p>${esc(returnTo)}</p>
    <form method="post" action="/oauth2/authorization" class="kl-login-form">
      <input type="hidden" name="__REQUEST_TOKEN__" value="${esc(options.requestToken)}">
      ${hidden}
      <button type="submit" name="decision" value="approve"
        class="kl-button kl-consent-allow">${esc(texts.allow)}</button>
      <button type="submit" name="decision" value="deny"
        class="kl-button kl-button-quiet kl-consent-deny">${esc(texts.deny)}</button>
    </form>
  </div>
</section>`;
  return renderLayout({ language: options.language, title: texts.consentTitle, body });
}

/** An error the authorization endpoint must not send back to the client. */
export function renderAuthorizationErrorPage(language: Language, error: OAuthError): string {
  const texts = oauthTextsFor(language);
  const body = `<section class="kl-login">
  <div class="kl-login-card">
    <div class="kl-login-brand"><span class="kl-logo" aria-hidden="true"></span>kintone-local</div>
    <h1>${esc(texts.errorTitle)}</h1>
    <p class="kl-login-lead">${esc(texts.errorLead)}</p>
    <p class="kl-login-error" role="alert">
      <code>${esc(error.error)}</code> ${esc(error.descriptionIn(language))}
    </p>
  </div>
</section>`;
  return renderLayout({ language, title: texts.errorTitle, body });
}
