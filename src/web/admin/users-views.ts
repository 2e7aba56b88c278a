import type { FastifyReply } from 'fastify';
import type { User } from '../../store/types.js';
import { checkbox, messageBox, postForm, submitButton, textInput } from '../form-html.js';
import { esc, tableHead } from '../html.js';
import type { PageScope } from '../settings-page.js';
import { sendAdminPage } from './admin-frame.js';

/* The users pages' HTML: the list, the form adding a user, and one user's forms. */

export function renderUserList(scope: PageScope, users: readonly User[], done?: string): string {
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
    ${tableHead([texts.loginName, texts.displayName, texts.administrator, texts.status])}
    <tbody>${rows}</tbody>
  </table>
</section>`;
}

export function sendNewUserForm(
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

export function sendUserPage(
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
    inner: `${textInput({
      name: 'displayName',
      label: texts.displayName,
      value: user.displayName,
      required: true,
    })}
<div class="kl-form-actions">${submitButton(texts.save)}</div>`,
  });
  const adminForm = postForm({
    action: `${base}/admin`,
    requestToken: token,
    label: texts.administrator,
    inner: `${checkbox({ name: 'isAdmin', label: texts.makeAdministrator, checked: user.isAdmin })}
<div class="kl-form-actions">${submitButton(texts.save)}</div>`,
  });
  const status = user.enabled ? texts.active : texts.disabled;
  const toggle = user.enabled
    ? submitButton(texts.disableUser, 'danger')
    : submitButton(texts.enableUser, 'primary');
  const statusForm = postForm({
    action: `${base}/enabled`,
    requestToken: token,
    label: texts.status,
    inner: `<p>${esc(texts.status)}: <strong>${esc(status)}</strong></p>
<input type="hidden" name="enabled" value="${user.enabled ? '0' : '1'}">
<div class="kl-form-actions">${toggle}</div>`,
  });
  const passwordForm = postForm({
    action: `${base}/password`,
    requestToken: token,
    label: texts.resetPassword,
    inner: `${textInput({
      name: 'password',
      label: texts.newPassword,
      type: 'password',
      required: true,
      autocomplete: 'new-password',
      id: 'reset-password',
    })}
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
