import type { FastifyInstance, FastifyReply } from 'fastify';
import { KintoneError } from '../../errors/kintone-error.js';
import {
  ClientRegistrationError,
  editClient,
  registerClient,
  removeClient,
  rotateClientSecret,
  splitLogins,
} from '../../oauth/client-registry.js';
import type { OAuthAudit } from '../../oauth/oauth-audit.js';
import { checkFormPost, formChecked, formField, seeOther, type FormRequest } from '../forms.js';
import { fillText, oauthTextsFor } from '../oauth-texts.js';
import { openPage, type PageScope, type SettingsDeps } from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';
import { ADMIN_OAUTH_PATH, renderClientsPage, type ClientsOutcome } from './oauth-clients-views.js';

type Deps = SettingsDeps & { oauthAudit: OAuthAudit };

/**
 * OAuth clients in the administration, for administrators only: register, list, edit, re-key
 * and remove them, as the CLI does. A new or rotated secret is shown once, on the page
 * answering the form, and never again: these posts answer with the page rather than a
 * redirect, so the secret is in no URL and in no store.
 */
export function mountOAuthClientPages(app: FastifyInstance, deps: Deps): void {
  const { store } = deps;

  app.get(ADMIN_OAUTH_PATH, async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;
    return showPage(reply, scope, {});
  });

  /** A form of this page: administrators only, with the request token. */
  const clientAction =
    (act: (request: FormRequest, reply: FastifyReply, scope: PageScope) => Promise<FastifyReply>) =>
    async (request: FormRequest, reply: FastifyReply) => {
      const scope = await openPage(request, reply, deps);
      if (!scope || refuseNonAdmin(reply, scope)) return reply;
      checkFormPost(request, scope.session, deps.sessions);
      return act(request, reply, scope);
    };

  app.post(
    `${ADMIN_OAUTH_PATH}/add`,
    clientAction(async (request, reply, scope) => {
      const typed = {
        name: formField(request, 'name'),
        redirectUri: formField(request, 'redirect_uri'),
        users: formField(request, 'users'),
        requirePkce: formChecked(request, 'require_pkce'),
      };
      try {
        const created = await registerClient(
          store,
          {
            name: typed.name,
            redirectUri: typed.redirectUri,
            allowedLogins: splitLogins(typed.users),
            requirePkce: typed.requirePkce,
          },
          // To the millisecond, as the CLI writes it: clients are listed in creation order.
          deps.now().toISOString(),
        );
        const texts = oauthTextsFor(scope.language);
        return showPage(reply, scope, {
          done: fillText(texts.adminAdded, { client: created.clientId }),
          secret: created,
        });
      } catch (error) {
        if (!(error instanceof ClientRegistrationError)) throw error;
        return showPage(reply, scope, { error: error.message, typed }, 400);
      }
    }),
  );

  app.post(
    `${ADMIN_OAUTH_PATH}/edit`,
    clientAction(async (request, reply, scope) => {
      const clientId = formField(request, 'client_id');
      try {
        const edited = await editClient(store, clientId, {
          name: formField(request, 'name'),
          redirectUri: formField(request, 'redirect_uri'),
        });
        if (!edited) throw new KintoneError('KL_UR01');
      } catch (error) {
        if (!(error instanceof ClientRegistrationError)) throw error;
        return showPage(reply, scope, { error: error.message }, 400);
      }
      const texts = oauthTextsFor(scope.language);
      return showPage(reply, scope, { done: fillText(texts.adminEdited, { client: clientId }) });
    }),
  );

  app.post(
    `${ADMIN_OAUTH_PATH}/rotate`,
    clientAction(async (request, reply, scope) => {
      const clientId = formField(request, 'client_id');
      const clientSecret = await rotateClientSecret(store, clientId, {
        audit: deps.oauthAudit,
        address: request.ip,
      });
      if (clientSecret === null) throw new KintoneError('KL_UR01');
      const texts = oauthTextsFor(scope.language);
      return showPage(reply, scope, {
        done: fillText(texts.adminRotated, { client: clientId }),
        secret: { clientId, clientSecret },
      });
    }),
  );

  app.post(
    `${ADMIN_OAUTH_PATH}/remove`,
    clientAction(async (request, reply) => {
      await removeClient(store, formField(request, 'client_id'), {
        audit: deps.oauthAudit,
        address: request.ip,
      });
      return seeOther(reply, ADMIN_OAUTH_PATH);
    }),
  );

  /**
   * The page in the administration frame. Registration mistakes (`error`) come from the
   * registry, in English. The frame keeps the same-origin referrer policy on purpose: with
   * none, Chromium posts the page's forms with `Origin: null`, which the CSRF check refuses.
   */
  async function showPage(
    reply: FastifyReply,
    scope: PageScope,
    outcome: ClientsOutcome,
    status = 200,
  ): Promise<FastifyReply> {
    const texts = oauthTextsFor(scope.language);
    const clients = await store.oauthClients.list();
    return sendAdminPage(reply, scope, {
      title: texts.adminTitle,
      section: 'oauth',
      body: renderClientsPage(texts, scope.session.requestToken, clients, outcome),
      status,
    });
  }
}
