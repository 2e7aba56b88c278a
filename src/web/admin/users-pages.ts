import type { FastifyInstance, FastifyReply } from 'fastify';
import { hashPassword } from '../../auth/password-hash.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { User } from '../../store/types.js';
import { checkbox, messageBox, postForm, submitButton, textInput } from '../form-html.js';
import {
  checkFormPost,
  formChecked,
  formField,
  readPositiveId,
  seeOther,
  type FormRequest,
} from '../forms.js';
import { esc } from '../html.js';
import {
  formError,
  openPage,
  storedTime,
  type PageScope,
  type SettingsDeps,
} from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';
import { readLoginName, readName, readNewPassword } from './user-input.js';
import { seeOtherWithNotice } from '../notices.js';

/**
 * Users in the administration: the list, adding a user, and per user their display name,
 * enabling or disabling, and a new password. Disabling or resetting a password ends the
 * user's sessions at once.
 */
export function mountUserPages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    return seeOther(reply, '/k/admin/users');
  });

  app.get('/k/admin/users', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    const notice = deps.notices.take(scope.session.id, request.url);
    return sendAdminPage(reply, scope, {
      title: scope.texts.users,
      section: 'users',
      body: renderUserList(scope, await store.users.list(), notice?.message),
    });
  });

  app.get('/k/admin/users/new', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    return sendNewUserForm(reply, scope, {});
  });

  app.post('/k/admin/users', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    checkFormPost(request, scope.session, deps.sessions);

    const typed = {
      loginName: formField(request, 'loginName'),
      displayName: formField(request, 'displayName'),
      isAdmin: formChecked(request, 'isAdmin'),
    };
    try {
      const loginName = readLoginName(typed.loginName);
      const displayName = typed.displayName.trim() === '' ? loginName : readName(typed.displayName);
      const password = readNewPassword(formField(request, 'password'));
      if (await store.users.findByLoginName(loginName)) throw new KintoneError('KL_AD02');

      await store.users.create(
        {
          loginName,
          displayName,
          passwordHash: await hashPassword(password),
          isAdmin: typed.isAdmin,
          enabled: true,
        },
        storedTime(deps),
      );
      return seeOtherWithNotice(reply, deps.notices, scope.session.id, '/k/admin/users', {
        message: scope.texts.userCreated,
      });
    } catch (error) {
      return sendNewUserForm(reply, scope, typed, formError(error, scope.language));
    }
  });

  app.get('/k/admin/users/:id', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    const user = await findUser(request);
    const notice = deps.notices.take(scope.session.id, request.url);
    return sendUserPage(reply, scope, user, { done: notice?.message });
  });

  const userAction =
    (act: (user: User, request: FormRequest, scope: PageScope) => Promise<string>) =>
    async (request: FormRequest, reply: FastifyReply) => {
      const scope = await openPage(request, reply, deps);
      if (!scope || refuseNonAdmin(reply, scope)) return reply;
      checkFormPost(request, scope.session, deps.sessions);
      const user = await findUser(request);
      try {
        const message = await act(user, request, scope);
        return seeOtherWithNotice(
          reply,
          deps.notices,
          scope.session.id,
          `/k/admin/users/${user.id}`,
          { message },
        );
      } catch (error) {
        return sendUserPage(reply, scope, user, { error: formError(error, scope.language) });
      }
    };

  app.post(
    '/k/admin/users/:id/name',
    userAction(async (user, request, scope) => {
      await store.users.setDisplayName(user.id, readName(formField(request, 'displayName')));
      return scope.texts.saved;
    }),
  );

  app.post(
    '/k/admin/users/:id/admin',
    userAction(async (user, request, scope) => {
      const isAdmin = formChecked(request, 'isAdmin');
      if (!isAdmin && user.id === scope.session.user.id) throw new KintoneError('KL_AD10');
      await store.users.setAdmin(user.id, isAdmin);
      return scope.texts.saved;
    }),
  );

  app.post(
    '/k/admin/users/:id/enabled',
    userAction(async (user, request, scope) => {
      const enable = formField(request, 'enabled') === '1';
      if (!enable && user.id === scope.session.user.id) throw new KintoneError('KL_AD09');
      await store.users.setEnabled(user.id, enable);
      // The session check already refuses a disabled user; removing the rows also ends them
      // for good if the user is enabled again.
      if (!enable) await store.sessions.deleteForUser(user.id);
      return enable ? scope.texts.userEnabled : scope.texts.userDisabled;
    }),
  );

  app.post(
    '/k/admin/users/:id/password',
    userAction(async (user, request, scope) => {
      const password = readNewPassword(formField(request, 'password'));
      await store.users.setPasswordHash(user.id, await hashPassword(password));
      // Whoever held the old password may hold a session too.
      const own = user.id === scope.session.user.id ? scope.session.id : null;
      await store.sessions.deleteForUser(user.id, own);
      return scope.texts.passwordReset;
    }),
  );

  async function findUser(request: FormRequest): Promise<User> {
    const id = readPositiveId(request.params.id);
    const user = id === undefined ? undefined : await store.users.findById(id);
    if (!user) throw new KintoneError('KL_UR01');
    return user;
  }
}

