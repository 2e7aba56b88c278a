import type { LocalText } from './kintone-error.js';

/**
 * The per-input messages that go inside a CB_VA01 answer (`errors.<key>.messages[]`), in one
 * table. `{name}` placeholders are filled by `inputMessage`.
 *
 * The texts marked as observed were seen on real Kintone tenants and must match byte for byte.
 * Where Kintone's own text is unknown, `chosen` says so and why we answer this way.
 */
export interface InputMessageRow {
  readonly ja: string;
  readonly en: string;
  /** Why we answer this way when Kintone's own text has not been observed. */
  readonly chosen?: string;
}

const CHOSEN_PARAM = 'Kintone refuses this input, but its exact message has not been observed.';

export const INPUT_MESSAGES = {
  // Record fields (observed)
  REQUIRED: { ja: '必須です。', en: 'Required.' },
  NOT_AN_OPTION: {
    ja: '"{value}"は選択肢にありません。',
    en: 'The value, "{value}", is not in options.',
  },
  NOT_A_NUMBER: { ja: '数字でなければなりません。', en: 'Only numbers are allowed.' },
  // Kintone names the first length that fails: maxLength + 1 and minLength - 1.
  TOO_LONG: {
    ja: '{limit}文字より短くなければなりません。',
    en: 'Enter less than {limit} characters.',
  },
  TOO_SHORT: {
    ja: '{limit}文字より長くなければなりません。',
    en: 'Enter more than {limit} characters.',
  },
  TOO_LARGE: { ja: '{max}以下である必要があります。', en: 'The value must be {max} or less.' },
  TOO_SMALL: { ja: '{min}以上である必要があります。', en: 'The value must be {min} or more.' },
  DUPLICATE: {
    ja: '値がほかのレコードと重複しています。',
    en: 'This value already exists in another record.',
  },

  // Record fields (chosen)
  BAD_DATE: {
    ja: '日付は「YYYY-MM-DD」の形式で指定してください。',
    en: 'Enter the date in YYYY-MM-DD format.',
    chosen: 'Kintone rejects malformed dates, but its message has not been observed.',
  },
  BAD_TIME: {
    ja: '時刻は「HH:MM」の形式で指定してください。',
    en: 'Enter the time in HH:MM format.',
    chosen: 'Kintone rejects malformed times, but its message has not been observed.',
  },
  BAD_DATETIME: {
    ja:
      '日時は「YYYY-MM-DDTHH:MM:SSZ」または「YYYY-MM-DDTHH:MM:SS±HH:MM」' +
      'の形式で指定してください。',
    en: 'Enter the date and time as YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DDTHH:MM:SS±HH:MM.',
    chosen: 'Kintone rejects malformed datetimes, but its message has not been observed.',
  },

  // Request parameters (observed)
  REQUIRED_PARAMETER: { ja: '必須です。', en: 'Required field.' },
  AT_LEAST_ONE: { ja: '最小でも1以上です。', en: 'must be greater than or equal to 1' },
  AT_MOST: {
    ja: '最大でも{max}以下です。',
    en: 'must be less than or equal to {max}',
    chosen: 'Worded like the observed lower-bound message.',
  },
  UNKNOWN_USER: {
    ja: '指定したユーザー（{code}）が見つかりません。',
    en: 'The user ({code}) not found.',
    chosen: 'Kintone refuses an unknown user here, but its message has not been observed.',
  },
  NO_ORGANIZATIONS: {
    ja: '組織（{code}）が見つかりません。kintone-localには組織がありません。',
    en: 'The organization ({code}) not found: kintone-local has no organizations.',
    chosen: 'kintone-local stores no organizations, so none can be named.',
  },
  NOT_A_CANDIDATE: {
    ja: '{code}は、このステータスの作業者に指定できません。',
    en: '{code} cannot be an assignee of this status.',
    chosen:
      'Kintone refuses an assignee outside the next status setting; its message is not observed.',
  },
  NO_LIMIT_IN_CURSOR: {
    ja: 'カーソルのクエリにはlimitとoffsetを指定できません。',
    en: 'limit and offset cannot be used in the query of a cursor.',
    chosen: 'Kintone documents the rule, not its message.',
  },
  NOT_BULK_METHOD: {
    ja: 'POST、PUT、DELETEのいずれかを指定してください。',
    en: 'Specify POST, PUT or DELETE.',
    chosen: 'Kintone documents the methods a bulk request takes, not this message.',
  },
  NOT_BULK_API: {
    ja: '一括処理できないAPIです。',
    en: 'This API cannot be used in a bulk request.',
    chosen: 'Kintone documents the APIs a bulk request takes, not this message.',
  },
  REPEATED_RECORD: {
    ja: '同じレコードが複数回指定されています。',
    en: 'The same record is specified more than once.',
    chosen: 'Kintone refuses this, but its message has not been observed.',
  },
  NOT_IN_ENUM: {
    ja: 'Enum値のいずれかでなければなりません。',
    en: 'must be one of the enum value',
  },
  TOO_MANY_RECORDS_TO_ADD: {
    ja: '一度に100件までのレコードを追加できます。',
    en: 'A maximum of 100 records can be added at one time.',
  },
  TOO_MANY_RECORDS_TO_UPDATE: {
    ja: '一度に100件までのレコードを更新できます。',
    en: 'A maximum of 100 records can be updated at one time.',
  },
  RECORDS_TO_DELETE_OUT_OF_RANGE: {
    ja: '一度に1件から100件までのレコードを削除できます。',
    en: 'Between 1 and 100 records can be deleted at one time.',
  },

  // Request parameters (chosen)
  NOT_INTEGER: {
    ja: '整数で指定してください。',
    en: 'Enter an integer value.',
    chosen: CHOSEN_PARAM,
  },
  NOT_BOOLEAN: {
    ja: 'trueまたはfalseを指定してください。',
    en: 'Enter true or false.',
    chosen: CHOSEN_PARAM,
  },
  NOT_OBJECT: {
    ja: 'オブジェクトで指定してください。',
    en: 'Enter an object.',
    chosen: CHOSEN_PARAM,
  },
  NOT_ARRAY: { ja: '配列で指定してください。', en: 'Enter an array.', chosen: CHOSEN_PARAM },
  NOT_STRING: { ja: '文字列で指定してください。', en: 'Enter a string.', chosen: CHOSEN_PARAM },
  TOO_MANY_ITEMS: {
    ja: '{max}件以下で指定してください。',
    en: 'Specify {max} or fewer items.',
    chosen: CHOSEN_PARAM,
  },
  REVISIONS_MISMATCH: {
    ja: 'idsとrevisionsの要素数が一致しません。',
    en: 'The number of ids and revisions must be the same.',
    chosen: CHOSEN_PARAM,
  },
  NOT_UNIQUE_KEY: {
    ja: '重複禁止が設定された文字列（1行）または数値フィールドを指定してください。',
    en: 'Specify a Text or Number field with "Prohibit duplicate values" enabled.',
    chosen: CHOSEN_PARAM,
  },
  ID_OR_UPDATE_KEY: {
    ja: 'idまたはupdateKeyのどちらか一方を指定してください。',
    en: 'Specify either id or updateKey.',
    chosen: CHOSEN_PARAM,
  },
  CONDITION_ONLY: {
    ja: '条件だけを指定してください（order by、limit、offsetは指定できません）。',
    en: 'Specify a condition only: order by, limit and offset are not allowed.',
    chosen: CHOSEN_PARAM,
  },
  UNKNOWN_GROUP: {
    ja: '指定したグループ（{code}）が見つかりません。',
    en: 'The group ({code}) not found.',
    chosen: CHOSEN_PARAM,
  },
  UNKNOWN_FIELD: {
    ja: '指定したフィールド（{code}）が見つかりません。',
    en: 'The field ({code}) not found.',
    chosen: CHOSEN_PARAM,
  },
  REPEATED_FIELD: {
    ja: 'フィールド（{code}）が複数回指定されています。',
    en: 'The field ({code}) is named more than once.',
    chosen: CHOSEN_PARAM,
  },
  NOT_USER_FIELD: {
    ja: 'ユーザー選択、作成者、更新者のいずれかのフィールドを指定してください。',
    en: 'Specify a User selection, Created by or Updated by field.',
    chosen: CHOSEN_PARAM,
  },
  NO_PERMISSION_ON_FIELD: {
    ja: 'このフィールドにはアクセス権を設定できません。',
    en: 'Permissions cannot be set on this field.',
    chosen: CHOSEN_PARAM,
  },
  VIEW_NEEDED: {
    ja: 'レコードの編集または削除を許可する場合は、閲覧も許可してください。',
    en: 'Allow viewing records when allowing editing or deleting them.',
    chosen: 'Kintone documents the rule, not its message.',
  },
  ADD_NEEDED: {
    ja: 'ファイルの読み込みを許可する場合は、レコード追加も許可してください。',
    en: 'Allow adding records when allowing importing them from a file.',
    chosen: 'Kintone documents the rule, not its message.',
  },
  NOT_SUPPORTED_HERE: {
    ja: 'kintone-localはこの値に対応していません。',
    en: 'kintone-local does not support this value.',
    chosen: 'Departments do not exist in kintone-local.',
  },
  FIELD_CODE_TAKEN: {
    ja: 'フィールドコード「{code}」は既に使用されています。',
    en: 'The field code "{code}" is already in use.',
    chosen: CHOSEN_PARAM,
  },
  FIELD_NOT_FOUND: {
    ja: 'フィールド「{code}」が見つかりません。',
    en: 'The field "{code}" is not found.',
    chosen: CHOSEN_PARAM,
  },
  FIELD_TYPE_FIXED: {
    ja: 'フィールドの種類は変更できません。',
    en: 'The type of a field cannot be changed.',
    chosen: CHOSEN_PARAM,
  },
  SYSTEM_FIELD_FIXED: {
    ja: 'フィールド「{code}」は削除できません。',
    en: 'The field "{code}" cannot be deleted.',
    chosen: CHOSEN_PARAM,
  },
  NOT_HTTPS_URL: {
    ja: 'https://で始まるURLを指定してください。',
    en: 'Specify a URL that starts with https://.',
    chosen: CHOSEN_PARAM,
  },
  UNKNOWN_FILE_KEY: {
    ja: '指定したファイルが見つかりません。',
    en: 'The specified file is not found.',
    chosen: CHOSEN_PARAM,
  },
  NO_SPACE_ADMIN: {
    ja: 'スペース管理者を1人以上指定してください。',
    en: 'Specify at least one space administrator.',
    chosen: 'Kintone documents the rule, not its message.',
  },
  NOT_EMAIL: {
    ja: 'メールアドレスを指定してください。',
    en: 'Specify an e-mail address.',
    chosen: CHOSEN_PARAM,
  },
  CODE_TAKEN: {
    ja: '「{code}」は既に使用されています。',
    en: '"{code}" is already in use.',
    chosen: CHOSEN_PARAM,
  },
  UNKNOWN_STATUS: {
    ja: 'ステータス「{name}」が見つかりません。',
    en: 'The status "{name}" is not found.',
    chosen: CHOSEN_PARAM,
  },
  NAME_NOT_KEY: {
    ja: '名前はキー「{key}」と同じにしてください。',
    en: 'The name must be the same as its key "{key}".',
    chosen: CHOSEN_PARAM,
  },
  STATE_IN_USE: {
    ja: 'ステータス「{name}」のレコードがあるため、このステータスは削除できません。',
    en: 'The status "{name}" cannot be removed while records are in it.',
    chosen: 'Kintone documents the rule, not its message.',
  },
  UNSAFE_CHARACTER: {
    ja: 'NUL文字と対になっていないサロゲートは使用できません。',
    en: 'NUL characters and unpaired surrogates are not allowed.',
    chosen:
      "Kintone's answer to these characters has not been observed. PostgreSQL cannot store " +
      'them, so every request that holds one is refused alike, whatever the database.',
  },
} as const satisfies Record<string, InputMessageRow>;

export type InputMessageName = keyof typeof INPUT_MESSAGES;

/** One message in both languages, placeholders filled. */
export function inputMessage(
  name: InputMessageName,
  params: Record<string, string | number> = {},
): LocalText {
  const row: InputMessageRow = INPUT_MESSAGES[name];
  return { ja: fill(row.ja, params), en: fill(row.en, params) };
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
