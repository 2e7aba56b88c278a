import type { Language } from '../errors/kintone-error.js';

const EN = {
  loginTitle: 'Log in',
  loginLead: 'Sign in to your kintone-local domain.',
  loginName: 'Login name',
  password: 'Password',
  loginButton: 'Log in',
  loginFailed: 'The login name or password is incorrect.',
  portal: 'Portal',
  apps: 'Apps',
  noApps: 'No apps to show.',
  logout: 'Log out',
  records: 'Records',
  loading: 'Loading…',
  guestSpace: 'Guest space',
  space: 'Space',
};

export type Texts = Record<keyof typeof EN, string>;

const JA: Texts = {
  loginTitle: 'ログイン',
  loginLead: 'kintone-local のドメインにログインします。',
  loginName: 'ログイン名',
  password: 'パスワード',
  loginButton: 'ログイン',
  loginFailed: 'ログイン名またはパスワードが正しくありません。',
  portal: 'ポータル',
  apps: 'アプリ',
  noApps: '表示するアプリはありません。',
  logout: 'ログアウト',
  records: 'レコード',
  loading: '読み込み中…',
  guestSpace: 'ゲストスペース',
  space: 'スペース',
};

/** The words on the login page and the page frame, in the page's language. */
export function textsFor(language: Language): Texts {
  return language === 'ja' ? JA : EN;
}
