/**
 * Every Kintone-facing error the server can answer, in one table.
 *
 * Each row gives the HTTP status (as Kintone answers since its 2024 status-code update), the
 * legacy status used before it (most of those were 520), and the message in Japanese and
 * English. `{name}` placeholders are filled from the error's parameters.
 *
 * Where a row is our choice rather than an observation of real Kintone, `chosen` says so; the
 * README's "Behaviour choices" section lists those rows too. Codes that start with `KL_` are
 * kintone-local's own, for cases whose Kintone code is not documented: they can never be
 * mistaken for a real Kintone code. docs/errors.md documents every row
 * and a test keeps the two in step.
 */
export interface ErrorRow {
  readonly status: number;
  readonly legacyStatus: number;
  readonly ja: string;
  readonly en: string;
  /** Why we answer this way when Kintone's own answer is not documented. */
  readonly chosen?: string;
}

const GAIA_IA02_JA =
  '指定したAPIトークンは、アプリで生成されたトークンと異なります。' +
  'アプリのAPIトークンの設定を確認してください。' +
  '設定が正しい場合、APIトークンの設定がアプリに反映されていない場合があります。' +
  'アプリの設定を更新し、APIトークンの設定をアプリに反映します。';

const GAIA_IA02_EN =
  'The specified API token does not match the API token generated via an app. ' +
  "Check the app's API token settings. If the settings are correct, " +
  'the API token settings may not have been applied to the app yet: update the app to apply them.';

