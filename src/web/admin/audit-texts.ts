import type { AuthEventName, AuthMethod, AuthOutcome } from '../../audit/auth-events.js';
import type { Language } from '../../errors/kintone-error.js';

/* The words of the authentication log page; the menu entry's label is in settings-texts.ts. */

const EN = {
  lead:
    'Sign-ins, refused credentials, OAuth grants and revocations, and account changes, ' +
    'newest first. Passwords, tokens and secrets are never recorded.',
  filter: 'Filter',
  loginName: 'Login name',
  event: 'Event',
  method: 'Method',
  outcome: 'Outcome',
  any: 'Any',
  apply: 'Filter',
  clear: 'Clear',
  time: 'Time (UTC)',
  client: 'Address',
  reason: 'Reason',
  noEvents: 'No events match.',
  newer: 'Newest events',
  older: 'Older events',
  pages: 'Pages',
};

export type AuditTexts = Record<keyof typeof EN, string> & {
  events: Record<AuthEventName, string>;
  methods: Record<AuthMethod, string>;
  outcomes: Record<AuthOutcome, string>;
};

const EN_TEXTS: AuditTexts = {
  ...EN,
  events: {
    login: 'Login',
    password_auth: 'Password check (API)',
    api_token: 'API token',
    logout: 'Logout',
    password_change: 'Password change',
    user_disabled: 'User disabled',
    user_enabled: 'User enabled',
    oauth_consent: 'OAuth consent',
    oauth_code_exchange: 'OAuth code exchange',
    oauth_refresh: 'OAuth token refresh',
    oauth_client_auth: 'OAuth client authentication',
    oauth_bearer: 'OAuth access token',
    oauth_revoke: 'OAuth revocation',
  },
  methods: {
    login_form: 'Login form',
    password: 'Password header',
    api_token: 'API token',
    session: 'Session',
    cli: 'Command line',
    oauth: 'OAuth',
  },
  outcomes: { success: 'Success', failure: 'Failure' },
};

const JA_TEXTS: AuditTexts = {
  lead:
    'ログイン、拒否された認証情報、OAuthの許可と取り消し、アカウントの変更を新しい順に表示します。' +
    'パスワード、トークン、シークレットは記録されません。',
  filter: '絞り込み',
  loginName: 'ログイン名',
  event: 'イベント',
  method: '認証方式',
  outcome: '結果',
  any: 'すべて',
  apply: '絞り込む',
  clear: 'クリア',
  time: '日時（UTC）',
  client: 'アドレス',
  reason: '理由',
  noEvents: '該当するイベントはありません。',
  newer: '最新のイベント',
  older: '以前のイベント',
  pages: 'ページ',
  events: {
    login: 'ログイン',
    password_auth: 'パスワード認証（API）',
    api_token: 'APIトークン',
    logout: 'ログアウト',
    password_change: 'パスワード変更',
    user_disabled: 'ユーザーの停止',
    user_enabled: 'ユーザーの使用再開',
    oauth_consent: 'OAuthの許可',
    oauth_code_exchange: 'OAuth認可コードの交換',
    oauth_refresh: 'OAuthトークンの更新',
    oauth_client_auth: 'OAuthクライアント認証',
    oauth_bearer: 'OAuthアクセストークン',
    oauth_revoke: 'OAuthの取り消し',
  },
  methods: {
    login_form: 'ログイン画面',
    password: 'パスワード認証ヘッダー',
    api_token: 'APIトークン',
    session: 'セッション',
    cli: 'コマンドライン',
    oauth: 'OAuth',
  },
  outcomes: { success: '成功', failure: '失敗' },
};

export function auditTextsFor(language: Language): AuditTexts {
  return language === 'ja' ? JA_TEXTS : EN_TEXTS;
}
