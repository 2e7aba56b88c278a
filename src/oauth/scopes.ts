import type { Language } from '../errors/kintone-error.js';

/**
 * Kintone's OAuth scopes, as cybozu.com lists them for kintone: record reads and writes, app
 * settings reads and writes, file download and upload.
 */
export const OAUTH_SCOPES = [
  'k:app_record:read',
  'k:app_record:write',
  'k:app_settings:read',
  'k:app_settings:write',
  'k:file:read',
  'k:file:write',
] as const;

export type OAuthScope = (typeof OAUTH_SCOPES)[number];

/** What each scope lets an application do, in the words the consent page shows. */
const DESCRIPTIONS: Record<OAuthScope, Record<Language, string>> = {
  'k:app_record:read': { en: 'Read records', ja: 'レコードの閲覧' },
  'k:app_record:write': {
    en: 'Add, edit and delete records',
    ja: 'レコードの追加・編集・削除',
  },
  'k:app_settings:read': { en: 'Read app settings', ja: 'アプリの設定の閲覧' },
  'k:app_settings:write': { en: 'Change app settings', ja: 'アプリの設定の変更' },
  'k:file:read': { en: 'Download files', ja: 'ファイルのダウンロード' },
  'k:file:write': { en: 'Upload files', ja: 'ファイルのアップロード' },
};

export function isOAuthScope(value: string): value is OAuthScope {
  return (OAUTH_SCOPES as readonly string[]).includes(value);
}

export function describeScope(scope: OAuthScope, language: Language): string {
  return DESCRIPTIONS[scope][language];
}

/**
 * A `scope` parameter: scope names separated by single spaces (RFC 6749 §3.3). Returns the
 * names in Kintone's order without repeats, or null when the text is empty, malformed or names
 * a scope that does not exist.
 */
export function parseScope(text: string): OAuthScope[] | null {
  if (!/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/.test(text)) return null;
  const names = new Set(text.split(' '));
  for (const name of names) if (!isOAuthScope(name)) return null;
  return OAUTH_SCOPES.filter((scope) => names.has(scope));
}

export function formatScope(scopes: readonly OAuthScope[]): string {
  return scopes.join(' ');
}
