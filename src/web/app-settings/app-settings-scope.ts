import type { FastifyReply } from 'fastify';
import type { ApiCall } from '../../api/endpoint.js';
import { userRightsIn } from '../../auth/app-permissions.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { ApiParams } from '../../http/params.js';
import { appForPage, appPath, type ReachableApp } from '../app-access.js';
import { readPositiveId, type FormRequest } from '../forms.js';
import { esc } from '../html.js';
import type { Crumb } from '../layout.js';
import {
  openPage,
  sendRefusal,
  sendSettingsPage,
  type PageScope,
  type SettingsDeps,
} from '../settings-page.js';

/** A settings page of one app, opened by a user allowed to manage it. */
export interface AppSettingsScope extends PageScope {
  reachable: ReachableApp;
}

/**
 * The app a settings page names (`?app=`), for users with the "manage app" right in it. A
 * user who may not open the app or not manage it gets the refusal page; null means the answer
 * was already sent.
 */
export async function openAppSettings(
  request: FormRequest,
  reply: FastifyReply,
  deps: SettingsDeps,
): Promise<AppSettingsScope | null> {
  const scope = await openPage(request, reply, deps);
  if (!scope) return null;

  const appId = readPositiveId(request.query.app);
  if (appId === undefined) throw new KintoneError('KL_UR01');
  const app = await deps.store.apps.find(appId);
  if (!app) throw new KintoneError('GAIA_AP01', { app: appId });

  const space = app.spaceId === null ? undefined : await deps.store.spaces.find(app.spaceId);
  let reachable: ReachableApp;
  try {
    reachable = await appForPage(
      deps.store,
      scope.session.user,
      String(appId),
      space?.isGuest ? space.id : null,
    );
  } catch (error) {
    if (error instanceof KintoneError && error.code === 'CB_NO02') {
      sendRefusal(reply, scope);
      return null;
    }
    throw error;
  }
  if (!(await userRightsIn(deps.store, app, scope.session.user)).appEditable) {
    sendRefusal(reply, scope);
    return null;
  }
  return { ...scope, reachable };
}

/**
 * A change made on an app's settings page as the REST API call that makes it: the signed-in
 * user by session, in the app's guest space if it has one, so the API's own code decides.
 */
export function sessionCallFor(
  scope: AppSettingsScope,
  deps: SettingsDeps,
  params: ApiParams = {},
): ApiCall {
  const space = scope.reachable.space;
  return {
    params,
    principal: {
      kind: 'user',
      method: 'session',
      user: scope.session.user,
      session: scope.session,
    },
    guestSpaceId: space?.isGuest ? space.id : null,
    language: scope.language,
    services: { store: deps.store, config: deps.config, now: deps.now },
  };
}

/** The settings pages of one app, as a menu beside the content. */
const APP_SETTINGS_MENU = [
  { id: 'flow', path: '/k/admin/app/flow', label: 'appSettings' },
  { id: 'apitoken', path: '/k/admin/app/apitoken', label: 'apiToken' },
  { id: 'permission', path: '/k/admin/app/permission', label: 'appPermissions' },
  { id: 'customize', path: '/k/admin/app/customize', label: 'customization' },
] as const;

export type AppSettingsPageId = (typeof APP_SETTINGS_MENU)[number]['id'];

/** The URL of one of an app's settings pages. */
export function appSettingsPath(page: AppSettingsPageId, appId: number): string {
  const entry = APP_SETTINGS_MENU.find((e) => e.id === page)!;
  return `${entry.path}?app=${appId}`;
}

export function sendAppSettingsPage(
  reply: FastifyReply,
  scope: AppSettingsScope,
  page: { page: AppSettingsPageId; title: string; body: string; status?: number },
): FastifyReply {
  const { texts, reachable } = scope;
  const appId = reachable.app.id;
  const menu = APP_SETTINGS_MENU.map((entry) => {
    const current = entry.id === page.page ? ' aria-current="page"' : '';
    const href = esc(appSettingsPath(entry.id, appId));
    return `<li><a href="${href}"${current}>${esc(texts[entry.label])}</a></li>`;
  }).join('');
  const crumbs: Crumb[] = [];
  if (reachable.space) crumbs.push({ label: reachable.space.name });
  crumbs.push({ label: reachable.app.name, href: appPath(reachable) });
  crumbs.push({ label: texts.appSettings, href: appSettingsPath('flow', appId) });
  if (page.page !== 'flow') crumbs.push({ label: page.title });

  return sendSettingsPage(reply, scope, {
    title: `${page.title} - ${reachable.app.name}`,
    crumbs,
    ...(page.status ? { status: page.status } : {}),
    body: `<div class="kl-settings">
<nav class="kl-settings-menu" aria-label="${esc(texts.appSettings)}"><ul>${menu}</ul></nav>
<div class="kl-settings-content">
${page.body}
</div>
</div>`,
  });
}
