import type { FastifyInstance, FastifyReply } from 'fastify';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP } from '../../auth/app-permissions.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { Group } from '../../store/types.js';
import { messageBox, postForm, submitButton, textInput } from '../form-html.js';
import { checkFormPost, formField, type FormRequest } from '../forms.js';
import { esc, tableHead } from '../html.js';
import { seeOtherWithNotice } from '../notices.js';
import { formError, openPage, type PageScope, type SettingsDeps } from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';
import { mountMembership } from './membership.js';
import { readGroupCode, readName } from './user-input.js';

/**
 * Groups in the administration: the list, adding a group, and each group's members. The
 * built-in groups (Everyone, Administrators) are not stored and not listed: their members
 * follow from the users themselves.
 */
export function mountGroupPages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/groups', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    const notice = deps.notices.take(scope.session.id, request.url);
    return sendGroupList(reply, scope, await store.groups.list(), { done: notice?.message });
  });

  app.post('/k/admin/groups', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    checkFormPost(request, scope.session, deps.sessions);

    const typed = { code: formField(request, 'code'), name: formField(request, 'name') };
    try {
      const code = readGroupCode(typed.code, [EVERYONE_GROUP, ADMINISTRATORS_GROUP]);
      const name = typed.name.trim() === '' ? code : readName(typed.name);
      if (await store.groups.find(code)) throw new KintoneError('KL_AD06');
      await store.groups.create({ code, name }, []);
      return seeOtherWithNotice(
        reply,
        deps.notices,
        scope.session.id,
        `/k/admin/groups/${encodeURIComponent(code)}`,
        { message: scope.texts.groupCreated },
      );
    } catch (error) {
      const message = formError(error, scope.language);
      return sendGroupList(reply, scope, await store.groups.list(), { error: message, typed });
    }
  });

  mountMembership<Group>(app, deps, {
    route: '/k/admin/groups/:code',
    section: 'groups',
    find: findGroup,
    path: groupPath,
    title: (group) => `${group.name} (${group.code})`,
    memberIds: (group) => store.groups.memberIds(group.code),
    add: (group, userId) => store.groups.addMember(group.code, userId),
    remove: (group, userId) => store.groups.removeMember(group.code, userId),
  });

  async function findGroup(request: FormRequest): Promise<Group> {
    const group = await store.groups.find(request.params.code ?? '');
    if (!group) throw new KintoneError('KL_UR01');
    return group;
  }
}

function groupPath(group: Group): string {
  return `/k/admin/groups/${encodeURIComponent(group.code)}`;
}

function sendGroupList(
  reply: FastifyReply,
  scope: PageScope,
  groups: readonly Group[],
  state: { done?: string | undefined; error?: string; typed?: { code: string; name: string } },
): FastifyReply {
  const { texts } = scope;
  const rows = groups
    .map(
      (g) =>
        `<tr><td><a href="${esc(groupPath(g))}">${esc(g.code)}</a></td>
<td>${esc(g.name)}</td></tr>`,
    )
    .join('\n');
  const form = postForm({
    action: '/k/admin/groups',
    requestToken: scope.session.requestToken,
    label: texts.addGroup,
    inner: `${textInput({
      name: 'code',
      label: texts.groupCode,
      value: state.typed?.code ?? '',
      required: true,
    })}
${textInput({ name: 'name', label: texts.groupName, value: state.typed?.name ?? '' })}
<div class="kl-form-actions">${submitButton(texts.addGroup)}</div>`,
  });
  return sendAdminPage(reply, scope, {
    title: texts.groups,
    section: 'groups',
    status: state.error ? 400 : 200,
    body: `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.groups)}</h1>
  ${messageBox(state.done, 'done')}
  <p class="kl-help">${esc(texts.builtInGroups)}</p>
  ${
    rows === ''
      ? `<p class="kl-empty">${esc(texts.noGroups)}</p>`
      : `<table class="kl-table">${tableHead([texts.groupCode, texts.groupName])}
    <tbody>${rows}</tbody></table>`
  }
  <h2 class="kl-subtitle">${esc(texts.addGroup)}</h2>
  ${messageBox(state.error, 'error')}
  ${form}
</section>`,
  });
}
