import type { Language } from '../errors/kintone-error.js';

const EN = {
  consentTitle: 'Allow access?',
  consentLead: '{client} asks to use kintone-local as you ({user}).',
  consentScopes: 'It will be able to:',
  consentActsAsYou:
    'It acts with your own permissions: it can never see or change more than you can.',
  consentReturn: 'After your answer you go back to {origin}.',
  allow: 'Allow',
  deny: 'Deny',
  errorTitle: 'The authorization request cannot be used',
  errorLead: 'Go back to the application and start again. The server said:',
  accountTitle: 'Authorized applications',
  accountLead: 'Applications you have allowed to use kintone-local as you.',
  accountNone: 'You have not authorized any application.',
  accountSince: 'Authorized {date}',
  revoke: 'Revoke access',
  adminTitle: 'OAuth clients',
  adminNone: 'No OAuth clients.',
  adminAdd: 'Add a client',
  adminName: 'Name',
  adminRedirect: 'Redirect URI',
  adminUsers: 'Allowed users (login names, comma-separated)',
  adminUsersColumn: 'Allowed users',
  adminRequirePkce: 'Require PKCE (S256)',
  adminAddButton: 'Add',
  adminAdded: 'Client {client} added. Copy its secret now: it is not shown again.',
  adminRotated: 'New secret for {client}. Every token issued under the old one is revoked.',
  adminRotate: 'New secret',
  adminRemove: 'Remove',
  adminEdit: 'Edit',
  adminSave: 'Save',
  adminEdited:
    'Client {client} saved. Codes issued for another redirect URI can no longer be exchanged; ' +
    'its tokens stay valid.',
};

export type OAuthTexts = Record<keyof typeof EN, string>;

const JA: OAuthTexts = {
  consentTitle: 'アクセスを許可しますか？',
  consentLead: '{client} が、あなた（{user}）として kintone-local を利用することを求めています。',
  consentScopes: '許可すると、次の操作ができるようになります:',
  consentActsAsYou:
    'あなた自身の権限で動作します。あなたが閲覧・変更できる範囲を超えることはありません。',
  consentReturn: '回答後、{origin} に戻ります。',
  allow: '許可する',
  deny: '拒否する',
  errorTitle: 'この認可リクエストは使用できません',
  errorLead: 'アプリケーションに戻ってやり直してください。サーバーからのメッセージ:',
  accountTitle: '許可したアプリケーション',
  accountLead: 'あなたとして kintone-local を利用することを許可したアプリケーションです。',
  accountNone: '許可したアプリケーションはありません。',
  accountSince: '{date} に許可',
  revoke: 'アクセスを取り消す',
  adminTitle: 'OAuthクライアント',
  adminNone: 'OAuthクライアントはありません。',
  adminAdd: 'クライアントを追加',
  adminName: '名前',
  adminRedirect: 'リダイレクトURI',
  adminUsers: '利用できるユーザー（ログイン名をカンマ区切りで）',
  adminUsersColumn: '利用できるユーザー',
  adminRequirePkce: 'PKCE（S256）を必須にする',
  adminAddButton: '追加する',
  adminAdded:
    'クライアント {client} を追加しました。シークレットは再表示されないので、今コピーしてください。',
  adminRotated:
    '{client} の新しいシークレットです。古いシークレットで発行したトークンはすべて失効しました。',
  adminRotate: '新しいシークレット',
  adminRemove: '削除する',
  adminEdit: '編集',
  adminSave: '保存する',
  adminEdited:
    'クライアント {client} を保存しました。別のリダイレクトURI向けに発行した認可コードは使えなくなります。' +
    '発行済みのトークンは引き続き有効です。',
};

/** The words of the OAuth consent, error, account and admin pages, in the page's language. */
export function oauthTextsFor(language: Language): OAuthTexts {
  return language === 'ja' ? JA : EN;
}

export function fillText(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
