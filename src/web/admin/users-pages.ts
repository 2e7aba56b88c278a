import type { FastifyInstance, FastifyReply } from 'fastify';
import { hashPassword } from '../../auth/password-hash.js';
import { KintoneError } from '../../errors/kintone-error.js';
import { changePassword, setUserEnabled } from '../account-changes.js';
import type { User } from '../../store/types.js';
import {
  checkFormPost,
  formChecked,
  formField,
  readPositiveId,
  seeOther,
  type FormRequest,
} from '../forms.js';
import { seeOtherWithNotice } from '../notices.js';
import {
  formError,
  openPage,
  storedTime,
  type PageScope,
  type SettingsDeps,
} from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';
import { renderUserList, sendNewUserForm, sendUserPage } from './users-views.js';
import { readLoginName, readName, readNewPassword } from './user-input.js';

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
      await setUserEnabled(deps, user, enable, request.ip);
      return enable ? scope.texts.userEnabled : scope.texts.userDisabled;
    }),
  );

  app.post(
    '/k/admin/users/:id/password',
    userAction(async (user, request, scope) => {
      const password = readNewPassword(formField(request, 'password'));
      // Whoever held the old password may hold a session or an OAuth grant too.
      const own = user.id === scope.session.user.id ? scope.session.id : null;
      await changePassword(deps, user, password, { keepSessionId: own, client: request.ip });
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
