import type { FastifyInstance, FastifyReply } from 'fastify';
import { isDeepStrictEqual } from 'node:util';
import { referencesInStore } from '../../api/permission-input.js';
import { writePermissionPreview } from '../../api/permission-settings.js';
import { appAclOf } from '../../auth/app-permissions.js';
import { queryContextFor } from '../../auth/record-permissions.js';
import { KintoneError } from '../../errors/kintone-error.js';
import { checkFormPost, readPositiveId, type FormRequest } from '../forms.js';
import { messageBox } from '../form-html.js';
import { esc } from '../html.js';
import { seeOtherWithNotice, type Notice } from '../notices.js';
import type { SettingsDeps } from '../settings-page.js';
import { aclErrorLines, renderAclEditor } from './app-acl-editor.js';
import { apiRightsOf, formOfEntries, readAclForm, type AclForm } from './app-acl-form.js';
import {
  appSettingsPath,
  openAppSettings,
  sendAppSettingsPage,
  sessionCallFor,
  type AppSettingsScope,
} from './app-settings-scope.js';
import { renderAppAcl, renderFieldAcl, renderRecordAcl } from './permission-views.js';

/**
 * App settings → permissions. The app permissions are edited here as in Kintone and saved in
 * preview through the same check and write as `PUT preview/app/acl.json`; they are used after
 * "Update App". Record and field permissions are shown, not edited.
 */
export function mountPermissionPages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/app/permission', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    return sendPermissionPage(reply, scope, deps, {
      notice: deps.notices.take(scope.session.id, request.url),
    });
  });

  app.post('/k/admin/app/permission/save', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    checkFormPost(request, scope.session, deps.sessions);

    const app = scope.reachable.app;
    const form = readAclForm(request);
    // The page always sends the revision it showed: without one, the save would overwrite
    // whatever another manager saved since.
    const expectedRevision = readPositiveId(form.revision);
    if (expectedRevision === undefined) throw new KintoneError('CB_VA01');

    const { rights, rows } = apiRightsOf(form);
    // App permissions name no fields, but the API's reader takes a query context all the same.
    const context = queryContextFor(sessionCallFor(scope, deps), app);
    try {
      await writePermissionPreview(store, app, 'app', {
        rights,
        refs: referencesInStore(store, app, context),
        expectedRevision,
      });
    } catch (error) {
      if (!(error instanceof KintoneError)) throw error;
      // After someone else's change, the entered rows stay, and a second Save replaces it.
      const revision =
        error.code === 'GAIA_CO02'
          ? String(await store.appSettings.previewRevision(app.id))
          : form.revision;
      return sendPermissionPage(reply, scope, deps, {
        form: { ...form, revision },
        errors: aclErrorLines(error, rows, scope.texts, scope.language),
        status: error.status,
      });
    }
    const location = appSettingsPath('permission', app.id);
    return seeOtherWithNotice(reply, deps.notices, scope.session.id, location, {
      message: scope.texts.aclSaved,
    });
  });
}

/**
 * The page: the app permissions as a form (the entered one after a refusal, else the preview,
 * which shows what is live until a change is saved), with what is live beside it while they
 * differ; then the record and field permissions in use.
 */
async function sendPermissionPage(
  reply: FastifyReply,
  scope: AppSettingsScope,
  deps: SettingsDeps,
  state: { form?: AclForm; notice?: Notice | undefined; errors?: string[]; status?: number },
): Promise<FastifyReply> {
  const { store } = deps;
  const { texts } = scope;
  const app = scope.reachable.app;
  const live = await appAclOf(store, app);
  const preview = await store.permissions.find(app.id, 'app', 'preview');
  const pending = preview !== undefined && !isDeepStrictEqual(preview, live);
  const form =
    state.form ?? formOfEntries(preview ?? live, await store.appSettings.previewRevision(app.id));
  const records = (await store.permissions.find(app.id, 'record', 'live')) ?? [];
  const fields = (await store.permissions.find(app.id, 'field', 'live')) ?? [];
  // A refusal: its message, then one line per refused entry.
  const [summary, ...details] = state.errors ?? [];

  const editor = renderAclEditor({
    form,
    action: `/k/admin/app/permission/save?app=${app.id}`,
    requestToken: scope.session.requestToken,
    texts,
  });
  const inUse = pending
    ? `<p class="kl-help" id="acl-pending">${esc(texts.previewPending)}</p>
  <details><summary>${esc(texts.aclInUse)}</summary>${renderAppAcl(live, texts)}</details>`
    : '';
  return sendAppSettingsPage(reply, scope, {
    page: 'permission',
    title: texts.appPermissions,
    status: state.status ?? 200,
    body: `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.appPermissions)}</h1>
  <p class="kl-help">${esc(texts.permissionsHelp)}</p>
  ${messageBox(state.notice?.message, 'done')}${messageBox(summary, 'error', details)}
  ${inUse}
  ${editor}
  <p><a href="${esc(appSettingsPath('flow', app.id))}">${esc(texts.goToUpdateApp)}</a></p>
  <h2 class="kl-subtitle">${esc(texts.recordPermissions)}</h2>
  <p class="kl-help">${esc(texts.permissionsReadOnly)}</p>
  ${renderRecordAcl(records, texts)}
  <h2 class="kl-subtitle">${esc(texts.fieldPermissions)}</h2>
  ${renderFieldAcl(fields, texts)}
</section>`,
  });
}
