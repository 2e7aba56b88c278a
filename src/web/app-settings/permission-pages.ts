import type { FastifyInstance, FastifyReply } from 'fastify';
import { isDeepStrictEqual } from 'node:util';
import { readRevision } from '../../api/param-readers.js';
import { referencesInStore } from '../../api/permission-input.js';
import { writePermissionPreview } from '../../api/permission-settings.js';
import { appAclOf } from '../../auth/app-permissions.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { QueryContext } from '../../kintone/query/index.js';
import { checkFormPost, type FormRequest } from '../forms.js';
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
    const { rights, rows } = apiRightsOf(form);
    try {
      await writePermissionPreview(store, app, 'app', {
        rights,
        refs: referencesInStore(store, app, queryContextOf(scope, deps)),
        expectedRevision: readRevision(form.revision, 'revision'),
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

  const editor = renderAclEditor({
    form,
    action: `/k/admin/app/permission/save?app=${app.id}`,
    requestToken: scope.session.requestToken,
    texts,
  });
  const inUse = pending
    ? `<p class="kl-help" id="acl-pending">${esc(texts.aclPending)}</p>
  <details><summary>${esc(texts.aclInUse)}</summary>${renderAppAcl(live, texts)}</details>`
    : '';
  return sendAppSettingsPage(reply, scope, {
    page: 'permission',
    title: texts.appPermissions,
    status: state.status ?? 200,
    body: `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.appPermissions)}</h1>
  <p class="kl-help">${esc(texts.permissionsHelp)}</p>
  ${messageBox(state.notice?.message, 'done')}${errorBox(state.errors)}
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

/** A refusal: its message, then one line per refused entry. */
function errorBox(lines: readonly string[] | undefined): string {
  if (!lines || lines.length === 0) return '';
  const [summary, ...details] = lines;
  const list = details.length
    ? `<ul>${details.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`
    : '';
  return `<div class="kl-message kl-message-error" role="alert">
<p>${esc(summary ?? '')}</p>${list}
</div>`;
}

/** App permissions name no fields, but the API's reader takes a query context all the same. */
function queryContextOf(scope: AppSettingsScope, deps: SettingsDeps): QueryContext {
  const user = scope.session.user;
  return {
    fields: scope.reachable.app.properties,
    dialect: deps.store.recordSql,
    loginUser: { code: user.loginName, name: user.displayName },
    now: deps.now(),
    timeZone: deps.config.timeZone,
  };
}
