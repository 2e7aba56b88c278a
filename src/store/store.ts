import path from 'node:path';
import { ApiTokenStore } from './api-tokens.js';
import { AppSettingsStore } from './app-settings.js';
import { AuditLogStore } from './audit-log.js';
import { AppStore } from './apps.js';
import { CommentStore } from './comments.js';
import { CursorStore } from './cursors.js';
import type { OpenDatabase } from './dialects/dialect.js';
import { openPostgres } from './dialects/postgres.js';
import { openSqlite } from './dialects/sqlite.js';
import { GroupStore } from './groups.js';
import { GuestStore } from './guests.js';
import { migrateToLatest } from './migrations.js';
import { PermissionSettingsStore } from './permission-settings.js';
import { OAuthClientStore } from './oauth-clients.js';
import { OAuthCodeStore } from './oauth-codes.js';
import { OAuthGrantStore } from './oauth-grants.js';
import { CustomizeStore } from './customizations.js';
import { FileStore } from './files.js';
import { RecordStore } from './records.js';
import { RequestCountStore } from './request-counts.js';
import { SessionStore } from './sessions.js';
import { SpaceDetailStore } from './space-details.js';
import { SpaceStore } from './spaces.js';
import { UserStore } from './users.js';

/** Everything the server keeps, one aggregate per property, on SQLite or PostgreSQL alike. */
export interface Store {
  readonly users: UserStore;
  readonly spaces: SpaceStore;
  readonly spaceDetails: SpaceDetailStore;
  readonly apps: AppStore;
  readonly records: RecordStore;
  readonly apiTokens: ApiTokenStore;
  readonly cursors: CursorStore;
  readonly sessions: SessionStore;
  readonly customize: CustomizeStore;
  readonly files: FileStore;
  readonly groups: GroupStore;
  readonly guests: GuestStore;
  readonly appSettings: AppSettingsStore;
  readonly comments: CommentStore;
  readonly permissions: PermissionSettingsStore;
  readonly oauthClients: OAuthClientStore;
  readonly oauthCodes: OAuthCodeStore;
  readonly oauthGrants: OAuthGrantStore;
  readonly auditLog: AuditLogStore;
  readonly requestCounts: RequestCountStore;
  readonly database: OpenDatabase;
  readonly recordSql: OpenDatabase['recordSql'];
  close(): Promise<void>;
}

export type StoreLocation =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

/** Where the store lives: PostgreSQL when a URL is given, else SQLite in the data folder. */
export function storeLocationFor(options: {
  databaseUrl?: string;
  dataDir: string;
}): StoreLocation {
  if (options.databaseUrl) return { kind: 'postgres', url: options.databaseUrl };
  return { kind: 'sqlite', file: path.resolve(options.dataDir, 'kintone-local.db') };
}

/** Opens the store and brings its schema up to date. */
export async function openStore(location: StoreLocation): Promise<Store> {
  const database =
    location.kind === 'postgres'
      ? openPostgres(location.url, location.schema)
      : openSqlite(location.file);
  try {
    await database.createSchemaIfMissing();
    await migrateToLatest(database.db, database.storage, await database.currentSchema());
  } catch (error) {
    await database.close();
    throw error;
  }

  const requestCounts = new RequestCountStore(database);
  return {
    users: new UserStore(database),
    spaces: new SpaceStore(database),
    spaceDetails: new SpaceDetailStore(database),
    apps: new AppStore(database),
    records: new RecordStore(database),
    apiTokens: new ApiTokenStore(database),
    cursors: new CursorStore(database),
    sessions: new SessionStore(database),
    customize: new CustomizeStore(database),
    files: new FileStore(database),
    groups: new GroupStore(database),
    guests: new GuestStore(database),
    appSettings: new AppSettingsStore(database),
    comments: new CommentStore(database),
    permissions: new PermissionSettingsStore(database),
    oauthClients: new OAuthClientStore(database),
    oauthCodes: new OAuthCodeStore(database),
    oauthGrants: new OAuthGrantStore(database),
    auditLog: new AuditLogStore(database),
    requestCounts,
    database,
    recordSql: database.recordSql,
    async close() {
      await requestCounts.close();
      await database.close();
    },
  };
}
