import type { FastifyInstance, FastifyReply } from 'fastify';
import { sha256Hex } from '../../crypto/digest.js';
import { randomAlphanumeric } from '../../crypto/random.js';
import { KintoneError } from '../../errors/kintone-error.js';
import { MAX_TOKENS_PER_APP, TooManyTokensError } from '../../store/api-tokens.js';
import type { TokenPermission, TokenPermissions, TokenSettings } from '../../store/types.js';
import { checkbox, messageBox, postForm, submitButton } from '../form-html.js';
import {
  checkFormPost,
  formChecked,
  formField,
  readPositiveId,
  type FormRequest,
} from '../forms.js';
import { esc } from '../html.js';
import { seeOtherWithNotice, type Notice } from '../notices.js';
import { formError, storedTime, type SettingsDeps } from '../settings-page.js';
import {
  appSettingsPath,
  openAppSettings,
  sendAppSettingsPage,
  type AppSettingsScope,
} from './app-settings-scope.js';

/** A note may hold up to 200 characters, as in Kintone. */
const MAX_NOTE_LENGTH = 200;

const PERMISSIONS: readonly TokenPermission[] = ['view', 'add', 'edit', 'delete', 'manage'];

/**
 * App settings → API token. Generating makes a draft with "view records" ticked (Kintone's
 * default); its value is shown once, on the page the generation leads to, and afterwards only
 * its last four characters: only the SHA-256 digest is stored. Every change here waits for
 * "Update App" on the app settings page.
 */
export function mountApiTokenPages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/app/apitoken', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    return sendTokenPage(reply, scope, await store.apiTokens.listForApp(scope.reachable.app.id), {
      notice: deps.notices.take(scope.session.id, request.url),
    });
  });

  app.post('/k/admin/app/apitoken/generate', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    checkFormPost(request, scope.session, deps.sessions);

    const appId = scope.reachable.app.id;
    const value = randomAlphanumeric(40);
    try {
      await store.apiTokens.create(
        {
          appId,
          digest: sha256Hex(value),
          permissions: { view: true, add: false, edit: false, delete: false, manage: false },
          note: '',
          hint: value.slice(-4),
        },
        false,
        storedTime(deps),
      );
    } catch (error) {
      if (!(error instanceof TooManyTokensError)) throw error;
      const message = new KintoneError('KL_AD07', { max: MAX_TOKENS_PER_APP });
      return sendTokenPage(reply, scope, await store.apiTokens.listForApp(appId), {
        error: message.messageIn(scope.language),
      });
    }
    return seeOtherWithNotice(
      reply,
      deps.notices,
      scope.session.id,
      appSettingsPath('apitoken', appId),
      { message: scope.texts.tokenGenerated, secret: value },
    );
  });

  const tokenAction =
    (act: (scope: AppSettingsScope, tokenId: number, request: FormRequest) => Promise<Notice>) =>
    async (request: FormRequest, reply: FastifyReply) => {
      const scope = await openAppSettings(request, reply, deps);
      if (!scope) return reply;
      checkFormPost(request, scope.session, deps.sessions);

      const appId = scope.reachable.app.id;
      const tokenId = readPositiveId(formField(request, 'token'));
      if (tokenId === undefined) throw new KintoneError('CB_VA01');
      let notice: Notice;
      try {
        notice = await act(scope, tokenId, request);
      } catch (error) {
        return sendTokenPage(reply, scope, await store.apiTokens.listForApp(appId), {
          error: formError(error, scope.language),
        });
      }
      const location = appSettingsPath('apitoken', appId);
      return seeOtherWithNotice(reply, deps.notices, scope.session.id, location, notice);
    };

  app.post(
    '/k/admin/app/apitoken/save',
    tokenAction(async (scope, tokenId, request) => {
      const note = formField(request, 'note');
      if (note.length > MAX_NOTE_LENGTH) {
        throw new KintoneError('KL_AD08', { max: MAX_NOTE_LENGTH });
      }
      const permissions = Object.fromEntries(
        PERMISSIONS.map((p) => [p, formChecked(request, p)]),
      ) as unknown as TokenPermissions;
      const saved = await store.apiTokens.saveSettings(scope.reachable.app.id, tokenId, {
        permissions,
        note,
      });
      if (!saved) throw new KintoneError('CB_VA01');
      return { message: scope.texts.tokenSaved };
    }),
  );

  app.post(
    '/k/admin/app/apitoken/regenerate',
    tokenAction(async (scope, tokenId) => {
      const current = (await store.apiTokens.listForApp(scope.reachable.app.id)).find(
        (t) => t.id === tokenId,
      );
      if (!current || current.pending?.kind === 'delete') throw new KintoneError('CB_VA01');
      const settings = current.pending?.kind === 'change' ? current.pending : current;

      const value = randomAlphanumeric(40);
      await store.apiTokens.saveSettings(scope.reachable.app.id, tokenId, {
        permissions: settings.permissions,
        note: settings.note,
        digest: sha256Hex(value),
        hint: value.slice(-4),
      });
      return { message: scope.texts.tokenRegenerated, secret: value };
    }),
  );

  app.post(
    '/k/admin/app/apitoken/delete',
    tokenAction(async (scope, tokenId) => {
      if (!(await store.apiTokens.remove(scope.reachable.app.id, tokenId))) {
        throw new KintoneError('CB_VA01');
      }
      return { message: scope.texts.tokenDeleted };
    }),
  );
}

