import escapeHtml from 'escape-html';
import type { FastifyReply } from 'fastify';

/** Escapes a value for HTML text and double-quoted attributes. */
export function esc(value: unknown): string {
  return escapeHtml(String(value));
}

/**
 * JSON for a `<script type="application/json">` block: `<`, `>` and `&` become escapes so the
 * text can never close the script element or open a comment, and U+2028/2029 are escaped for
 * older parsers. JSON.parse reads it back unchanged.
 */
/** A table's header row, one escaped label per column. */
export function tableHead(labels: readonly string[]): string {
  const cells = labels.map((label) => `<th scope="col">${esc(label)}</th>`);
  return `<thead><tr>${cells.join('')}</tr></thead>`;
}

export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Extra sources a page may load scripts and styles from: its customizations' origins. */
export interface PageSources {
  scripts?: readonly string[];
  styles?: readonly string[];
  /** Where the page's forms may lead, redirects included; this server only by default. */
  forms?: readonly string[];
  /** `same-origin` by default; pages whose URL carries OAuth parameters send no referrer. */
  referrerPolicy?: 'same-origin' | 'no-referrer';
}

/**
 * Sends an HTML page with the headers every page gets: no framing (clickjacking), no MIME
 * sniffing, no caching of pages that show data, and a CSP that allows scripts only from this
 * server and the origins of the app's URL customizations. There is no inline script at all;
 * the page context travels in a JSON block, which CSP does not execute.
 */
export function sendPage(
  reply: FastifyReply,
  html: string,
  sources: PageSources = {},
  status = 200,
): FastifyReply {
  const scripts = ["'self'", ...(sources.scripts ?? [])].join(' ');
  // Customizations commonly set inline styles on the elements they add.
  const styles = ["'self'", "'unsafe-inline'", ...(sources.styles ?? [])].join(' ');
  const policy = [
    "default-src 'self'",
    `script-src ${scripts}`,
    `style-src ${styles}`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    `form-action ${["'self'", ...(sources.forms ?? [])].join(' ')}`,
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', policy)
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', sources.referrerPolicy ?? 'same-origin')
    .header('cache-control', 'no-store')
    .send(html);
}

/** The origin of an absolute http(s) URL, for the CSP; null for anything else. */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}
