import { openApp, type AppOperation } from '../../auth/app-access.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { SettingsBody } from '../../store/app-settings.js';
import type { Store } from '../../store/store.js';
import type { App, FieldProperties } from '../../store/types.js';
import type { ApiCall, Endpoint } from '../endpoint.js';
import { readRevision } from '../param-readers.js';

/**
 * One kind of app settings (views, layout, notifications, ...), read live or in preview and
 * written in preview. A kind says what a new app has, how a PUT changes the settings and, for
 * the few kinds whose live settings live elsewhere (form fields, name, customization), where to
 * read them.
 */
export interface SettingKind {
  /** The API path without `preview/`, which also names the kind in the store. */
  readonly path: string;
  /** What reading the live settings needs; the preview always needs app management. */
  readonly liveReadNeeds: AppOperation;
  /** True when the settings of a new app depend on its fields, as the layout does. */
  readonly followsFields?: boolean;
  /** The settings of an app nothing has changed yet. */
  initial(app: App): SettingsBody;
  /** The live settings when they are kept outside the settings store. */
  live?(app: App, store: Store): Promise<SettingsBody>;
  /** The settings after a PUT: `current` is what the preview holds now. */
  update(call: ApiCall, app: App, current: SettingsBody): Promise<SettingsBody> | SettingsBody;
  /** What a GET answers, when it is not the stored settings as they are. */
  present?(body: SettingsBody): SettingsBody;
  /** What a PUT answers besides the revision, such as the ids of views. */
  putAnswer?(body: SettingsBody): SettingsBody;
}

/** The live settings of one kind. */
export async function liveSettings(kind: SettingKind, app: App, store: Store) {
  if (kind.live) return kind.live(app, store);
  return (await store.appSettings.read(app.id, kind.path, 'live')) ?? kind.initial(app);
}

/** The preview settings of one kind: the live ones until a setting API writes the preview. */
export async function previewSettings(kind: SettingKind, app: App, store: Store) {
  const preview = await store.appSettings.read(app.id, kind.path, 'preview');
  if (preview) return preview;
  if (!kind.followsFields || (await store.appSettings.read(app.id, kind.path, 'live'))) {
    return liveSettings(kind, app, store);
  }
  return kind.initial({ ...app, properties: await previewFields(app, store) });
}

/** The form fields in preview: the live ones until a form API changes them. */
export async function previewFields(app: App, store: Store): Promise<FieldProperties> {
  const stored = await store.appSettings.read(app.id, FORM_FIELDS, 'preview');
  return stored ? (stored.properties as FieldProperties) : app.properties;
}

/** The kind name under which preview form fields are kept. */
export const FORM_FIELDS = 'app/form/fields';

/**
 * Writes one kind's preview through `change`, and the kinds `follow` derives from the result,
 * checking the expected `revision` parameter; answers the new revision as Kintone does: a
 * string. The new settings are computed outside the write's transaction (reading uploads takes
 * a while); if another write lands meanwhile, they are computed again from its result.
 */
export async function writePreview(
  call: ApiCall,
  app: App,
  kind: SettingKind,
  change: (current: SettingsBody) => Promise<SettingsBody> | SettingsBody,
  follow: (body: SettingsBody) => Promise<Array<[string, SettingsBody]>> = async () => [],
): Promise<{ revision: string; body: SettingsBody }> {
  const expected = readRevision(call.params.revision, 'revision');
  const store = call.services.store;
  for (;;) {
    const basedOn = await store.appSettings.previewRevision(app.id);
    if (expected !== null && expected !== basedOn) throw new KintoneError('GAIA_CO02');

    const body = await change(await previewSettings(kind, app, store));
    const bodies: Array<[string, SettingsBody]> = [[kind.path, body], ...(await follow(body))];
    if (await store.appSettings.writePreview(app.id, basedOn, bodies)) {
      return { revision: String(basedOn + 1), body };
    }
  }
}

/** `GET <path>`, `GET preview/<path>` and `PUT preview/<path>` of one kind. */
export function settingEndpoints(kind: SettingKind): Endpoint[] {
  return [
    {
      path: kind.path,
      method: 'GET',
      acceptsApiToken: true,
      scope: 'k:app_settings:read',
      async handle(call) {
        const app = await openApp(call, kind.liveReadNeeds);
        const body = await liveSettings(kind, app, call.services.store);
        return { ...(kind.present?.(body) ?? body), revision: String(app.revision) };
      },
    },
    {
      path: `preview/${kind.path}`,
      method: 'GET',
      acceptsApiToken: true,
      scope: 'k:app_settings:read',
      async handle(call) {
        const app = await openApp(call, 'manage');
        const store = call.services.store;
        const body = await previewSettings(kind, app, store);
        return {
          ...(kind.present?.(body) ?? body),
          revision: String(await store.appSettings.previewRevision(app.id)),
        };
      },
    },
    {
      path: `preview/${kind.path}`,
      method: 'PUT',
      acceptsApiToken: true,
      scope: 'k:app_settings:write',
      async handle(call) {
        const app = await openApp(call, 'manage');
        const { revision, body } = await writePreview(call, app, kind, (current) =>
          kind.update(call, app, current),
        );
        return { ...(kind.putAnswer?.(body) ?? {}), revision };
      },
    },
  ];
}
