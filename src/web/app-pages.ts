import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { userRightsIn } from '../auth/app-permissions.js';
import type { SessionManager } from '../auth/session.js';
import type { Config } from '../config/config.js';
import type { Language } from '../errors/kintone-error.js';
import { KintoneError } from '../errors/kintone-error.js';
import { requestLanguage } from '../http/caller-language.js';
import type { SessionCookie } from '../http/session-cookie.js';
import type { Store } from '../store/store.js';
import type { AppCustomize } from '../store/customizations.js';
import { appForPage, appPath, reachableApps, type ReachableApp } from './app-access.js';
import { esc, originOf, sendPage } from './html.js';
import { renderLayout, type Crumb } from './layout.js';
import { loginUserOf, sessionForPage } from './page-session.js';
import { headerLinks } from './settings-page.js';
import { settingsTextsFor } from './settings-texts.js';
import { textsFor } from './texts.js';

type PageRequest = FastifyRequest<{
  Params: { appId?: string; spaceId?: string; kind?: string; position?: string };
}>;

/**
 * The pages a customization lives in: the portal (`/k/`), an app's record list (`/k/{app}/`)
 * and record page (`/k/{app}/show#record={id}`), and the same two under a guest space. The
 * server sends the frame and the page context; `kintone.js` fills in records through
 * `kintone.api`, so pages see exactly what the API lets the user see.
 */
