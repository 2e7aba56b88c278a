import type { SettingsBody } from '../../store/app-settings.js';
import { messageBox, postForm, submitButton, textInput } from '../form-html.js';
import { esc } from '../html.js';
import type { Notice } from '../notices.js';
import { appSettingsPath, type AppSettingsScope } from './app-settings-scope.js';
import type { CustomizeKind } from './customization-changes.js';

/** A desktop list entry as the settings show it: a URL, or a file by name. */
type ShownEntry = { type: 'URL'; url: string } | { type: 'FILE'; file: { name: string } };

/** What the customization page shows. */
interface CustomizationView {
  /** The preview settings, which are the live ones until something was saved. */
  settings: SettingsBody;
  /** Whether they differ from the live settings, waiting for "Update App". */
  pending: boolean;
  /** The preview revision, sent back with every form. */
  revision: number;
  state: { notice?: Notice | undefined; error?: string };
}

/** The page body: per kind the ordered list, with a form to add a file or a URL. */
export function customizationBody(scope: AppSettingsScope, view: CustomizationView): string {
  const { texts } = scope;
  const appId = scope.reachable.app.id;
  const pending = view.pending
    ? `<p class="kl-message kl-message-pending" id="customize-state">
  ${esc(texts.previewPending)}
  <a href="${esc(appSettingsPath('flow', appId))}">${esc(texts.goToUpdateApp)}</a></p>`
    : '';
  const desktop = view.settings.desktop as Record<CustomizeKind, ShownEntry[]>;
  const section = (kind: CustomizeKind, title: string) => `<section class="kl-customize-kind"
  aria-labelledby="customize-${kind}">
  <h2 class="kl-subtitle" id="customize-${kind}">${esc(title)}</h2>
  ${entryList(scope, view.revision, kind, desktop[kind])}
  ${addForm(scope, view.revision, kind)}
</section>`;
  return `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.customization)}</h1>
  <p class="kl-help">${esc(texts.customizationHelp)}</p>
  ${messageBox(view.state.notice?.message, 'done')}${messageBox(view.state.error, 'error')}
  ${pending}
  ${section('js', texts.javascriptFiles)}
  ${section('css', texts.cssFiles)}
</section>`;
}

function entryList(
  scope: AppSettingsScope,
  revision: number,
  kind: CustomizeKind,
  entries: readonly ShownEntry[],
): string {
  const { texts } = scope;
  if (entries.length === 0) return `<p class="kl-empty">${esc(texts.noFiles)}</p>`;
  const items = entries.map((entry, i) => {
    const [tag, name] = entry.type === 'URL' ? ['URL', entry.url] : [texts.file, entry.file.name];
    // One form per entry; the button pressed names the action.
    const button = (action: string, label: string, disabled: boolean, style = 'kl-button-quiet') =>
      `<button type="submit" class="kl-button ${style}" name="action" value="${action}"
  aria-label="${esc(`${label}: ${name}`)}"${disabled ? ' disabled' : ''}>${esc(label)}</button>`;
    const actions = postForm({
      action: `/k/admin/app/customize/change?app=${scope.reachable.app.id}`,
      requestToken: scope.session.requestToken,
      className: 'kl-inline-form kl-form-actions',
      inner: `${hiddenFields(kind, revision)}<input type="hidden" name="position" value="${i}">
${button('up', texts.moveUp, i === 0)}${button('down', texts.moveDown, i === entries.length - 1)}
${button('remove', texts.delete, false, 'kl-button-danger')}`,
    });
    return `<li class="kl-customize-entry"><span class="kl-tag">${esc(tag)}</span>
  <span class="kl-customize-name">${esc(name)}</span>${actions}</li>`;
  });
  return `<ol class="kl-file-list">${items.join('\n')}</ol>`;
}

/** The upload and the URL to add, in a multipart form of its own. */
function addForm(scope: AppSettingsScope, revision: number, kind: CustomizeKind): string {
  const { texts } = scope;
  const accept = kind === 'js' ? '.js,text/javascript' : '.css,text/css';
  return postForm({
    action: `/k/admin/app/customize/add?app=${scope.reachable.app.id}`,
    requestToken: scope.session.requestToken,
    multipart: true,
    label: `${texts.addTo} ${kind === 'js' ? texts.javascriptFiles : texts.cssFiles}`,
    className: 'kl-form kl-customize-add',
    inner: `${hiddenFields(kind, revision)}
<div class="kl-form-row"><label for="customize-${kind}-file">${esc(texts.uploadFile)}</label>
<input class="kl-input" id="customize-${kind}-file" name="file" type="file"
  accept="${accept}"></div>
${textInput({ name: 'url', label: texts.addUrl, type: 'url', id: `customize-${kind}-url` })}
<div class="kl-form-actions">${submitButton(texts.save)}</div>`,
  });
}

function hiddenFields(kind: CustomizeKind, revision: number): string {
  return `<input type="hidden" name="kind" value="${kind}">
<input type="hidden" name="revision" value="${revision}">`;
}