export const ERROR_TABLE = {
  // Authentication
  CB_AU01: {
    status: 401,
    legacyStatus: 520,
    ja: 'ログインしてください。',
    en: 'Please login.',
  },
  CB_WA01: {
    status: 401,
    legacyStatus: 520,
    ja:
      'ユーザーのパスワード認証に失敗しました。' +
      '「X-Cybozu-Authorization」ヘッダーの値が正しくありません。',
    en:
      'Password authentication failed. ' +
      'The value in http header of X-Cybozu-Authorization is not valid.',
  },
  GAIA_IA02: {
    status: 400,
    legacyStatus: 520,
    ja: GAIA_IA02_JA,
    en: GAIA_IA02_EN,
    chosen: 'Only the first English sentence is documented; the rest mirrors the Japanese text.',
  },
  GAIA_AP15: {
    status: 400,
    legacyStatus: 520,
    ja: 'APIトークンとアプリ(id: {app})の組み合わせが正しくありません。',
    en: 'The API token does not match the app (ID: {app}).',
    chosen: 'The code and messages are observed; the status is not documented.',
  },
  GAIA_NO01: {
    status: 403,
    legacyStatus: 520,
    ja: 'このAPIトークンでは、指定したAPIを実行できません。',
    en: 'Using this API token, you cannot run the specified API.',
  },
  GAIA_DA03: {
    status: 400,
    legacyStatus: 520,
    ja: '同じアプリのAPIトークンを重複して指定することはできません。',
    en: 'You cannot specify a duplicate API token for the same app.',
    chosen: 'The Japanese message is not documented.',
  },
  KL_TM01: {
    status: 400,
    legacyStatus: 520,
    ja: '1回のリクエストで指定できるAPIトークンは{max}個までです。',
    en: 'You can specify up to {max} API tokens in one request.',
    chosen: 'Kintone documents that ten or more tokens fail, not its code: this code is ours.',
  },
  CB_NO02: {
    status: 403,
    legacyStatus: 520,
    ja: '権限がありません。',
    en: 'No privilege to proceed.',
  },

  // Request shape
  CB_IL02: {
    status: 400,
    legacyStatus: 520,
    ja: '不正なリクエストです。',
    en: 'Illegal request.',
    chosen: 'The English message is not documented.',
  },
  CB_IJ01: {
    status: 400,
    legacyStatus: 520,
    ja: '不正なJSON文字列です。',
    en: 'Invalid JSON string.',
  },
  CB_VA01: {
    status: 400,
    legacyStatus: 520,
    ja: '入力内容が正しくありません。',
    en: 'Missing or invalid input.',
  },
  KL_UR01: {
    status: 404,
    legacyStatus: 404,
    ja: '指定したAPIは存在しません。',
    en: 'The specified API does not exist.',
    chosen: 'Unknown API paths; Kintone answers them with a 404 whose body is not documented.',
  },
  KL_UR02: {
    status: 405,
    legacyStatus: 405,
    ja: '指定したAPIは、このHTTPメソッドに対応していません。',
    en: 'The specified API does not support this HTTP method.',
    chosen: 'A known API path called with a method it does not have.',
  },
  KL_NI01: {
    status: 400,
    legacyStatus: 400,
    ja: 'この機能はkintone-localではまだ使えません: {feature}',
    en: 'This feature is not supported by kintone-local yet: {feature}',
    chosen:
      'kintone-local only: names an API it does not implement yet. ' +
      'A 4xx, because clients such as ' +
      'cli-kintone retry 5xx answers for a minute before reporting them.',
  },

  // Resources
  GAIA_AP01: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したアプリ（id: {app}）が見つかりません。削除されている可能性があります。',
    en: 'The app (ID: {app}) not found. The app may have been deleted.',
  },
  GAIA_IL23: {
    status: 400,
    legacyStatus: 400,
    ja:
      'ゲストスペース内のアプリを操作する場合は、' +
      'リクエストの送信先を「/k/guest/（ゲストスペースのID）/v1/...」にします。',
    en:
      'When you operate an app in a guest space, ' +
      "please send the request to '/k/guest/(guest space ID)/v1/...'.",
  },
  GAIA_RE01: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したレコード（id: {id}）が見つかりません。',
    en: 'The specified record (ID: {id}) is not found.',
  },
  GAIA_RE20: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したレコード（{field}: {value}）が見つかりません。',
    en: 'The specified record ({field}: {value}) is not found.',
    chosen: 'Answer for an updateKey that matches no record.',
  },
  GAIA_RE02: {
    status: 400,
    legacyStatus: 520,
    ja: '指定したコメントが存在しません。削除された可能性があります。',
    en: 'The specified comment does not exist. The comment may have been deleted.',
  },
  GAIA_BL01: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したファイル（id: {key}）が見つかりません。',
    en: 'The specified file (id: {key}) not found.',
  },
  GAIA_CO02: {
    status: 409,
    legacyStatus: 409,
    ja: '指定したrevisionは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。',
    en: 'The revision is not the latest. Someone may update a record.',
  },

  // Spaces
  KL_SP01: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したスペース（id: {id}）が見つかりません。削除されている可能性があります。',
    en: 'The space (ID: {id}) not found. The space may have been deleted.',
    chosen: 'Kintone does not document its answer for an unknown space.',
  },
  KL_SP02: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したスレッド（id: {id}）が見つかりません。削除されている可能性があります。',
    en: 'The thread (ID: {id}) not found. The thread may have been deleted.',
    chosen: 'Kintone does not document its answer for an unknown thread.',
  },

  KL_SP03: {
    status: 400,
    legacyStatus: 520,
    ja: 'スペース（id: {id}）は複数のスレッドを使用する設定になっていません。',
    en: 'The space (ID: {id}) is not set to use multiple threads.',
    chosen: 'Kintone documents the rule, not its error.',
  },
  KL_SP04: {
    status: 400,
    legacyStatus: 520,
    ja: 'コメントの本文を入力するか、ファイルを添付してください。',
    en: 'Enter the text of the comment or attach a file.',
    chosen: 'Kintone documents that a comment needs text or files, not its error.',
  },

  // Plugins
  KL_PL01: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したプラグイン（id: {id}）が見つかりません。',
    en: 'The plugin (ID: {id}) not found.',
    chosen: 'kintone-local installs no plugins; Kintone does not document this answer.',
  },

  // Process management
  GAIA_ST02: {
    status: 400,
    legacyStatus: 520,
    ja: '操作に失敗しました。プロセス管理機能が無効化されています。',
    en: 'Your request failed. The process management feature has been disabled.',
  },
  GAIA_IL03: {
    status: 400,
    legacyStatus: 520,
    ja: 'ステータスの変更に失敗しました。ほかのユーザーがステータス、またはステータスの設定を変更した可能性があります。',
    en:
      'Failed to update the status. The settings or the status itself may have been changed by ' +
      'someone.',
  },
  GAIA_SA01: {
    status: 400,
    legacyStatus: 520,
    ja: '作業者を指定してください。',
    en: 'Specify the assignee.',
    chosen: 'The Japanese message is observed; the English one is not.',
  },
  KL_ST01: {
    status: 403,
    legacyStatus: 520,
    ja: 'このレコードの作業者ではないため、アクションを実行できません。',
    en: 'You are not an assignee of this record, so you cannot run its actions.',
    chosen: 'Kintone refuses actions by users who are not assignees; its code is not documented.',
  },

  // Lookups
  GAIA_LO04: {
    status: 400,
    legacyStatus: 520,
    ja: 'フィールド「{field}」の値「{value}」が、ルックアップの参照先のフィールドにないか、またはアプリやフィールドの閲覧権限がありません。',
    en:
      'A value {value} in the field {field} does not exist in the datasource app for lookup, or ' +
      'you do not have permission to view the app or the field.',
  },

  // Files
  KL_FI01: {
    status: 413,
    legacyStatus: 520,
    ja: 'アップロードできるファイルのサイズは{max}バイトまでです。',
    en: 'The file to upload must be {max} bytes or smaller.',
    chosen:
      'Kintone refuses files over 1 GB with a code it does not document; the limit here is ' +
      'configurable and this code is ours.',
  },

  // Cursors
  KL_CU01: {
    status: 400,
    legacyStatus: 520,
    ja: 'カーソルは同時に{max}個まで作成できます。不要なカーソルを削除してください。',
    en: 'You can have up to {max} cursors at the same time. Delete the cursors you no longer need.',
    chosen: 'Kintone documents the limit of 10 open cursors per domain, not its error.',
  },
  KL_CU02: {
    status: 404,
    legacyStatus: 520,
    ja: '指定したカーソル（id: {id}）が見つかりません。期限切れか、削除されている可能性があります。',
    en: 'The cursor (ID: {id}) not found. It may have expired or been deleted.',
    chosen: 'Kintone does not document its answer for an unknown or expired cursor.',
  },

  // Query language
  GAIA_QU01: {
    status: 400,
    legacyStatus: 520,
    ja: 'limitには500以下の値を指定してください。',
    en: 'The limit must be 500 or less.',
  },
  GAIA_QU02: {
    status: 400,
    legacyStatus: 520,
    ja: 'offsetには10000以下の値を指定してください。',
    en: 'The offset must be 10,000 or less.',
  },
  GAIA_IQ03: {
    status: 400,
    legacyStatus: 520,
    ja: 'フィールド「{field}」に対して、演算子「{operator}」は使用できません。',
    en: 'The operator "{operator}" cannot be used for the field "{field}".',
  },
  GAIA_IQ07: {
    status: 400,
    legacyStatus: 520,
    ja: 'テーブル内のフィールド「{field}」には、演算子「{operator}」は使用できません。「in」または「not in」を使用してください。',
    en:
      'The operator "{operator}" cannot be used for the field "{field}" in a table. Use "in" or ' +
      '"not in".',
    chosen: 'The code is observed for = and != on fields in tables; the messages are not.',
  },
  GAIA_IQ11: {
    status: 400,
    legacyStatus: 520,
    ja: '指定されたフィールド（{field}）が見つかりません。',
    en: 'The specified field ({field}) does not exist.',
  },

  // Settings pages: messages shown in a form that was filled in wrongly
  KL_AD01: {
    status: 400,
    legacyStatus: 400,
    ja: 'ログイン名は1文字以上128文字以内で、空白や制御文字を含めずに入力してください。',
    en: 'Enter a login name of 1 to 128 characters without spaces or control characters.',
    chosen: 'Settings pages only: a login name the users page cannot accept.',
  },
  KL_AD02: {
    status: 400,
    legacyStatus: 400,
    ja: 'このログイン名はすでに使われています。',
    en: 'This login name is already in use.',
    chosen: 'Settings pages only: a new user whose login name another user has.',
  },
  KL_AD03: {
    status: 400,
    legacyStatus: 400,
    ja: 'パスワードは8文字以上128文字以内で、制御文字を含めずに入力してください。',
    en: 'Enter a password of 8 to 128 characters without control characters.',
    chosen: 'Settings pages only: the password rule of kintone-local.',
  },
  KL_AD04: {
    status: 400,
    legacyStatus: 400,
    ja: '現在のパスワードが正しくありません。',
    en: 'The current password is incorrect.',
    chosen: 'Settings pages only: a password change whose current password does not match.',
  },
  KL_AD05: {
    status: 400,
    legacyStatus: 400,
    ja: '表示名は1文字以上128文字以内で入力してください。',
    en: 'Enter a name of 1 to 128 characters.',
    chosen: 'Settings pages only: an empty or overlong display name or group name.',
  },
  KL_AD06: {
    status: 400,
    legacyStatus: 400,
    ja: 'グループコードは1文字以上128文字以内で、空白や制御文字を含めずに入力してください。',
    en: 'Enter a group code of 1 to 128 characters without spaces or control characters.',
    chosen: 'Settings pages only: a group code that is empty, taken or reserved.',
  },
  KL_AD07: {
    status: 400,
    legacyStatus: 400,
    ja: 'APIトークンは1つのアプリにつき{max}個まで生成できます。',
    en: 'Up to {max} API tokens can be generated per app.',
    chosen: 'The limit is documented; the message Kintone shows on the 21st token is not.',
  },
  KL_AD08: {
    status: 400,
    legacyStatus: 400,
    ja: 'メモは{max}文字以内で入力してください。',
    en: 'Enter a note of up to {max} characters.',
    chosen: 'The 200-character limit is documented; the message is not.',
  },
  KL_AD09: {
    status: 400,
    legacyStatus: 400,
    ja: '自分自身を無効にすることはできません。',
    en: 'You cannot disable your own account.',
    chosen: 'Settings pages only: keeps an administrator from locking themselves out.',
  },
  KL_AD10: {
    status: 400,
    legacyStatus: 400,
    ja: '自分自身を Administrators グループから外すことはできません。',
    en: 'You cannot remove yourself from the Administrators group.',
    chosen: 'Settings pages only: keeps an administrator from locking themselves out.',
  },

  // Throttling
  GAIA_TO04: {
    status: 429,
    legacyStatus: 429,
    ja: 'APIの同時リクエスト数が上限を超えています。',
    en: 'The number of concurrent API requests exceeds the limit.',
  },

  // Anything unexpected: never a stack trace on the wire.
  KL_IN01: {
    status: 500,
    legacyStatus: 500,
    ja: '内部エラーが発生しました。',
    en: 'An internal error occurred.',
    chosen: 'Generic body for unexpected failures; the detail goes to the log only.',
  },
} as const satisfies Record<string, ErrorRow>;

