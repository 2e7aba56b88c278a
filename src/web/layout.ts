import type { Language } from '../errors/kintone-error.js';
import { esc, jsonForScript } from './html.js';
import { textsFor } from './texts.js';

export interface Crumb {
  label: string;
  href?: string;
}

export interface LayoutOptions {
  language: Language;
  title: string;
  /** The logged-in user's display name; omitted on the login page. */
  userName?: string;
  requestToken?: string;
  crumbs?: readonly Crumb[];
  /** Links in the header beside the user's name: administration and personal settings. */
  links?: readonly Crumb[];
  /** What `kintone.js` reads as the page context. */
  context?: unknown;
  scripts?: readonly string[];
  styles?: readonly string[];
  body: string;
}

/**
 * The frame every page shares: the header with the product name, where the user is, who is
 * logged in, and a logout form (a POST carrying the request token, never a link).
 */
export function renderLayout(options: LayoutOptions): string {
  const texts = textsFor(options.language);
  const header =
    options.userName === undefined
      ? ''
      : `<header class="kl-header">
  <a class="kl-brand" href="/k/"><span class="kl-logo" aria-hidden="true"></span>kintone-local</a>
  <nav class="kl-crumbs">${(options.crumbs ?? []).map(renderCrumb).join('<span>/</span>')}</nav>
  <div class="kl-user">
    ${renderLinks(options.links ?? [])}
    <span class="kl-user-name">${esc(options.userName)}</span>
    <form method="post" action="/logout" class="kl-logout">
      <input type="hidden" name="__REQUEST_TOKEN__" value="${esc(options.requestToken ?? '')}">
      <button type="submit" class="kl-button kl-button-quiet">${esc(texts.logout)}</button>
    </form>
  </div>
</header>`;
  const context =
    options.context === undefined
      ? ''
      : '<script type="application/json" id="kintone-page-context">' +
        `${jsonForScript(options.context)}</script>\n`;
  const styles = ['/k/static/kintone.css', ...(options.styles ?? [])]
    .map((href) => `<link rel="stylesheet" href="${esc(href)}">`)
    .join('\n');
  const scripts = (options.scripts ?? [])
    .map((src) => `<script src="${esc(src)}"></script>`)
    .join('\n');

  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(options.title)} - kintone-local</title>
${styles}
</head>
<body>
${header}
<main class="kl-main">
${options.body}
</main>
${context}${scripts}
</body>
</html>
`;
}

function renderLinks(links: readonly Crumb[]): string {
  if (links.length === 0) return '';
  return `<nav class="kl-header-links">${links.map(renderCrumb).join('')}</nav>`;
}

function renderCrumb(crumb: Crumb): string {
  return crumb.href === undefined
    ? `<span class="kl-crumb">${esc(crumb.label)}</span>`
    : `<a class="kl-crumb" href="${esc(crumb.href)}">${esc(crumb.label)}</a>`;
}
