import type { FastifyInstance, FastifyReply } from 'fastify';
import type { PasswordAuthenticator } from '../auth/password.js';
import { KintoneError } from '../errors/kintone-error.js';
import { requestLanguage } from '../http/caller-language.js';
import type { LanguageChoice } from '../store/types.js';
import { changePassword } from './account-changes.js';
import { ACCOUNT_APPS_PATH } from './account-page.js';
import { readNewPassword } from './admin/user-input.js';
import { messageBox, postForm, submitButton, textInput } from './form-html.js';
import { checkFormPost, formField, type FormRequest } from './forms.js';
import { esc } from './html.js';
import { seeOtherWithNotice } from './notices.js';
import {
  formError,
  openPage,
  sendSettingsPage,
  type PageScope,
  type SettingsDeps,
} from './settings-page.js';
import { settingsTextsFor } from './settings-texts.js';

/**
 * A user's own settings: the language of pages and messages, and the password. Changing the
 * password needs the current one and ends every other session of the user; the verified-
 * password cache is keyed by the stored hash, so the old password stops working at once.
 */
export function mountPersonalSettings(
  app: FastifyInstance,
  deps: SettingsDeps & { passwords: PasswordAuthenticator },
): void {
  const { store } = deps;

  app.get('/k/settings/', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope) return reply;
    return sendPersonalPage(reply, scope, {
      done: deps.notices.take(scope.session.id, request.url)?.message,
    });
  });

  app.post('/k/settings/language', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope) return reply;
    checkFormPost(request, scope.session, deps.sessions);

    const chosen = formField(request, 'language');
    if (chosen !== 'ja' && chosen !== 'en' && chosen !== '') throw new KintoneError('CB_VA01');
    await store.users.setLanguage(scope.session.user.id, chosen);
    // Said in the language just chosen, as the next page will be.
    request.callerLanguage = chosen;
    const texts = settingsTextsFor(requestLanguage(request, deps.config.language));
    return seeOtherWithNotice(reply, deps.notices, scope.session.id, '/k/settings/', {
      message: texts.languageSaved,
    });
  });

  app.post('/k/settings/password', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope) return reply;
    checkFormPost(request, scope.session, deps.sessions);

    const user = scope.session.user;
    try {
      // The login check, with its failure throttle: this form must not become a way to guess.
      await deps.passwords
        .verifyLogin(user.loginName, formField(request, 'currentPassword'), request.ip)
        .catch(() => {
          throw new KintoneError('KL_AD04');
        });
      const password = readNewPassword(formField(request, 'newPassword'));
      await changePassword(deps, user, password, {
        keepSessionId: scope.session.id,
        client: request.ip,
      });
    } catch (error) {
      return sendPersonalPage(reply, scope, { error: formError(error, scope.language) });
    }
    return seeOtherWithNotice(reply, deps.notices, scope.session.id, '/k/settings/', {
      message: scope.texts.passwordChanged,
    });
  });
}

function sendPersonalPage(
  reply: FastifyReply,
  scope: PageScope,
  messages: { done?: string | undefined; error?: string },
): FastifyReply {
  const { texts } = scope;
  const current = scope.session.user.language;
  const option = (value: LanguageChoice, label: string) => {
    const id = `language-${value || 'browser'}`;
    const checked = current === value ? ' checked' : '';
    return `<label class="kl-check" for="${id}"><input type="radio" name="language"
  id="${id}" value="${value}"${checked}> ${esc(label)}</label>`;
  };
  const languageForm = postForm({
    action: '/k/settings/language',
    requestToken: scope.session.requestToken,
    inner: `<fieldset class="kl-fieldset"><legend>${esc(texts.language)}</legend>
${option('', texts.languageBrowser)}
${option('ja', '日本語')}
${option('en', 'English')}
</fieldset>
<div class="kl-form-actions">${submitButton(texts.save)}</div>`,
  });
  const passwordForm = postForm({
    action: '/k/settings/password',
    requestToken: scope.session.requestToken,
    label: texts.changePassword,
    inner: `<input type="text" name="username" value="${esc(scope.session.user.loginName)}"
  autocomplete="username" hidden>
${passwordInput('currentPassword', texts.currentPassword, 'current-password')}
${passwordInput('newPassword', texts.newPassword, 'new-password')}
<div class="kl-form-actions">${submitButton(texts.changePassword)}</div>`,
  });
  return sendSettingsPage(reply, scope, {
    title: texts.personalSettings,
    crumbs: [{ label: texts.personalSettings }],
    status: messages.error ? 400 : 200,
    body: `<section class="kl-card kl-narrow">
  <h1 class="kl-title">${esc(texts.personalSettings)}</h1>
  ${messageBox(messages.done, 'done')}${messageBox(messages.error, 'error')}
  ${languageForm}
  <h2 class="kl-subtitle">${esc(texts.changePassword)}</h2>
  <p class="kl-help">${esc(texts.passwordHelp)}</p>
  ${passwordForm}
  <p><a href="${ACCOUNT_APPS_PATH}">${esc(texts.authorizedApps)}</a></p>
</section>`,
  });
}

function passwordInput(name: string, label: string, autocomplete: string): string {
  return textInput({ name, label, type: 'password', required: true, autocomplete });
}