function renderUserList(scope: PageScope, users: readonly User[], done?: string): string {
  const { texts } = scope;
  const rows = users
    .map(
      (u) => `<tr>
  <td><a href="/k/admin/users/${u.id}">${esc(u.loginName)}</a></td>
  <td>${esc(u.displayName)}</td>
  <td>${u.isAdmin ? esc(texts.yes) : ''}</td>
  <td>${esc(u.enabled ? texts.active : texts.disabled)}</td>
</tr>`,
    )
    .join('\n');
  return `<section class="kl-card">
  <div class="kl-card-head">
    <h1 class="kl-title">${esc(texts.users)}</h1>
    <a class="kl-button" href="/k/admin/users/new">${esc(texts.addUser)}</a>
  </div>
  ${messageBox(done, 'done')}
  <table class="kl-table">
    <thead><tr><th scope="col">${esc(texts.loginName)}</th><th scope="col">${esc(texts.displayName)}</th>
      <th scope="col">${esc(texts.administrator)}</th><th scope="col">${esc(texts.status)}</th></tr></thead>
    <tbody>${rows}</tbody>
  </table>
</section>`;
}

function sendNewUserForm(
  reply: FastifyReply,
  scope: PageScope,
  typed: { loginName?: string; displayName?: string; isAdmin?: boolean },
  error?: string,
): FastifyReply {
  const { texts } = scope;
  const form = postForm({
    action: '/k/admin/users',
    requestToken: scope.session.requestToken,
    inner: [
      textInput({
        name: 'loginName',
        label: texts.loginName,
        value: typed.loginName ?? '',
        required: true,
        autocomplete: 'off',
      }),
      textInput({ name: 'displayName', label: texts.displayName, value: typed.displayName ?? '' }),
      textInput({
        name: 'password',
        label: texts.initialPassword,
        type: 'password',
        required: true,
        autocomplete: 'new-password',
      }),
      checkbox({
        name: 'isAdmin',
        label: texts.makeAdministrator,
        checked: typed.isAdmin ?? false,
      }),
      `<div class="kl-form-actions">${submitButton(texts.addUser)}
        <a class="kl-button kl-button-quiet" href="/k/admin/users">${esc(texts.cancel)}</a></div>`,
    ].join('\n'),
  });
  return sendAdminPage(reply, scope, {
    title: texts.addUser,
    section: 'users',
    body: `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.addUser)}</h1>
  ${messageBox(error, 'error')}
  ${form}
</section>`,
    ...(error ? { status: 400 } : {}),
  });
}

function sendUserPage(
  reply: FastifyReply,
  scope: PageScope,
  user: User,
  messages: { done?: string | undefined; error?: string },
): FastifyReply {
  const { texts } = scope;
  const token = scope.session.requestToken;
  const base = `/k/admin/users/${user.id}`;
  const nameForm = postForm({
    action: `${base}/name`,
    requestToken: token,
    label: texts.displayName,
    inner: `${textInput({ name: 'displayName', label: texts.displayName, value: user.displayName, required: true })}
<div class="kl-form-actions">${submitButton(texts.save)}</div>`,
  });
  const adminForm = postForm({
    action: `${base}/admin`,
    requestToken: token,
    label: texts.administrator,
    inner: `${checkbox({ name: 'isAdmin', label: texts.makeAdministrator, checked: user.isAdmin })}
<div class="kl-form-actions">${submitButton(texts.save)}</div>`,
  });
  const statusForm = postForm({
    action: `${base}/enabled`,
    requestToken: token,
    label: texts.status,
    inner: `<p>${esc(texts.status)}: <strong>${esc(user.enabled ? texts.active : texts.disabled)}</strong></p>
<input type="hidden" name="enabled" value="${user.enabled ? '0' : '1'}">
<div class="kl-form-actions">${submitButton(user.enabled ? texts.disableUser : texts.enableUser, user.enabled ? 'danger' : 'primary')}</div>`,
  });
  const passwordForm = postForm({
    action: `${base}/password`,
    requestToken: token,
    label: texts.resetPassword,
    inner: `${textInput({ name: 'password', label: texts.newPassword, type: 'password', required: true, autocomplete: 'new-password', id: 'reset-password' })}
<div class="kl-form-actions">${submitButton(texts.resetPassword)}</div>`,
  });
  return sendAdminPage(reply, scope, {
    title: user.loginName,
    section: 'users',
    status: messages.error ? 400 : 200,
    body: `<section class="kl-card">
  <h1 class="kl-title">${esc(user.loginName)}</h1>
  ${messageBox(messages.done, 'done')}${messageBox(messages.error, 'error')}
  ${nameForm}
  <h2 class="kl-subtitle">${esc(texts.administrator)}</h2>
  ${adminForm}
  <h2 class="kl-subtitle">${esc(texts.status)}</h2>
  ${statusForm}
  <h2 class="kl-subtitle">${esc(texts.resetPassword)}</h2>
  ${passwordForm}
  <p><a href="/k/admin/users">${esc(texts.backToUsers)}</a></p>
</section>`,
  });
}
