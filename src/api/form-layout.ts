import { openApp, type AppOperation } from '../auth/app-access.js';
import { isSystemFieldType } from '../kintone/fields/system-fields.js';
import { innerFields } from '../kintone/fields/subtable.js';
import type { FieldProperty } from '../kintone/fields/types.js';
import type { App } from '../store/types.js';
import type { ApiCall, Endpoint } from './endpoint.js';

/**
 * The form's layout. Apps here have no drawn layout, so each field the user enters gets a row
 * of its own, in field order; system fields are not placed on forms, as in Kintone. This is
 * what tools such as cli-kintone read to order the columns of an export.
 */
export function layoutOf(app: App) {
  const layout = Object.values(app.properties)
    .filter((field) => !isSystemFieldType(field.type))
    .map((field) =>
      field.type === 'SUBTABLE'
        ? {
            type: 'SUBTABLE',
            code: field.code,
            fields: Object.values(innerFields(field)).map(placed),
          }
        : { type: 'ROW', fields: [placed(field)] },
    );
  return { layout, revision: String(app.revision) };
}

function placed(field: FieldProperty) {
  return { type: field.type, code: field.code, size: {} };
}

function readLayout(operation: AppOperation) {
  return async (call: ApiCall) => layoutOf(await openApp(call, operation));
}

export const getFormLayout: Endpoint = {
  path: 'app/form/layout',
  method: 'GET',
  scope: 'k:app_settings:read',
  acceptsApiToken: true,
  handle: readLayout('readForm'),
};

export const getPreviewFormLayout: Endpoint = {
  path: 'preview/app/form/layout',
  method: 'GET',
  scope: 'k:app_settings:read',
  acceptsApiToken: true,
  handle: readLayout('manage'),
};
