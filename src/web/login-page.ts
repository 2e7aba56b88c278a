import type { Language } from '../errors/kintone-error.js';
import { esc } from './html.js';
import { renderLayout } from './layout.js';
import { textsFor } from './texts.js';

/**
 * The login form. Its class names are those `@kintone/plugin-uploader` types into on a real
 * domain (`.form-username-slash > input.form-text`, `.form-password-slash > input.form-text`,
 * `.login-button`), so browser tools written for Kintone can log in here too.
 */
export function renderLoginPage(options: {
  language: Language;
  redirect: string;
  failed: boolean;
  loginName?: string;
}): string {
  const texts = textsFor(options.language);
  const error = options.failed
    ? `<p class="kl-login-error" role="alert">${esc(texts.loginFailed)}</p>`
    : '';
  const body = `<section class="kl-login">
  <div class="kl-login-card">
    <div class="kl-login-brand"><span class="kl-logo" aria-hidden="true"></span>kintone-local</div>
    <h1>${esc(texts.loginTitle)}</h1>
    <p class="kl-login-lead">${esc(texts.loginLead)}</p>
    ${error}
    <form method="post" action="/login" class="kl-login-form">
      <input type="hidden" name="redirect" value="${esc(options.redirect)}">
      <label for="username">${esc(texts.loginName)}</label>
      <div class="form-username-slash"><input class="form-text" id="username" name="username"
        type="text" autocomplete="username" value="${esc(options.loginName ?? '')}"
        required autofocus></div>
      <label for="password">${esc(texts.password)}</label>
      <div class="form-password-slash"><input class="form-text" id="password" name="password"
        type="password" autocomplete="current-password" required></div>
      <button type="submit" class="login-button kl-button">${esc(texts.loginButton)}</button>
    </form>
  </div>
</section>`;
  return renderLayout({ language: options.language, title: texts.loginTitle, body });
}
