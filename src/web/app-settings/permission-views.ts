import type {
  AppAclEntry,
  FieldAclRule,
  PermissionEntity,
  RecordAclRule,
} from '../../store/types.js';
import { esc, tableHead } from '../html.js';
import type { SettingsTexts } from '../settings-texts.js';

/* The app's live permissions as read-only tables: app, record and field permissions. */

export function renderAppAcl(entries: readonly AppAclEntry[], texts: SettingsTexts): string {
  const mark = (on: boolean) => (on ? '✓' : '');
  const columns = [
    texts.rightManage,
    texts.rightView,
    texts.rightAdd,
    texts.rightEdit,
    texts.rightDelete,
    texts.rightImport,
    texts.rightExport,
  ];
  const rows = entries
    .map((e) => {
      const who =
        e.entity.type === 'CREATOR'
          ? texts.creator
          : `${e.entity.type === 'USER' ? texts.user : texts.group}: ${e.entity.code}`;
      const cells = [
        e.appEditable,
        e.recordViewable,
        e.recordAddable,
        e.recordEditable,
        e.recordDeletable,
        e.recordImportable,
        e.recordExportable,
      ].map((on) => `<td class="kl-mark">${mark(on)}</td>`);
      return `<tr><th scope="row">${esc(who)}</th>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table class="kl-table">
  ${tableHead([texts.entity, ...columns])}
  <tbody>${rows}</tbody>
</table>`;
}

/** Record permissions: each rule's condition, and what each entity may do with its records. */
export function renderRecordAcl(rules: readonly RecordAclRule[], texts: SettingsTexts): string {
  if (rules.length === 0) return `<p class="kl-empty">${esc(texts.noRecordRules)}</p>`;
  const rows = rules
    .flatMap((rule, index) =>
      rule.entities.map(
        (e, position) =>
          `<tr>${
            position === 0
              ? `<th scope="row" rowspan="${rule.entities.length}">${index + 1}. ${esc(
                  rule.filterCond || texts.allRecords,
                )}</th>`
              : ''
          }<td>${esc(entityLabel(e.entity, texts))}</td>${[e.viewable, e.editable, e.deletable]
            .map((on) => `<td class="kl-mark">${on ? '✓' : ''}</td>`)
            .join('')}</tr>`,
      ),
    )
    .join('\n');
  return `<table class="kl-table">
  ${tableHead([texts.condition, texts.entity, texts.rightView, texts.rightEdit, texts.rightDelete])}
  <tbody>${rows}</tbody>
</table>`;
}

/** Field permissions: each field's entities and their access. */
export function renderFieldAcl(rules: readonly FieldAclRule[], texts: SettingsTexts): string {
  if (rules.length === 0) return `<p class="kl-empty">${esc(texts.noFieldRules)}</p>`;
  const access = { READ: texts.accessRead, WRITE: texts.accessWrite, NONE: texts.accessNone };
  const rows = rules
    .map(
      (rule) =>
        `<tr><th scope="row">${esc(rule.code)}</th><td>${rule.entities
          .map((e) => `${esc(entityLabel(e.entity, texts))}: ${esc(access[e.accessibility])}`)
          .join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<table class="kl-table">
  ${tableHead([texts.field, texts.entity])}
  <tbody>${rows}</tbody>
</table>`;
}

function entityLabel(entity: PermissionEntity, texts: SettingsTexts): string {
  const kind = { USER: texts.user, GROUP: texts.group, FIELD_ENTITY: texts.field }[entity.type];
  return `${kind}: ${entity.code}`;
}
