import type { KintoneError, Language } from '../../errors/kintone-error.js';
import { postForm, submitButton } from '../form-html.js';
import { esc, tableHead } from '../html.js';
import type { SettingsTexts } from '../settings-texts.js';
import {
  APP_RIGHTS,
  ENTITY_TYPES,
  type AclForm,
  type AclFormRow,
  type AppRight,
} from './app-acl-form.js';

/*
 * The app permissions as an editable table: one row per entry with its priority, its entity,
 * the seven rights and a remove box, then a row to add an entry, and one Save button. It works
 * without script: priorities are numbers, not drag handles.
 */

/** Priority, entity, seven rights, remove. */
const COLUMNS = 3 + APP_RIGHTS.length;

export function renderAclEditor(options: {
  form: AclForm;
  action: string;
  requestToken: string;
  texts: SettingsTexts;
}): string {
  const { form, texts } = options;
  const labels = rightLabels(texts);
  const headings = [
    texts.priority,
    texts.entity,
    ...APP_RIGHTS.map((r) => labels[r]),
    texts.remove,
  ];
  const rows =
    form.rows.length === 0
      ? `<tr><td colspan="${COLUMNS}" class="kl-empty">${esc(texts.noAppEntries)}</td></tr>`
      : form.rows.map((row, index) => renderRow(`e${index}`, row, texts)).join('\n');
  return postForm({
    action: options.action,
    requestToken: options.requestToken,
    id: 'app-acl-form',
    label: texts.appPermissions,
    inner: `<input type="hidden" name="revision" value="${esc(form.revision)}">
<table class="kl-table" id="app-acl">
${tableHead(headings)}
<tbody>
${rows}
</tbody>
<tfoot>
<tr><th scope="rowgroup" colspan="${COLUMNS}">${esc(texts.addEntry)}</th></tr>
${renderRow('new', form.added, texts)}
</tfoot>
</table>
<div class="kl-form-actions">${submitButton(texts.save)}</div>`,
  });
}

/**
 * A row: a stored entry shows its entity as text (kept in hidden fields, checked again on
 * save); the "add an entry" row (prefix `new`) lets one choose it.
 */
function renderRow(prefix: string, row: AclFormRow, texts: SettingsTexts): string {
  const adding = prefix === 'new';
  const who = adding ? texts.addEntry : entityLabel(row, texts);
  const field = (name: string) => `name="${prefix}-${name}" id="acl-${prefix}-${name}"`;
  const labelled = (label: string) => `aria-label="${esc(`${who}: ${label}`)}"`;
  const hidden = (name: string, value: string) =>
    `<input type="hidden" name="${prefix}-${name}" value="${esc(value)}">`;

  const subs = row.includeSubs ? hidden('includeSubs', '1') : '';
  const priorityInput = `<input class="kl-input" ${field('priority')} value="${esc(row.priority)}"
  inputmode="numeric" size="3" ${labelled(texts.priority)}>`;
  const priority = `<td>${subs}${priorityInput}</td>`;

  const typeSelect = `<select class="kl-input" ${field('type')} ${labelled(texts.entityType)}>
  ${typeOptions(row.type, texts)}</select>`;
  const codeInput = `<input class="kl-input" ${field('code')} value="${esc(row.code)}" size="16"
  ${labelled(texts.entityCode)}>`;
  const entity = adding
    ? `<td>${typeSelect}\n${codeInput}</td>`
    : `<th scope="row">${esc(who)}${hidden('type', row.type)}${hidden('code', row.code)}</th>`;

  const labels = rightLabels(texts);
  const tick = (name: string, checked: boolean, label: string) =>
    `<td class="kl-mark"><input type="checkbox" ${field(name)} value="1"${checked ? ' checked' : ''}
  ${labelled(label)}></td>`;
  const rights = APP_RIGHTS.map((r) => tick(r, row.rights[r], labels[r])).join('');
  const remove = adding ? '<td></td>' : tick('remove', row.remove, texts.remove);
  return `<tr>${priority}${entity}${rights}${remove}</tr>`;
}

/** The types on offer; a posted type the page does not offer stays, for the API to refuse. */
function typeOptions(selected: string, texts: SettingsTexts): string {
  const types: string[] = [...ENTITY_TYPES];
  if (!types.includes(selected)) types.push(selected);
  return types
    .map(
      (type) =>
        `<option value="${esc(type)}"${type === selected ? ' selected' : ''}>${esc(
          typeLabel(type, texts),
        )}</option>`,
    )
    .join('');
}

/**
 * What a refused save says: the error's message, then each refused input placed on the row
 * it came from (`rows[i]` gave `rights[i]`).
 */
export function aclErrorLines(
  error: KintoneError,
  rows: readonly AclFormRow[],
  texts: SettingsTexts,
  language: Language,
): string[] {
  const details = error.fieldErrors.map(({ key, text }) => {
    const index = /^rights\[(\d+)\]/.exec(key)?.[1];
    const row = index === undefined ? undefined : rows[Number(index)];
    return row ? `${entityLabel(row, texts)}: ${text[language]}` : text[language];
  });
  return [error.messageIn(language), ...details];
}

/** "User: bob", "Group: sales", "Creator". */
function entityLabel(row: Pick<AclFormRow, 'type' | 'code'>, texts: SettingsTexts): string {
  return row.type === 'CREATOR' ? texts.creator : `${typeLabel(row.type, texts)}: ${row.code}`;
}

function typeLabel(type: string, texts: SettingsTexts): string {
  if (type === 'USER') return texts.user;
  if (type === 'GROUP') return texts.group;
  if (type === 'CREATOR') return texts.creator;
  return type;
}

function rightLabels(texts: SettingsTexts): Record<AppRight, string> {
  return {
    appEditable: texts.rightManage,
    recordViewable: texts.rightView,
    recordAddable: texts.rightAdd,
    recordEditable: texts.rightEdit,
    recordDeletable: texts.rightDelete,
    recordImportable: texts.rightImport,
    recordExportable: texts.rightExport,
  };
}