export function mountAppPages(
  app: FastifyInstance,
  deps: { store: Store; config: Config; sessions: SessionManager; cookie: SessionCookie },
): void {
  const { store, config } = deps;

  app.get('/k/', async (request: PageRequest, reply) => {
    const session = await sessionForPage(request, reply, deps);
    if (!session) return reply;
    request.callerLanguage = session.user.language;
    const language = requestLanguage(request, config.language);
    const texts = textsFor(language);
    const apps = await reachableApps(store, session.user);
    const html = renderLayout({
      language,
      title: texts.portal,
      userName: session.user.displayName,
      requestToken: session.requestToken,
      crumbs: [{ label: texts.portal }],
      links: headerLinks(session.user, language),
      context: {
        page: 'portal',
        loginUser: loginUserOf(session, language),
        requestToken: session.requestToken,
      },
      scripts: ['/k/static/kintone.js'],
      body: renderPortal(apps, language),
    });
    return sendPage(reply, html);
  });

  const appPage =
    (page: 'index' | 'detail') => async (request: PageRequest, reply: FastifyReply) => {
      const session = await sessionForPage(request, reply, deps);
      if (!session) return reply;
      const guestSpaceId =
        request.params.spaceId === undefined ? null : readId(request.params.spaceId);
      const reachable = await appForPage(
        store,
        session.user,
        request.params.appId ?? '',
        guestSpaceId,
      );
      const customize = await store.customize.forApp(reachable.app.id);
      const canManage = (await userRightsIn(store, reachable.app, session.user)).appEditable;
      request.callerLanguage = session.user.language;
      const language = requestLanguage(request, config.language);
      const texts = textsFor(language);

      const crumbs: Crumb[] = [{ label: texts.portal, href: '/k/' }];
      if (reachable.space) crumbs.push({ label: reachable.space.name });
      crumbs.push({ label: reachable.app.name, href: appPath(reachable) });

      const links = customizeLinks(reachable.app.id, customize);
      const html = renderLayout({
        language,
        title: reachable.app.name,
        userName: session.user.displayName,
        requestToken: session.requestToken,
        crumbs,
        links: headerLinks(session.user, language),
        context: {
          page,
          appId: reachable.app.id,
          appName: reachable.app.name,
          guestSpaceId,
          loginUser: loginUserOf(session, language),
          requestToken: session.requestToken,
          texts: { loading: texts.loading, records: texts.records },
        },
        scripts: ['/k/static/kintone.js', ...links.js],
        styles: links.css,
        body: renderAppBody(reachable, page, language, canManage),
      });
      return sendPage(reply, html, { scripts: links.jsOrigins, styles: links.cssOrigins });
    };

  app.get('/k/:appId/', appPage('index'));
  app.get('/k/:appId/show', appPage('detail'));
  app.get('/k/guest/:spaceId/:appId/', appPage('index'));
  app.get('/k/guest/:spaceId/:appId/show', appPage('detail'));

  // FILE customizations, served to whoever may open the app's pages.
  app.get('/k/customize/:appId/:kind/:position/*', async (request: PageRequest, reply) => {
    const session = await deps.sessions.validate(deps.cookie.read(request));
    if (!session) throw new KintoneError('CB_AU01');
    const appId = request.params.appId ?? '';
    const found = await store.apps.find(readId(appId));
    const guestSpaceId = found?.spaceId != null ? await guestSpaceOf(store, found.spaceId) : null;
    const reachable = await appForPage(store, session.user, appId, guestSpaceId);

    const kind = request.params.kind === 'css' ? 'css' : 'js';
    const entry = (await store.customize.forApp(reachable.app.id))[kind][
      Number(request.params.position)
    ];
    if (!entry || entry.type !== 'FILE') throw new KintoneError('KL_UR01');
    return reply
      .header(
        'content-type',
        kind === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .send(entry.content);
  });
}

async function guestSpaceOf(store: Store, spaceId: number): Promise<number | null> {
  const space = await store.spaces.find(spaceId);
  return space?.isGuest ? space.id : null;
}

function readId(raw: string): number {
  if (!/^[1-9]\d{0,15}$/.test(raw)) throw new KintoneError('KL_UR01');
  return Number(raw);
}

/** Script and style URLs of an app's customization, in order, and their origins for the CSP. */
function customizeLinks(appId: number, customize: AppCustomize) {
  const urls = (kind: 'js' | 'css') =>
    customize[kind].map((entry, i) =>
      entry.type === 'URL'
        ? entry.url
        : `/k/customize/${appId}/${kind}/${i}/${encodeURIComponent(entry.fileName)}`,
    );
  const origins = (list: string[]) => [
    ...new Set(list.map(originOf).filter((o): o is string => o !== null)),
  ];
  const js = urls('js');
  const css = urls('css');
  return { js, css, jsOrigins: origins(js), cssOrigins: origins(css) };
}

function renderPortal(apps: readonly ReachableApp[], language: Language): string {
  const texts = textsFor(language);
  const cards = apps
    .map((reachable) => {
      const spaceKind = reachable.space?.isGuest ? texts.guestSpace : texts.space;
      const where = reachable.space
        ? `<span class="kl-tag">${esc(spaceKind)}: ${esc(reachable.space.name)}</span>`
        : '';
      return `<li><a class="kl-app-card" href="${esc(appPath(reachable))}">
  <span class="kl-app-icon" aria-hidden="true">${esc(reachable.app.name.slice(0, 1))}</span>
  <span class="kl-app-text">
    <span class="kl-app-name">${esc(reachable.app.name)}</span>${where}
  </span>
</a></li>`;
    })
    .join('\n');
  const list =
    apps.length === 0
      ? `<p class="kl-empty">${esc(texts.noApps)}</p>`
      : `<ul class="kl-app-grid">${cards}</ul>`;
  return `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.apps)}</h1>
  ${list}
</section>`;
}

function renderAppBody(
  reachable: ReachableApp,
  page: 'index' | 'detail',
  language: Language,
  canManage: boolean,
) {
  const texts = textsFor(language);
  const settingsLabel = esc(settingsTextsFor(language).appSettings);
  const settings = canManage
    ? `<a class="kl-button kl-button-quiet kl-app-settings"
  href="/k/admin/app/flow?app=${reachable.app.id}">${settingsLabel}</a>`
    : '';
  const target = page === 'index' ? 'kl-record-list' : 'kl-record-detail';
  return `<section class="kl-app-head">
  <h1 class="kl-title">${esc(reachable.app.name)}</h1>
  ${settings}
  <div id="kl-header-menu-space" class="kl-header-menu-space"></div>
</section>
<div id="kl-header-space"></div>
<section class="kl-card">
  <div id="${target}" class="kl-loading">${esc(texts.loading)}</div>
</section>`;
}
