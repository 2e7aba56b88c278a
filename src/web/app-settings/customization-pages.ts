import type { FastifyInstance } from 'fastify';
import type { FormRequest } from '../forms.js';
import { esc } from '../html.js';
import type { SettingsDeps } from '../settings-page.js';
import { openAppSettings, sendAppSettingsPage } from './app-settings-scope.js';

/** The JavaScript and CSS files and URLs the app's pages load, in order. */
export function mountCustomizationPages(app: FastifyInstance, deps: SettingsDeps): void {
  const { store } = deps;

  app.get('/k/admin/app/customize', async (request: FormRequest, reply) => {
    const scope = await openAppSettings(request, reply, deps);
    if (!scope) return reply;
    const { texts } = scope;
    const customize = await store.customize.forApp(scope.reachable.app.id);
    const list = (kind: 'js' | 'css') => {
      const entries = customize[kind];
      if (entries.length === 0) return `<p class="kl-empty">${esc(texts.noFiles)}</p>`;
      return `<ol class="kl-file-list">${entries
        .map((e) =>
          e.type === 'URL'
            ? `<li><span class="kl-tag">URL</span> ${esc(e.url)}</li>`
            : `<li><span class="kl-tag">${esc(texts.file)}</span> ${esc(e.fileName)}</li>`,
        )
        .join('')}</ol>`;
    };
    return sendAppSettingsPage(reply, scope, {
      page: 'customize',
      title: texts.customization,
      body: `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.customization)}</h1>
  <p class="kl-help">${esc(texts.customizationHelp)}</p>
  <h2 class="kl-subtitle">${esc(texts.javascriptFiles)}</h2>
  ${list('js')}
  <h2 class="kl-subtitle">${esc(texts.cssFiles)}</h2>
  ${list('css')}
</section>`,
    });
  });
}
