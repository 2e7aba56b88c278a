import type { Generated } from 'kysely';

/**
 * Tables as the SQL builder sees them. Columns are snake_case; the store turns rows into
 * camelCase objects in one place per aggregate. JSON columns are TEXT on SQLite and JSONB on
 * PostgreSQL; the dialect decides how they are read and written.
 */
export interface Schema {
  users: UsersTable;
  spaces: SpacesTable;
  space_members: SpaceMembersTable;
  apps: AppsTable;
  records: RecordsTable;
  api_tokens: ApiTokensTable;
  cursors: CursorsTable;
  sessions: SessionsTable;
  app_customize: AppCustomizeTable;
  files: FilesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  app_acl: AppAclTable;
  app_settings: AppSettingsTable;
  app_preview: AppPreviewTable;
  space_details: SpaceDetailsTable;
  space_threads: SpaceThreadsTable;
  space_thread_comments: SpaceThreadCommentsTable;
  guest_users: GuestUsersTable;
  space_guests: SpaceGuestsTable;
  record_comments: RecordCommentsTable;
  permission_settings: PermissionSettingsTable;
  oauth_clients: OAuthClientsTable;
  oauth_client_users: OAuthClientUsersTable;
  oauth_grants: OAuthGrantsTable;
  oauth_codes: OAuthCodesTable;
  oauth_tokens: OAuthTokensTable;
  audit_log: AuditLogTable;
  app_request_counts: AppRequestCountsTable;
}

export interface AppRequestCountsTable {
  app_id: number;
  /** `YYYY-MM-DD` in the server's time zone. */
  day: string;
  count: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  event: string;
  outcome: string;
  method: string;
  user_id: number | null;
  login_name: string | null;
  client: string | null;
  reason: string | null;
}

export interface UsersTable {
  id: Generated<number>;
  login_name: string;
  display_name: string;
  password_hash: string;
  is_admin: number;
  enabled: number;
  created_at: string;
  /** 'ja' or 'en', or '' to follow the browser. */
  language: Generated<string>;
}

export interface SpacesTable {
  id: number;
  name: string;
  is_guest: number;
}

/** A member is a user (`user_id`) or a group (`group_code`), never both. */
export interface SpaceMembersTable {
  space_id: number;
  user_id: number | null;
  group_code: string | null;
  is_admin: Generated<number>;
}

export interface AppsTable {
  id: number;
  name: string;
  code: string;
  description: string;
  space_id: number | null;
  thread_id: number | null;
  properties: unknown;
  revision: number;
  next_record_id: number;
  creator_code: string;
  creator_name: string;
  created_at: string;
  modifier_code: string;
  modifier_name: string;
  modified_at: string;
  status_settings: string | null;
}

export interface RecordsTable {
  app_id: number;
  id: number;
  revision: number;
  field_values: unknown;
  creator_code: string;
  creator_name: string;
  created_at: string;
  modifier_code: string;
  modifier_name: string;
  updated_at: string;
  next_comment_id: Generated<number>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  app_id: number;
  digest: string;
  can_view: number;
  can_add: number;
  can_edit: number;
  can_delete: number;
  can_manage: number;
  note: string;
  deployed: number;
  created_at: string;
  /** The token's last four characters, shown in the settings after generation. */
  hint: Generated<string>;
  /** Saved changes of a deployed token, as JSON, waiting for "Update App". */
  pending: string | null;
}

export interface CursorsTable {
  id: string;
  app_id: number;
  owner: string;
  field_codes: string | null;
  page_size: number;
  record_ids: string;
  position: number;
  expires_at: number;
}

export interface SessionsTable {
  id: string;
  secret_digest: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
}

export interface AppCustomizeTable {
  app_id: number;
  kind: 'js' | 'css';
  position: number;
  url: string | null;
  file_name: string | null;
  content: string | null;
}

export interface FilesTable {
  /** SHA-256 of the file key: keys are bearer secrets until a record shows them. */
  key_digest: string;
  name: string;
  content_type: string;
  size: number;
  bytes: Buffer | Uint8Array;
  /** Milliseconds since the epoch. */
  created_at: number;
  owner: string;
  attached: number;
  app_id: number | null;
  record_id: number | null;
  field_code: string | null;
  /** The space thread comment the file is attached to, for files no record holds. */
  thread_comment_id: number | null;
  /** The width (100 to 750) an image attached to a thread comment is shown at. */
  width: number | null;
}

export interface GroupsTable {
  code: string;
  name: string;
}

export interface GroupMembersTable {
  group_code: string;
  user_id: number;
}

/** An app's permission entries as JSON text, in evaluation order; no row means the default. */
export interface AppAclTable {
  app_id: number;
  rights: string;
}

export interface RecordCommentsTable {
  app_id: number;
  record_id: number;
  id: number;
  text: string;
  /** JSON text: `[{code, type}]` in the order given. */
  mentions: string;
  creator_code: string;
  creator_name: string;
  created_at: string;
}

/**
 * Record and field permissions, live, and every permission setting's preview: JSON text in
 * evaluation order. No live row means Kintone's default; no preview row means the preview
 * equals what is live.
 */
export interface PermissionSettingsTable {
  app_id: number;
  kind: string;
  stage: string;
  rights: string;
}

/** One kind of an app's settings in one stage ('live' or 'preview'), as JSON text. */
export interface AppSettingsTable {
  app_id: number;
  kind: string;
  stage: 'live' | 'preview';
  body: string;
}

/** The revision of an app's preview settings, once they differ from live. */
export interface AppPreviewTable {
  app_id: number;
  revision: number;
}

/** A space's body, privacy, creator and display options, as JSON text. */
export interface SpaceDetailsTable {
  space_id: number;
  details: string;
}

export interface SpaceThreadsTable {
  id: number;
  space_id: number;
  name: string;
  body: string;
}

export interface SpaceThreadCommentsTable {
  id: number;
  thread_id: number;
  text: string;
  mentions: string;
  creator_code: string;
  created_at: string;
}

/** A guest user, by e-mail address; `details` holds the optional profile as JSON text. */
export interface GuestUsersTable {
  code: string;
  name: string;
  password_hash: string;
  details: string;
}

export interface SpaceGuestsTable {
  space_id: number;
  code: string;
}

export interface OAuthClientsTable {
  id: string;
  name: string;
  redirect_uri: string;
  /** SHA-256 of the client secret; the secret itself is never stored. */
  secret_digest: string;
  require_pkce: number;
  created_at: string;
}

/** The users a client may act for, as Kintone's "Configure users" list. */
export interface OAuthClientUsersTable {
  client_id: string;
  user_id: number;
}

export interface OAuthGrantsTable {
  id: string;
  client_id: string;
  user_id: number;
  scope: string;
  /** Milliseconds since the epoch; the refresh tokens' absolute lifetime starts here. */
  created_at: number;
}

export interface OAuthCodesTable {
  /** SHA-256 of the authorization code. */
  digest: string;
  client_id: string;
  user_id: number;
  redirect_uri: string;
  scope: string;
  /** The PKCE S256 challenge, when the client sent one. */
  code_challenge: string | null;
  expires_at: number;
  used: number;
  /** The grant the code was exchanged for, so that a replay can revoke it. */
  grant_id: string | null;
}

export interface OAuthTokensTable {
  /** SHA-256 of the access or refresh token. */
  digest: string;
  grant_id: string;
  kind: 'access' | 'refresh';
  scope: string;
  expires_at: number;
  /** A refresh token is consumed by its one use; a second use revokes the grant. */
  consumed: number;
}
