import type { FastifyInstance, FastifyReply } from 'fastify';
import { KintoneError } from '../../errors/kintone-error.js';
import type { Space } from '../../store/types.js';
import { checkFormPost, formField, readPositiveId, seeOther, type FormRequest } from '../forms.js';
import { esc } from '../html.js';
import { openPage, type SettingsDeps } from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';
import { renderMembership } from './membership.js';

/**
 * Spaces in the administration: the list and each space's members. Membership decides who
 * reaches the space's apps, through the pages and the API alike.
 */
export function mountSpacePages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/spaces', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    const { texts } = scope;
    const rows = (await store.spaces.list())
      .map(
        (s) => `<tr><td>${s.id}</td><td><a href="/k/admin/spaces/${s.id}">${esc(s.name)}</a></td>
  <td>${esc(s.isGuest ? texts.guestSpace : texts.space)}</td></tr>`,
      )
      .join('\n');
    return sendAdminPage(reply, scope, {
      title: texts.spaces,
      section: 'spaces',
      body: `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.spaces)}</h1>
  ${
    rows === ''
      ? `<p class="kl-empty">${esc(texts.noSpaces)}</p>`
      : `<table class="kl-table"><thead><tr><th scope="col">ID</th><th scope="col">${esc(texts.spaceName)}</th>
    <th scope="col">${esc(texts.kind)}</th></tr></thead><tbody>${rows}</tbody></table>`
  }
</section>`,
    });
  });

  app.get('/k/admin/spaces/:id', async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    const space = await findSpace(request);
    const notice = deps.notices.take(scope.session.id);
    return sendAdminPage(reply, scope, {
      title: space.name,
      section: 'spaces',
      body: renderMembership(scope, {
        title: space.name,
        base: `/k/admin/spaces/${space.id}`,
        memberIds: await store.spaces.memberIds(space.id),
        users: await store.users.list(),
        done: notice?.message,
      }),
    });
  });

  const memberAction =
    (
      act: (space: Space, userId: number) => Promise<void>,
      message: 'memberAdded' | 'memberRemoved',
    ) =>
    async (request: FormRequest, reply: FastifyReply) => {
      const scope = await openPage(request, reply, deps);
      if (!scope || refuseNonAdmin(reply, scope)) return reply;
      checkFormPost(request, scope.session, deps.sessions);
      const space = await findSpace(request);
      const userId = readPositiveId(formField(request, 'userId'));
      if (userId === undefined || !(await store.users.findById(userId))) {
        throw new KintoneError('CB_VA01');
      }
      await act(space, userId);
      deps.notices.put(scope.session.id, { message: scope.texts[message] });
      return seeOther(reply, `/k/admin/spaces/${space.id}`);
    };

  app.post(
    '/k/admin/spaces/:id/members',
    memberAction((s, id) => store.spaces.addMember(s.id, id), 'memberAdded'),
  );
  app.post(
    '/k/admin/spaces/:id/members/remove',
    memberAction((s, id) => store.spaces.removeMember(s.id, id), 'memberRemoved'),
  );

  async function findSpace(request: FormRequest): Promise<Space> {
    const id = readPositiveId(request.params.id);
    const space = id === undefined ? undefined : await store.spaces.find(id);
    if (!space) throw new KintoneError('KL_UR01');
    return space;
  }
}
