import type { FastifyInstance } from 'fastify';
import { AUTH_EVENT_NAMES, AUTH_METHODS, AUTH_OUTCOMES } from '../../audit/auth-events.js';
import type { StoredAuthEvent } from '../../store/audit-log.js';
import { submitButton, textInput } from '../form-html.js';
import type { FormRequest } from '../forms.js';
import { esc, tableHead } from '../html.js';
import { openPage, type SettingsDeps } from '../settings-page.js';
import { refuseNonAdmin, sendAdminPage } from './admin-frame.js';
import {
  AUDIT_PAGE_SIZE,
  AUDIT_PATH,
  auditPageHref,
  readAuditQuery,
  storeFilter,
  type AuditQuery,
} from './audit-query.js';
import { auditTextsFor, type AuditTexts } from './audit-texts.js';

/**
 * The authentication log in the administration: the events the command line's `audit` shows,
 * newest first, filtered by a GET form (it changes nothing, so it needs no request token) and
 * paged by event id, so new events arriving between pages never shift what "older" means.
 */
export function mountAuditPage(app: FastifyInstance, deps: SettingsDeps): void {
  app.get(AUDIT_PATH, async (request: FormRequest, reply) => {
    const scope = await openPage(request, reply, deps);
    if (!scope || refuseNonAdmin(reply, scope)) return reply;

    const query = readAuditQuery(request.query);
    const found = await deps.store.auditLog.list(storeFilter(query));
    const events = found.slice(0, AUDIT_PAGE_SIZE);
    const olderFrom = found.length > AUDIT_PAGE_SIZE ? events.at(-1)?.id : undefined;

    const texts = auditTextsFor(scope.language);
    return sendAdminPage(reply, scope, {
      title: scope.texts.auditLog,
      section: 'audit',
      body: `<section class="kl-card">
  <h1 class="kl-title">${esc(scope.texts.auditLog)}</h1>
  <p class="kl-help">${esc(texts.lead)}</p>
  ${filterForm(texts, query)}
  ${events.length === 0 ? `<p class="kl-empty">${esc(texts.noEvents)}</p>` : table(texts, events)}
  ${pager(texts, query, olderFrom)}
</section>`,
    });
  });
}

function filterForm(texts: AuditTexts, query: AuditQuery): string {
  const label = esc(texts.filter);
  return `<form method="get" action="${AUDIT_PATH}" class="kl-form kl-filter" aria-label="${label}">
${textInput({ name: 'user', label: texts.loginName, value: query.user, autocomplete: 'off' })}
${choice('event', texts.event, texts, AUTH_EVENT_NAMES, texts.events, query.event)}
${choice('method', texts.method, texts, AUTH_METHODS, texts.methods, query.method)}
${choice('outcome', texts.outcome, texts, AUTH_OUTCOMES, texts.outcomes, query.outcome)}
<div class="kl-form-actions">${submitButton(texts.apply)}
  <a class="kl-button kl-button-quiet" href="${AUDIT_PATH}">${esc(texts.clear)}</a></div>
</form>`;
}

/** A labelled select whose first option, "any", does not narrow the list. */
function choice<T extends string>(
  name: string,
  label: string,
  texts: AuditTexts,
  values: readonly T[],
  labels: Record<T, string>,
  chosen: T | undefined,
): string {
  const options = values
    .map((value) => {
      const selected = value === chosen ? ' selected' : '';
      return `<option value="${esc(value)}"${selected}>${esc(labels[value])}</option>`;
    })
    .join('');
  return `<div class="kl-form-row">
  <label for="field-${name}">${esc(label)}</label>
  <select class="kl-input" id="field-${name}" name="${name}">
    <option value="">${esc(texts.any)}</option>${options}</select>
</div>`;
}

function table(texts: AuditTexts, events: readonly StoredAuthEvent[]): string {
  const columns = [texts.time, texts.event, texts.outcome, texts.method, texts.loginName];
  return `<table class="kl-table kl-audit-table">
  ${tableHead([...columns, texts.client, texts.reason])}
  <tbody>${events.map((event) => eventRow(texts, event)).join('\n')}</tbody>
</table>`;
}

function eventRow(texts: AuditTexts, event: StoredAuthEvent): string {
  // Rows written by a newer version may name kinds this one has no words for: shown as stored.
  const label = (labels: Record<string, string>, value: string) => labels[value] ?? value;
  const failed = event.outcome === 'failure' ? ' class="kl-audit-failure"' : '';
  return `<tr${failed}>
  <td><time datetime="${esc(event.at)}">${esc(shownTime(event.at))}</time></td>
  <td>${esc(label(texts.events, event.event))}</td>
  <td>${esc(label(texts.outcomes, event.outcome))}</td>
  <td>${esc(label(texts.methods, event.method))}</td>
  <td>${who(event)}</td>
  <td>${esc(event.client ?? '')}</td>
  <td>${esc(event.reason ?? '')}</td>
</tr>`;
}

/** The account, linked to its page when its id is known (users are disabled, never deleted). */
function who(event: StoredAuthEvent): string {
  if (event.userId === null) return esc(event.loginName ?? '');
  const name = event.loginName ?? `#${event.userId}`;
  return `<a href="/k/admin/users/${event.userId}">${esc(name)}</a>`;
}

/** `2025-01-02T03:04:05.678Z` as `2025-01-02 03:04:05`; the column heading says UTC. */
function shownTime(at: string): string {
  return at.slice(0, 19).replace('T', ' ');
}

function pager(texts: AuditTexts, query: AuditQuery, olderFrom: number | undefined): string {
  const links: string[] = [];
  if (query.before !== undefined) {
    links.push(`<a href="${esc(auditPageHref(query))}">${esc(texts.newer)}</a>`);
  }
  if (olderFrom !== undefined) {
    links.push(`<a href="${esc(auditPageHref(query, olderFrom))}">${esc(texts.older)}</a>`);
  }
  if (links.length === 0) return '';
  return `<nav class="kl-pager" aria-label="${esc(texts.pages)}">${links.join('\n')}</nav>`;
}
