import { openApp } from '../auth/app-access.js';
import { DEFAULT_APP_ACL } from '../auth/app-permissions.js';
import { queryContextFor } from '../auth/record-permissions.js';
import { KintoneError } from '../errors/kintone-error.js';
import { writeSetting } from '../store/permission-settings.js';
import type { Store } from '../store/store.js';
import type { App, PermissionKind, PermissionSettings } from '../store/types.js';
import type { ApiCall, Endpoint } from './endpoint.js';
import { readRevision } from './param-readers.js';
import {
  readAppAclInput,
  readFieldAclInput,
  readRecordAclInput,
  referencesInStore,
  type PermissionReferences,
} from './permission-input.js';

/*
 * An app's three permission settings: app (`app/acl`), record (`record/acl`) and field
 * (`field/acl`). Each is read live or in preview and written in preview only; a preview never
 * written shows what is live. Every call needs app management: the manage checkbox for a
 * token, the app permission for a user.
 */

/** One permission setting: where it is served, its default, and how its input is checked. */
interface SettingKind<K extends PermissionKind> {
  kind: K;
  path: string;
  /** What an app without its own setting has. */
  defaults: PermissionSettings[K];
  read(value: unknown, refs: PermissionReferences): Promise<PermissionSettings[K]>;
}

const APP: SettingKind<'app'> = {
  kind: 'app',
  path: 'app/acl',
  defaults: [...DEFAULT_APP_ACL],
  read: readAppAclInput,
};
const RECORD: SettingKind<'record'> = {
  kind: 'record',
  path: 'record/acl',
  defaults: [],
  read: readRecordAclInput,
};
const FIELD: SettingKind<'field'> = {
  kind: 'field',
  path: 'field/acl',
  defaults: [],
  read: readFieldAclInput,
};

const SETTINGS: { [K in PermissionKind]: SettingKind<K> } = {
  app: APP,
  record: RECORD,
  field: FIELD,
};

/**
 * What `GET app/acl.json`, `record/acl.json` or `field/acl.json` answers for an app: its live
 * setting, or the default of an app without one. The command line prints the same.
 */
export async function liveSetting<K extends PermissionKind>(
  store: Store,
  app: App,
  kind: K,
): Promise<{ rights: PermissionSettings[K]; revision: string }> {
  const rights = await store.permissions.find(app.id, kind, 'live');
  return { rights: rights ?? SETTINGS[kind].defaults, revision: String(app.revision) };
}

/**
 * What `PUT preview/app/acl.json` (and the record and field ones) does once the caller may
 * manage the app: checks the rights as the API takes them, then writes them in preview with
 * the check (null skips it) and the move of the app's preview revision. The app settings page
 * saves through here too, so it can store nothing the API would refuse. Answers the new
 * preview revision; GAIA_CO02 when another change came first.
 */
export async function writePermissionPreview<K extends PermissionKind>(
  store: Store,
  app: App,
  kind: K,
  input: { rights: unknown; refs: PermissionReferences; expectedRevision: number | null },
): Promise<number> {
  const rights = await SETTINGS[kind].read(input.rights, input.refs);
  // Compared and moved as the change is written, not against the app read before: another
  // manager, or another instance, may have changed the app since.
  const revision = await store.appSettings.changePreview(app.id, input.expectedRevision, (trx) =>
    writeSetting(trx, app.id, kind, 'preview', JSON.stringify(rights)),
  );
  if (revision === null) throw new KintoneError('GAIA_CO02');
  return revision;
}

function endpointsFor<K extends PermissionKind>(setting: SettingKind<K>): Endpoint[] {
  const read = (stage: 'live' | 'preview') => async (call: ApiCall) => {
    const app = await openApp(call, 'manage');
    const store = call.services.store;
    if (stage === 'live') return liveSetting(store, app, setting.kind);
    const rights = await store.permissions.findPreview(app.id, setting.kind);
    const revision = await store.appSettings.previewRevision(app.id);
    return { rights: rights ?? setting.defaults, revision: String(revision) };
  };

  const write = async (call: ApiCall) => {
    const app = await openApp(call, 'manage', appParamOf(call));
    // Permission previews share the app's preview revision with every other setting.
    const expected = readRevision(call.params.revision, 'revision');

    const store = call.services.store;
    const revision = await writePermissionPreview(store, app, setting.kind, {
      rights: call.params.rights,
      refs: referencesInStore(store, app, queryContextFor(call, app)),
      expectedRevision: expected,
    });
    return { revision: String(revision) };
  };

  return [
    {
      path: setting.path,
      method: 'GET',
      acceptsApiToken: true,
      scope: 'k:app_settings:read',
      handle: read('live'),
    },
    {
      path: `preview/${setting.path}`,
      method: 'GET',
      acceptsApiToken: true,
      scope: 'k:app_settings:read',
      handle: read('preview'),
    },
    {
      path: `preview/${setting.path}`,
      method: 'PUT',
      acceptsApiToken: true,
      scope: 'k:app_settings:write',
      handle: write,
    },
  ];
}

/** Settings writes name the app as `app` or, as Kintone also takes, `id` (which wins). */
function appParamOf(call: ApiCall): { value: unknown; key: string } {
  return call.params.id !== undefined
    ? { value: call.params.id, key: 'id' }
    : { value: call.params.app, key: 'app' };
}

/** GET live and preview, PUT preview, for the app, record and field permissions. */
export function permissionSettingEndpoints(): Endpoint[] {
  return [...endpointsFor(APP), ...endpointsFor(RECORD), ...endpointsFor(FIELD)];
}
