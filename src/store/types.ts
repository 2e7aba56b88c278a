import type { FieldProperties, RecordRow, StoredValues } from '../kintone/fields/types.js';
import type { StatusSettings } from '../kintone/process/settings.js';

export interface User {
  id: number;
  loginName: string;
  displayName: string;
  passwordHash: string;
  isAdmin: boolean;
  enabled: boolean;
  /** The user's own page and message language; '' follows the browser's Accept-Language. */
  language: LanguageChoice;
}

export type LanguageChoice = 'ja' | 'en' | '';

export interface Space {
  id: number;
  name: string;
  isGuest: boolean;
}

/** Who a write is recorded as: a user's login name and display name. */
export interface Actor {
  code: string;
  name: string;
}

export interface App {
  id: number;
  name: string;
  code: string;
  description: string;
  spaceId: number | null;
  threadId: number | null;
  properties: FieldProperties;
  /** Process management; null when the app has never had it set. */
  status: StatusSettings | null;
  revision: number;
  creator: Actor;
  createdAt: string;
  modifier: Actor;
  modifiedAt: string;
}

/** The five checkboxes of an API token, as in an app's API token settings. */
export interface TokenPermissions {
  view: boolean;
  add: boolean;
  edit: boolean;
  delete: boolean;
  manage: boolean;
}

export type TokenPermission = keyof TokenPermissions;

export interface ApiToken {
  id: number;
  appId: number;
  permissions: TokenPermissions;
  note: string;
  /** False until the app's settings are updated after the token was generated. */
  deployed: boolean;
}

/** A token as its app's settings page shows it: never its value, only the last characters. */
export interface TokenSettings extends ApiToken {
  hint: string;
  /** Saved changes not yet applied by "Update App"; null when the token is as deployed. */
  pending: PendingTokenChange | null;
}

/** What "Update App" will do to a deployed token. */
export type PendingTokenChange =
  | { kind: 'delete' }
  | { kind: 'change'; permissions: TokenPermissions; note: string; digest?: string; hint?: string };

export interface NewRecord {
  values: StoredValues;
  creator: Actor;
  createdAt: string;
  modifier: Actor;
  updatedAt: string;
}

export interface RecordUpdate {
  id: number;
  /** null skips the optimistic-lock check, as Kintone does for an omitted or -1 revision. */
  expectedRevision: number | null;
  values: StoredValues;
  /** How much the revision grows: Kintone counts a status action as two changes. */
  revisionStep?: number;
}

export interface RecordDeletion {
  id: number;
  expectedRevision: number | null;
}

export type { RecordRow, StoredValues, FieldProperties };

/** Kintone's "Everyone": every user belongs to it. Built in, not stored. */
export const EVERYONE_GROUP = 'everyone';

/** Kintone's administrators' group: the users marked as administrators. Built in, not stored. */
export const ADMINISTRATORS_GROUP = 'Administrators';

/** Who an app permission entry applies to. Kintone's "Everyone" is the group `everyone`. */
export type AclEntity =
  | { type: 'USER'; code: string }
  | { type: 'GROUP'; code: string }
  | { type: 'CREATOR'; code: null };

/** The rights one entry of an app's permissions grants, named as in `GET app/acl.json`. */
export interface AppRights {
  appEditable: boolean;
  recordViewable: boolean;
  recordAddable: boolean;
  recordEditable: boolean;
  recordDeletable: boolean;
  recordImportable: boolean;
  recordExportable: boolean;
}

/** One entry of an app's permissions; entries are evaluated in order, the first match wins. */
export interface AppAclEntry extends AppRights {
  entity: AclEntity;
  includeSubs: boolean;
}

export interface Group {
  code: string;
  name: string;
}

/**
 * Who a record or field permission applies to. `FIELD_ENTITY` names a field of the record
 * (a user selection, the creator or the modifier): the users it holds.
 */
export type PermissionEntity =
  | { type: 'USER'; code: string }
  | { type: 'GROUP'; code: string }
  | { type: 'FIELD_ENTITY'; code: string };

/** What one entity may do with the records a rule matches. */
export interface RecordAclEntity {
  entity: PermissionEntity;
  viewable: boolean;
  editable: boolean;
  deletable: boolean;
  includeSubs: boolean;
}

/**
 * One rule of an app's record permissions: the records its condition (Kintone's query
 * language, empty for all records) matches, and the entities' rights on them, in priority order.
 */
export interface RecordAclRule {
  filterCond: string;
  entities: RecordAclEntity[];
}

export type FieldAccessibility = 'READ' | 'WRITE' | 'NONE';

export interface FieldAclEntity {
  entity: PermissionEntity;
  accessibility: FieldAccessibility;
  includeSubs: boolean;
}

/** One field's permissions: the entities' access to it, in priority order. */
export interface FieldAclRule {
  code: string;
  entities: FieldAclEntity[];
}

/** The three permission settings of an app, each kept live and, once edited, in preview. */
export interface PermissionSettings {
  app: AppAclEntry[];
  record: RecordAclRule[];
  field: FieldAclRule[];
}

export type PermissionKind = keyof PermissionSettings;
