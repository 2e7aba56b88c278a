import type { FastifyInstance } from 'fastify';
import { KintoneError } from '../../errors/kintone-error.js';
import type { Space } from '../../store/types.js';
import { readPositiveId, type FormRequest } from '../forms.js';
import { esc, tableHead } from '../html.js';
import { openPage, type SettingsDeps } from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';
import { mountMembership } from './membership.js';

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
      : `<table class="kl-table">${tableHead(['ID', texts.spaceName, texts.kind])}
    <tbody>${rows}</tbody></table>`
  }
</section>`,
    });
  });

  mountMembership<Space>(app, deps, {
    route: '/k/admin/spaces/:id',
    section: 'spaces',
    find: findSpace,
    path: (space) => `/k/admin/spaces/${space.id}`,
    title: (space) => space.name,
    memberIds: (space) => store.spaces.memberIds(space.id),
    add: (space, userId) => store.spaces.addMember(space.id, userId),
    remove: (space, userId) => store.spaces.removeMember(space.id, userId),
  });

  async function findSpace(request: FormRequest): Promise<Space> {
    const id = readPositiveId(request.params.id);
    const space = id === undefined ? undefined : await store.spaces.find(id);
    if (!space) throw new KintoneError('KL_UR01');
    return space;
  }
}
