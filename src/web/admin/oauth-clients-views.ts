import type { OAuthClientListing } from '../../store/oauth-clients.js';
import { checkbox, messageBox, postForm, submitButton, textInput } from '../form-html.js';
import { esc } from '../html.js';
import type { OAuthTexts } from '../oauth-texts.js';

/* The OAuth clients page's HTML: the secret shown once, the clients with their forms, adding. */

export const ADMIN_OAUTH_PATH = '/k/admin/oauth';

/** What the add form held when it was refused, so it comes back filled in. */
interface TypedClient {
  name?: string;
  redirectUri?: string;
  users?: string;
  requirePkce?: boolean;
}

/** What the page says above the list after a form was posted. */
export interface ClientsOutcome {
  done?: string;
  error?: string;
  secret?: { clientId: string; clientSecret: string };
  typed?: TypedClient;
}

export function renderClientsPage(
  texts: OAuthTexts,
  requestToken: string,
  clients: readonly OAuthClientListing[],
  outcome: ClientsOutcome,
): string {
  return `<section class="kl-card">
  <h1 class="kl-title">${esc(texts.adminTitle)}</h1>
  ${messageBox(outcome.done, 'done')}${messageBox(outcome.error, 'error')}
  ${outcome.secret ? renderSecret(outcome.secret) : ''}
  ${renderClients(texts, requestToken, clients)}
  <h2 class="kl-subtitle">${esc(texts.adminAdd)}</h2>
  ${renderAddForm(texts, requestToken, outcome.typed ?? {})}
</section>`;
}

function renderSecret(secret: { clientId: string; clientSecret: string }): string {
  return `<dl class="kl-secret">
    <dt>client_id</dt><dd><code class="kl-client-id">${esc(secret.clientId)}</code></dd>
    <dt>client_secret</dt><dd><code class="kl-client-secret">${esc(secret.clientSecret)}</code></dd>
  </dl>`;
}

function renderClients(
  texts: OAuthTexts,
  requestToken: string,
  clients: readonly OAuthClientListing[],
): string {
  if (clients.length === 0) return `<p class="kl-empty">${esc(texts.adminNone)}</p>`;
  const rows = clients
    .map(
      (c) => `<tr data-client-id="${esc(c.id)}">
  <td><code>${esc(c.id)}</code></td><td>${esc(c.name)}</td>
  <td class="kl-client-uri">${esc(c.redirectUri)}</td>
  <td>${esc(c.allowedUsers.join(', '))}</td><td>${c.requirePkce ? 'PKCE' : ''}</td>
  <td class="kl-client-actions">${renderClientForms(texts, requestToken, c)}</td>
</tr>`,
    )
    .join('\n');
  return `<table class="kl-table">
  <thead><tr>
    <th scope="col">client_id</th><th scope="col">${esc(texts.adminName)}</th>
    <th scope="col">${esc(texts.adminRedirect)}</th>
    <th scope="col">${esc(texts.adminUsersColumn)}</th><th scope="col">PKCE</th><th></th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table>`;
}

/** New secret and Remove side by side, and the Edit form folded away until opened. */
function renderClientForms(
  texts: OAuthTexts,
  requestToken: string,
  client: OAuthClientListing,
): string {
  const clientField = `<input type="hidden" name="client_id" value="${esc(client.id)}">`;
  const rotate = postForm({
    action: `${ADMIN_OAUTH_PATH}/rotate`,
    requestToken,
    className: 'kl-inline-form',
    inner: `${clientField}\n${submitButton(texts.adminRotate, 'quiet')}`,
  });
  const remove = postForm({
    action: `${ADMIN_OAUTH_PATH}/remove`,
    requestToken,
    className: 'kl-inline-form',
    inner: `${clientField}\n${submitButton(texts.adminRemove, 'danger')}`,
  });
  // Each row's fields need their own ids, or every label would point at the first row's.
  const edit = postForm({
    action: `${ADMIN_OAUTH_PATH}/edit`,
    requestToken,
    inner: [
      clientField,
      textInput({
        name: 'name',
        label: texts.adminName,
        value: client.name,
        required: true,
        maxLength: 100,
        id: `client-${client.id}-name`,
      }),
      textInput({
        name: 'redirect_uri',
        label: texts.adminRedirect,
        type: 'url',
        value: client.redirectUri,
        required: true,
        id: `client-${client.id}-redirect`,
      }),
      `<div class="kl-form-actions">${submitButton(texts.adminSave)}</div>`,
    ].join('\n'),
  });
  return `<div class="kl-form-actions">${rotate}${remove}</div>
<details class="kl-client-edit">
  <summary>${esc(texts.adminEdit)}</summary>
  ${edit}
</details>`;
}

function renderAddForm(texts: OAuthTexts, requestToken: string, typed: TypedClient): string {
  return postForm({
    action: `${ADMIN_OAUTH_PATH}/add`,
    requestToken,
    inner: [
      textInput({
        name: 'name',
        label: texts.adminName,
        value: typed.name ?? '',
        required: true,
        maxLength: 100,
        autocomplete: 'off',
      }),
      textInput({
        name: 'redirect_uri',
        label: texts.adminRedirect,
        type: 'url',
        value: typed.redirectUri ?? '',
        required: true,
      }),
      textInput({
        name: 'users',
        label: texts.adminUsers,
        value: typed.users ?? '',
        autocomplete: 'off',
      }),
      checkbox({
        name: 'require_pkce',
        label: texts.adminRequirePkce,
        checked: typed.requirePkce ?? false,
      }),
      `<div class="kl-form-actions">${submitButton(texts.adminAddButton)}</div>`,
    ].join('\n'),
  });
}
