import { openApp } from '../../auth/app-access.js';
import { invalidInput, KintoneError } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import { checkFieldProperties } from '../../kintone/fields/index.js';
import { isSystemFieldType } from '../../kintone/fields/system-fields.js';
import {
  dropPreview,
  readBody,
  type Deployer,
  type SettingsBody,
} from '../../store/app-settings.js';
import type { FieldProperties, FieldProperty } from '../../kintone/fields/types.js';
import type { App } from '../../store/types.js';
import type { ApiCall, Endpoint } from '../endpoint.js';
import { readList, readObject } from '../param-readers.js';
import { layoutFollowingFields } from './layout-follows-fields.js';
import { FORM_FIELDS, previewFields, writePreview, type SettingKind } from './setting-kind.js';

/**
 * The form's fields in preview. The live fields are the app's own (`GET app/form/fields.json`
 * reads them and record writes validate against them); a deploy replaces them with these.
 */
const formFields: SettingKind = {
  path: FORM_FIELDS,
  liveReadNeeds: 'readForm',
  initial: (app) => ({ properties: app.properties }),
  live: async (app) => ({ properties: app.properties }),
  update: (_call, _app, current) => current,
};

export const getPreviewFormFields: Endpoint = {
  path: `preview/${FORM_FIELDS}`,
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_settings:read',
  async handle(call) {
    const app = await openApp(call, 'manage');
    const store = call.services.store;
    return {
      properties: await previewFields(app, store),
      revision: String(await store.appSettings.previewRevision(app.id)),
    };
  },
};

/** `POST preview/app/form/fields.json`: adds fields whose codes the form does not have yet. */
export const addFormFields: Endpoint = {
  path: `preview/${FORM_FIELDS}`,
  method: 'POST',
  acceptsApiToken: true,
  scope: 'k:app_settings:write',
  handle: (call) =>
    changeFields(call, (current, given) => {
      for (const code of Object.keys(given)) {
        if (Object.hasOwn(current, code))
          refuse(`properties.${code}.code`, 'FIELD_CODE_TAKEN', { code });
      }
      return { ...current, ...given };
    }),
};

/**
 * `PUT preview/app/form/fields.json`: changes fields the form has, keeping what a field
 * definition leaves out. A field's type cannot change, as in Kintone.
 */
export const updateFormFields: Endpoint = {
  path: `preview/${FORM_FIELDS}`,
  method: 'PUT',
  acceptsApiToken: true,
  scope: 'k:app_settings:write',
  handle: (call) =>
    changeFields(call, (current, given) => {
      const next = { ...current };
      for (const [code, change] of Object.entries(given)) {
        const existing = Object.hasOwn(current, code) ? current[code] : undefined;
        if (!existing) refuse(`properties.${code}`, 'FIELD_NOT_FOUND', { code });
        if (change.code !== undefined && change.code !== code) {
          throw new KintoneError('KL_NI01', { feature: 'changing a field code' });
        }
        if (change.type !== undefined && change.type !== existing.type) {
          refuse(`properties.${code}.type`, 'FIELD_TYPE_FIXED');
        }
        next[code] = { ...existing, ...change, type: existing.type, code } as FieldProperty;
      }
      return next;
    }),
};

/** `DELETE preview/app/form/fields.json`: removes fields by code; system fields stay. */
export const deleteFormFields: Endpoint = {
  path: `preview/${FORM_FIELDS}`,
  method: 'DELETE',
  acceptsApiToken: true,
  scope: 'k:app_settings:write',
  async handle(call) {
    const codes = readList(call.params.fields, 'fields', { min: 1, max: 100 }).map(String);
    const app = await openApp(call, 'manage');
    const { revision } = await writePreview(
      call,
      app,
      formFields,
      (current) => {
        const properties = { ...(current.properties as FieldProperties) };
        for (const [i, code] of codes.entries()) {
          const field = Object.hasOwn(properties, code) ? properties[code] : undefined;
          if (!field) refuse(`fields[${i}]`, 'FIELD_NOT_FOUND', { code });
          if (isSystemFieldType(field.type)) refuse(`fields[${i}]`, 'SYSTEM_FIELD_FIXED', { code });
          delete properties[code];
        }
        return { properties };
      },
      followFields(call, app),
    );
    return { revision };
  },
};

/** Reads `properties`, applies the change to the preview fields and checks the result. */
async function changeFields(
  call: ApiCall,
  change: (current: FieldProperties, given: Record<string, FieldProperty>) => FieldProperties,
) {
  const given = readGivenProperties(call.params.properties);
  const app = await openApp(call, 'manage');
  const { revision } = await writePreview(
    call,
    app,
    formFields,
    (current) => {
      const next = structuredClone(change(current.properties as FieldProperties, given));
      const problems = checkFieldProperties(next);
      if (problems.length > 0) {
        throw invalidInput(problems.map((p) => ({ key: 'properties', text: { ja: p, en: p } })));
      }
      return { properties: next } satisfies SettingsBody;
    },
    followFields(call, app),
  );
  return { revision };
}

/** The layout follows each change of the fields. */
function followFields(call: ApiCall, app: App) {
  return (body: SettingsBody) =>
    layoutFollowingFields(app, call.services.store, body.properties as FieldProperties);
}

function readGivenProperties(value: unknown): Record<string, FieldProperty> {
  const properties = readObject(value, 'properties');
  // Also what is left when the body parser drops a `__proto__` key: a change of nothing.
  if (Object.keys(properties).length === 0) {
    throw invalidInput([{ key: 'properties', text: inputMessage('REQUIRED_PARAMETER') }]);
  }
  const given: Record<string, FieldProperty> = {};
  for (const [code, definition] of Object.entries(properties)) {
    given[code] = readObject(definition, `properties.${code}`) as FieldProperty;
  }
  return given;
}

function refuse(
  key: string,
  message: 'FIELD_CODE_TAKEN' | 'FIELD_NOT_FOUND' | 'FIELD_TYPE_FIXED' | 'SYSTEM_FIELD_FIXED',
  params: Record<string, string> = {},
): never {
  throw invalidInput([{ key, text: inputMessage(message, params) }]);
}

/** Deploy step: the preview fields become the app's fields, which records then follow. */
export const deployFormFields: Deployer = async (trx, appId) => {
  const body = await readBody(trx, appId, FORM_FIELDS, 'preview');
  if (!body) return;
  await trx
    .updateTable('apps')
    .set({ properties: JSON.stringify(body.properties) })
    .where('id', '=', appId)
    .execute();
  await dropPreview(trx, appId, FORM_FIELDS);
};
