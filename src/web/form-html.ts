import { esc } from './html.js';
import { requestTokenField } from './forms.js';

/** A labelled text input; the label's `for` ties it to the input for screen readers. */
export function textInput(options: {
  name: string;
  label: string;
  value?: string;
  type?: 'text' | 'password' | 'url';
  autocomplete?: string;
  required?: boolean;
  maxLength?: number;
  id?: string;
}): string {
  const id = options.id ?? `field-${options.name}`;
  const autocomplete = options.autocomplete ? ` autocomplete="${esc(options.autocomplete)}"` : '';
  const required = options.required ? ' required' : '';
  const maxLength = options.maxLength ? ` maxlength="${options.maxLength}"` : '';
  return `<div class="kl-form-row">
  <label for="${esc(id)}">${esc(options.label)}</label>
  <input class="kl-input" id="${esc(id)}" name="${esc(options.name)}"
    type="${options.type ?? 'text'}" value="${esc(options.value ?? '')}"${autocomplete}${required}
    ${maxLength}>
</div>`;
}

/** A labelled checkbox. */
export function checkbox(options: {
  name: string;
  label: string;
  checked: boolean;
  id?: string;
}): string {
  const id = options.id ?? `field-${options.name}`;
  const checked = options.checked ? ' checked' : '';
  return `<label class="kl-check" for="${esc(id)}"><input type="checkbox" id="${esc(id)}"
  name="${esc(options.name)}" value="1"${checked}> ${esc(options.label)}</label>`;
}

/** A POST form with the request token; `inner` is already-escaped HTML. */
export function postForm(options: {
  action: string;
  requestToken: string;
  inner: string;
  className?: string;
  label?: string;
  id?: string;
  /** For a form with a file input. */
  multipart?: boolean;
}): string {
  const label = options.label ? ` aria-label="${esc(options.label)}"` : '';
  const id = options.id ? ` id="${esc(options.id)}"` : '';
  const type = options.multipart ? ' enctype="multipart/form-data"' : '';
  const className = esc(options.className ?? 'kl-form');
  return `<form method="post" action="${esc(options.action)}"
  class="${className}"${id}${label}${type}>
${requestTokenField(options.requestToken)}
${options.inner}
</form>`;
}

/** A submit button; `quiet` for secondary actions, `danger` for removals. */
export function submitButton(
  label: string,
  kind: 'primary' | 'quiet' | 'danger' = 'primary',
  formId?: string,
) {
  const extra = kind === 'primary' ? '' : ` kl-button-${kind}`;
  const form = formId ? ` form="${esc(formId)}"` : '';
  return `<button type="submit" class="kl-button${extra}"${form}>${esc(label)}</button>`;
}

/**
 * A message shown above a form: an error (alert) or a confirmation (status), optionally with
 * detail lines listed under it, such as what a refusal says of each entry.
 */
export function messageBox(
  text: string | undefined,
  kind: 'error' | 'done',
  details: readonly string[] = [],
): string {
  if (!text) return '';
  const role = kind === 'error' ? 'alert' : 'status';
  const attributes = `class="kl-message kl-message-${kind}" role="${role}"`;
  if (details.length === 0) return `<p ${attributes}>${esc(text)}</p>`;
  const items = details.map((line) => `<li>${esc(line)}</li>`).join('');
  return `<div ${attributes}>
<p>${esc(text)}</p><ul>${items}</ul>
</div>`;
}
