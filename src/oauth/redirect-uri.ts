/**
 * Whether a URL can be registered as a client's redirect endpoint: absolute, https (http only
 * for a loopback host, for development), without a fragment (RFC 6749 §3.1.2) and without
 * user information. Returns a description of the problem, or null when it is fine.
 */
export function redirectUriProblem(text: string): string | null {
  if (/[\u0000-\u0020\u007f]/.test(text)) return 'must not contain spaces or control characters';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL';
  }
  if (text.includes('#')) return 'must not contain a fragment (#)';
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return 'must use https (http only for localhost, 127.0.0.1 or [::1])';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
