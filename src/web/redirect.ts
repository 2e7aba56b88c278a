const BASE = 'http://kintone-local.invalid';

/**
 * Where to go after login: a path on this server, or the portal. Anything that would leave the
 * origin (`//evil`, `/\evil`, `https://evil`, control characters) falls back to `/k/`, so the
 * login page is never an open redirector.
 */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || /[\u0000-\u001f\\]/.test(target)) return '/k/';
  if (target.startsWith('//')) return '/k/';

  let url: URL;
  try {
    url = new URL(target, BASE);
  } catch {
    return '/k/';
  }
  if (url.origin !== BASE) return '/k/';

  // The parsed path can itself start with `//` (`/.//evil` normalises to `//evil`), which a
  // browser would read as another host: the result is checked, not only the input.
  const path = url.pathname + url.search + url.hash;
  return path.startsWith('//') || path.startsWith('/\\') ? '/k/' : path;
}
