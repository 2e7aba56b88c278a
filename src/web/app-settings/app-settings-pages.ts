import type { FastifyInstance } from 'fastify';
import { discardAppChanges, hasUndeployedSettings, updateApp } from '../../apps/update-app.js';
import { messageBox, postForm, submitButton } from '../form-html.js';
import { checkFormPost, type FormRequest } from '../forms.js';
import { esc } from '../html.js';
import { seeOtherWithNotice } from '../notices.js';
import type { SettingsDeps } from '../settings-page.js';
import { appSettingsPath, openAppSettings, sendAppSettingsPage } from './app-settings-scope.js';

/** The app settings top page, with "Update App" and "Discard changes". */
export function mountAppSettingsPages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/app/flow', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    const { texts } = scope;
    const appId = scope.reachable.app.id;
    const waiting = await hasUndeployedSettings(store, appId);
    const notice = deps.notices.take(scope.session.id, request.url);
    const update = postForm({
      action: `/k/admin/app/deploy?app=${appId}`,
      requestToken: scope.session.requestToken,
      className: 'kl-inline-form',
      inner: submitButton(texts.updateApp),
    });
    const discard = waiting
      ? postForm({
          action: `/k/admin/app/discard?app=${appId}`,
          requestToken: scope.session.requestToken,
          className: 'kl-inline-form',
          inner: submitButton(texts.cancelChanges, 'quiet'),
        })
      : '';
    const links = (['apitoken', 'permission', 'customize'] as const)
      .map((page) => {
        const label = {
          apitoken: texts.apiToken,
          permission: texts.appPermissions,
          customize: texts.customization,
        }[page];
        return `<li><a href="${esc(appSettingsPath(page, appId))}">${esc(label)}</a></li>`;
      })
      .join('');
    const deployState = waiting ? texts.changesWaiting : texts.nothingWaiting;
    return sendAppSettingsPage(reply, scope, {
      page: 'flow',
      title: texts.appSettings,
      body: `<section class="kl-card">
  <div class="kl-card-head">
    <h1 class="kl-title">${esc(texts.appSettings)}</h1>
    <div class="kl-form-actions">${discard}${update}</div>
  </div>
  ${messageBox(notice?.message, 'done')}
  <p class="kl-help" id="deploy-state">${esc(deployState)}</p>
  <ul class="kl-link-list">${links}</ul>
</section>`,
    });
  });

  app.post('/k/admin/app/deploy', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    checkFormPost(request, scope.session, deps.sessions);
    await updateApp(store, scope.reachable.app.id);
    return seeOtherWithNotice(
      reply,
      deps.notices,
      scope.session.id,
      appSettingsPath('flow', scope.reachable.app.id),
      { message: scope.texts.appUpdated },
    );
  });

  app.post('/k/admin/app/discard', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    checkFormPost(request, scope.session, deps.sessions);
    await discardAppChanges(store, scope.reachable.app.id);
    const location = appSettingsPath('flow', scope.reachable.app.id);
    return seeOtherWithNotice(reply, deps.notices, scope.session.id, location, {
      message: scope.texts.changesDiscarded,
    });
  });
}
