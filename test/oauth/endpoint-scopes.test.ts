import { describe, expect, it } from 'vitest';
import { allEndpoints } from '../../src/api/index.js';

/** What Kintone's scope list says each API needs, by method and path. */
function expectedScope(method: string, path: string): string | null {
  if (path === 'bulkRequest') return 'sub-requests';
  if (path === 'file') return method === 'GET' ? 'k:file:read' : 'k:file:write';
  if (
    /^(space|spaces\/|guests|template\/|plugins?(\/|$)|search|apps\/statistics|app\/move)/.test(
      path,
    )
  ) {
    return null;
  }
  if (/(^|\/)plugins$/.test(path)) return null;
  if (
    /^(record|records|records\/cursor|record\/comments?|record\/assignees|record\/status|records\/status|records\/acl\/evaluate)$/.test(
      path,
    )
  ) {
    return method === 'GET' || path === 'records/cursor'
      ? 'k:app_record:read'
      : 'k:app_record:write';
  }
  return method === 'GET' ? 'k:app_settings:read' : 'k:app_settings:write';
}

describe('the OAuth scope of every API', () => {
  it.each(allEndpoints().map((e) => [e.method, e.path, e.scope] as const))(
    '%s %s needs %s',
    (method, path, scope) => {
      expect(scope).toBe(expectedScope(method, path));
    },
  );
});