export type ErrorCode = keyof typeof ERROR_TABLE;

/**
 * The errors of the OAuth endpoints (`/oauth2/authorization`, `/oauth2/token`,
 * `/oauth2/revoke`), which answer in RFC 6749's shape rather than Kintone's: `error` is the
 * registered code, and the English text goes out as `error_description`. Errors the
 * authorization endpoint cannot send back to the client are shown to the user on a page, in
 * the page's language. Kintone documents none of these answers; docs/oauth.md lists them.
 */
export interface OAuthErrorRow {
  readonly error:
    | 'invalid_request'
    | 'invalid_client'
    | 'invalid_grant'
    | 'unauthorized_client'
    | 'unsupported_grant_type'
    | 'invalid_scope'
    | 'unsupported_response_type'
    | 'access_denied'
    | 'server_error';
  readonly status: number;
  readonly en: string;
  readonly ja: string;
}

export const OAUTH_ERROR_TABLE = {
  OA_MISSING_PARAMETER: {
    error: 'invalid_request',
    status: 400,
    en: 'The parameter {name} is missing.',
    ja: 'パラメーター {name} が指定されていません。',
  },
  OA_REPEATED_PARAMETER: {
    error: 'invalid_request',
    status: 400,
    en: 'The parameter {name} is given more than once.',
    ja: 'パラメーター {name} が複数回指定されています。',
  },
  OA_INVALID_PARAMETER: {
    error: 'invalid_request',
    status: 400,
    en: 'The parameter {name} is not valid.',
    ja: 'パラメーター {name} の値が正しくありません。',
  },
  OA_NOT_A_FORM: {
    error: 'invalid_request',
    status: 400,
    en: 'Send the parameters as an application/x-www-form-urlencoded body of a POST request.',
    ja: 'パラメーターはPOSTリクエストのapplication/x-www-form-urlencoded形式の本文で送信してください。',
  },
  OA_TWO_CLIENT_METHODS: {
    error: 'invalid_request',
    status: 400,
    en: 'Authenticate the client in one way only: the Authorization header or the body.',
    ja: 'クライアント認証はAuthorizationヘッダーと本文のどちらか一方で行ってください。',
  },
  OA_PKCE_REQUIRED: {
    error: 'invalid_request',
    status: 400,
    en: 'This client must send a code_challenge with code_challenge_method S256.',
    ja: 'このクライアントはcode_challenge_method S256のcode_challengeを送信する必要があります。',
  },
  OA_CLIENT_AUTH: {
    error: 'invalid_client',
    status: 401,
    en: 'Client authentication failed.',
    ja: 'クライアント認証に失敗しました。',
  },
  OA_INVALID_GRANT: {
    error: 'invalid_grant',
    status: 400,
    en:
      'The authorization code or refresh token is invalid, expired, revoked, or was issued to ' +
      'another client.',
    ja: '認可コードまたはリフレッシュトークンが無効、期限切れ、失効済み、または別のクライアントに発行されたものです。',
  },
  OA_GRANT_TYPE: {
    error: 'unsupported_grant_type',
    status: 400,
    en: 'Only the authorization_code and refresh_token grant types are supported.',
    ja: 'authorization_codeとrefresh_token以外のグラントタイプには対応していません。',
  },
  OA_SCOPE: {
    error: 'invalid_scope',
    status: 400,
    en: 'The scope is empty, unknown, or wider than granted.',
    ja: 'スコープが空か、存在しないか、許可された範囲を超えています。',
  },
  OA_RESPONSE_TYPE: {
    error: 'unsupported_response_type',
    status: 400,
    en: 'Only the response type "code" is supported.',
    ja: 'レスポンスタイプは「code」のみ対応しています。',
  },
  OA_DENIED: {
    error: 'access_denied',
    status: 403,
    en: 'The user denied the request.',
    ja: 'ユーザーが要求を拒否しました。',
  },
  OA_USER_NOT_ALLOWED: {
    error: 'access_denied',
    status: 403,
    en: 'This user is not allowed to use this client.',
    ja: 'このユーザーはこのクライアントを利用できません。',
  },
  OA_UNKNOWN_CLIENT: {
    error: 'invalid_request',
    status: 400,
    en: 'The client_id is missing or does not name a registered OAuth client.',
    ja: 'client_idが指定されていないか、登録されているOAuthクライアントではありません。',
  },
  OA_REDIRECT_URI: {
    error: 'invalid_request',
    status: 400,
    en: 'The redirect_uri is missing or differs from the one registered for this client.',
    ja: 'redirect_uriが指定されていないか、このクライアントに登録されたものと異なります。',
  },
  OA_CONSENT_TOKEN: {
    error: 'access_denied',
    status: 403,
    en:
      'The consent form has expired or did not come from this server. Start again from the ' +
      'application.',
    ja: '同意画面の有効期限が切れたか、このサーバーからの送信ではありません。アプリケーションからやり直してください。',
  },
  OA_SERVER: {
    error: 'server_error',
    status: 500,
    en: 'An internal error occurred.',
    ja: '内部エラーが発生しました。',
  },
} as const satisfies Record<string, OAuthErrorRow>;

export type OAuthErrorCode = keyof typeof OAUTH_ERROR_TABLE;
