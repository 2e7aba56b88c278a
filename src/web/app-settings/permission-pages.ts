import type { FastifyInstance } from 'fastify';
import { appAclOf } from '../../auth/app-permissions.js';
import type { FormRequest } from '../forms.js';
import { esc } from '../html.js';
import type { SettingsDeps } from '../settings-page.js';
import { openAppSettings, sendAppSettingsPage } from './app-settings-scope.js';
import { renderAppAcl, renderFieldAcl, renderRecordAcl } from './permission-views.js';

/** The app's live app, record and field permissions, shown as tables. */
export function mountPermissionPages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/app/permission', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    const appId = scope.reachable.app.id;
    const entries = await appAclOf(store, scope.reachable.app);
    const records = (await store.permissions.find(appId, 'record', 'live')) ?? [];
    const fields = (await store.permissions.find(appId, 'field', 'live')) ?? [];
    return sendAppSettingsPage(reply, scope, {
      page: 'permission',
      title: scope.texts.appPermissions,
      body: `<section class="kl-card">
  <h1 class="kl-title">${esc(scope.texts.appPermissions)}</h1>
  <p class="kl-help">${esc(scope.texts.permissionsHelp)}</p>
  ${renderAppAcl(entries, scope.texts)}
  <h2 class="kl-subtitle">${esc(scope.texts.recordPermissions)}</h2>
  ${renderRecordAcl(records, scope.texts)}
  <h2 class="kl-subtitle">${esc(scope.texts.fieldPermissions)}</h2>
  ${renderFieldAcl(fields, scope.texts)}
</section>`,
    });
  });
}
