import type { FastifyInstance, FastifyReply } from 'fastify';
import { KintoneError } from '../../errors/kintone-error.js';
import type { User } from '../../store/types.js';
import { messageBox, postForm, submitButton } from '../form-html.js';
import { checkFormPost, formField, readPositiveId, type FormRequest } from '../forms.js';
import { esc } from '../html.js';
import { seeOtherWithNotice } from '../notices.js';
import { openPage, type PageScope, type SettingsDeps } from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';

/** Something with members that the administration manages: a group or a space. */
export interface MemberContainer<T> {
  /** The page's route, with the container's key as a path parameter. */
  route: string;
  section: string;
  find(request: FormRequest): Promise<T>;
  path(container: T): string;
  title(container: T): string;
  memberIds(container: T): Promise<number[]>;
  add(container: T, userId: number): Promise<void>;
  remove(container: T, userId: number): Promise<void>;
}

/**
 * A container's members page (`route`) and its two forms (`route/members` adds a user,
 * `route/members/remove` removes one), for administrators only.
 */
export function mountMembership<T>(
  app: FastifyInstance,
  deps: SettingsDeps,
  container: MemberContainer<T>,
): void {
  app.get(container.route, async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    const found = await container.find(request);
    const notice = deps.notices.take(scope.session.id, request.url);
    return sendAdminPage(reply, scope, {
      title: container.title(found),
      section: container.section,
      body: renderMembership(scope, {
        title: container.title(found),
        base: container.path(found),
        memberIds: await container.memberIds(found),
        users: await deps.store.users.list(),
        done: notice?.message,
      }),
    });
  });

  const memberAction =
    (act: 'add' | 'remove') => async (request: FormRequest, reply: FastifyReply) => {
      const scope = await openPage(request, reply, deps);
      if (!scope || refuseNonAdmin(reply, scope)) return reply;
      checkFormPost(request, scope.session, deps.sessions);
      const found = await container.find(request);
      const userId = readPositiveId(formField(request, 'userId'));
      if (userId === undefined || !(await deps.store.users.findById(userId))) {
        throw new KintoneError('CB_VA01');
      }
      await container[act](found, userId);
      const message = act === 'add' ? scope.texts.memberAdded : scope.texts.memberRemoved;
      return seeOtherWithNotice(reply, deps.notices, scope.session.id, container.path(found), {
        message,
      });
    };

  app.post(`${container.route}/members`, memberAction('add'));
  app.post(`${container.route}/members/remove`, memberAction('remove'));
}

/**
 * The members part of a group's or a space's page: each member with a button removing them,
 * and a list of the other users to add one. Both forms post to `{base}/members`.
 */
function renderMembership(
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
      return `<tr><td>${esc(u.loginName)}</td><td>${esc(u.displayName)}</td>
<td>${remove}</td></tr>`;
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
    <thead><tr><th scope="col">${esc(texts.loginName)}</th>
      <th scope="col">${esc(texts.displayName)}</th>
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
