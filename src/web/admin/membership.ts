import type { User } from '../../store/types.js';
import { messageBox, postForm, submitButton } from '../form-html.js';
import { esc } from '../html.js';
import type { PageScope } from '../settings-page.js';

/**
 * The members part of a group's or a space's page: each member with a button removing them,
 * and a list of the other users to add one. Both forms post to `{base}/members`.
 */
export function renderMembership(
  scope: PageScope,
  options: {
    title: string;
    base: string;
    memberIds: readonly number[];
    users: readonly User[];
    done?: string | undefined;
  },
): string {
  const { texts } = scope;
  const members = new Set(options.memberIds);
  const rows = options.users
    .filter((u) => members.has(u.id))
    .map((u) => {
      const remove = postForm({
        action: `${options.base}/members/remove`,
        requestToken: scope.session.requestToken,
        className: 'kl-inline-form',
        inner: `<input type="hidden" name="userId" value="${u.id}">
${submitButton(`${texts.remove}: ${u.loginName}`, 'danger')}`,
      });
      return `<tr><td>${esc(u.loginName)}</td><td>${esc(u.displayName)}</td><td>${remove}</td></tr>`;
    })
    .join('\n');
  const others = options.users.filter((u) => !members.has(u.id));
  const add =
    others.length === 0
      ? ''
      : postForm({
          action: `${options.base}/members`,
          requestToken: scope.session.requestToken,
          label: texts.addMember,
          inner: `<div class="kl-form-row">
  <label for="member-user">${esc(texts.user)}</label>
  <select class="kl-input" id="member-user" name="userId">${others
    .map((u) => `<option value="${u.id}">${esc(u.loginName)} (${esc(u.displayName)})</option>`)
    .join('')}</select>
</div>
<div class="kl-form-actions">${submitButton(texts.addMember)}</div>`,
        });
  const table =
    rows === ''
      ? `<p class="kl-empty">${esc(texts.noMembers)}</p>`
      : `<table class="kl-table">
    <thead><tr><th scope="col">${esc(texts.loginName)}</th><th scope="col">${esc(texts.displayName)}</th>
      <th scope="col"><span class="kl-hidden">${esc(texts.remove)}</span></th></tr></thead>
    <tbody>${rows}</tbody>
  </table>`;
  return `<section class="kl-card">
  <h1 class="kl-title">${esc(options.title)}</h1>
  ${messageBox(options.done, 'done')}
  <h2 class="kl-subtitle">${esc(texts.members)}</h2>
  ${table}
  ${add}
</section>`;
}