function sendTokenPage(
  reply: FastifyReply,
  scope: AppSettingsScope,
  tokens: readonly TokenSettings[],
  state: { notice?: Notice | undefined; error?: string },
): FastifyReply {
  const { texts } = scope;
  const appId = scope.reachable.app.id;
  const secret = state.notice?.secret
    ? `<div class="kl-secret" role="status">
  <p>${esc(state.notice.message)}</p>
  <p><label for="new-token">${esc(texts.tokenValue)}</label>
  <input class="kl-input kl-token-value"
    id="new-token" readonly value="${esc(state.notice.secret)}"></p>
  <p class="kl-help">${esc(texts.tokenShownOnce)}</p>
</div>`
    : messageBox(state.notice?.message, 'done');
  const generate = postForm({
    action: `/k/admin/app/apitoken/generate?app=${appId}`,
    requestToken: scope.session.requestToken,
    className: 'kl-inline-form',
    inner: submitButton(texts.generate),
  });
  const list =
    tokens.length === 0
      ? `<p class="kl-empty">${esc(texts.noTokens)}</p>`
      : `<ul class="kl-token-list">${tokens.map((t) => renderToken(scope, t)).join('\n')}</ul>`;
  return sendAppSettingsPage(reply, scope, {
    page: 'apitoken',
    title: texts.apiToken,
    status: state.error ? 400 : 200,
    body: `<section class="kl-card">
  <div class="kl-card-head">
    <h1 class="kl-title">${esc(texts.apiToken)}</h1>
    ${generate}
  </div>
  <p class="kl-help">${esc(texts.tokenHelp)}</p>
  ${secret}${messageBox(state.error, 'error')}
  ${list}
  <p><a href="${esc(appSettingsPath('flow', appId))}">${esc(texts.goToUpdateApp)}</a></p>
</section>`,
  });
}

function renderToken(scope: AppSettingsScope, token: TokenSettings): string {
  const { texts } = scope;
  const appId = scope.reachable.app.id;
  const shown = token.pending?.kind === 'change' ? token.pending : token;
  const hint =
    token.pending?.kind === 'change' && token.pending.hint ? token.pending.hint : token.hint;
  const state = !token.deployed
    ? texts.tokenDraft
    : token.pending?.kind === 'delete'
      ? texts.tokenPendingDelete
      : token.pending
        ? texts.tokenPendingChange
        : texts.tokenActive;
  const hidden = `<input type="hidden" name="token" value="${token.id}">`;
  const action = (name: string) => `/k/admin/app/apitoken/${name}?app=${appId}`;
  const labels: Record<TokenPermission, string> = {
    view: texts.permView,
    add: texts.permAdd,
    edit: texts.permEdit,
    delete: texts.permDelete,
    manage: texts.permManage,
  };
  const boxes = PERMISSIONS.map((p) =>
    checkbox({
      name: p,
      label: labels[p],
      checked: shown.permissions[p],
      id: `token-${token.id}-${p}`,
    }),
  ).join('\n');
  const title = `${texts.apiToken} …${hint || '????'}`;
  const formId = `token-${token.id}-save`;
  const noteId = `token-${token.id}-note`;
  const save = postForm({
    action: action('save'),
    requestToken: scope.session.requestToken,
    label: title,
    id: formId,
    className: 'kl-form kl-token-form',
    inner: `${hidden}
<fieldset class="kl-fieldset"><legend>${esc(texts.permissions)}</legend>${boxes}</fieldset>
<div class="kl-form-row kl-token-note"><label for="${noteId}">${esc(texts.note)}</label>
<textarea class="kl-input" id="${noteId}" name="note" maxlength="200"
  rows="2">${esc(shown.note)}</textarea></div>`,
  });
  const regenerate = postForm({
    action: action('regenerate'),
    requestToken: scope.session.requestToken,
    className: 'kl-inline-form',
    inner: `${hidden}${submitButton(texts.regenerate, 'quiet')}`,
  });
  const remove = postForm({
    action: action('delete'),
    requestToken: scope.session.requestToken,
    className: 'kl-inline-form',
    inner: `${hidden}${submitButton(texts.delete, 'danger')}`,
  });
  const changeable = token.pending?.kind !== 'delete';
  const actions = `${submitButton(texts.save, 'primary', formId)}${regenerate}${remove}`;
  return `<li class="kl-token" data-token-id="${token.id}">
  <h2 class="kl-subtitle"><code>${esc(`••••${hint}`)}</code>
    <span class="kl-tag">${esc(state)}</span></h2>
  ${changeable ? `${save}<div class="kl-form-actions">${actions}</div>` : ''}
</li>`;
}
