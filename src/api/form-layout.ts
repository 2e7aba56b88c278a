import { openApp, type AppOperation } from '../auth/app-access.js';
import { isSystemFieldType } from '../kintone/fields/system-fields.js';
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
    .map((field) => ({
      type: 'ROW',
      fields: [{ type: field.type, code: field.code, size: {} }],
    }));
  return { layout, revision: String(app.revision) };
}

function readLayout(operation: AppOperation) {
  return async (call: ApiCall) => layoutOf(await openApp(call, operation));
}

export const getFormLayout: Endpoint = {
  path: 'app/form/layout',
  method: 'GET',
  acceptsApiToken: true,
  handle: readLayout('readForm'),
};

export const getPreviewFormLayout: Endpoint = {
  path: 'preview/app/form/layout',
  method: 'GET',
  acceptsApiToken: true,
  handle: readLayout('manage'),
};
