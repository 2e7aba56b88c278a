import { openApp } from '../auth/app-access.js';
import { fieldAccessFor, visibleProperties } from '../auth/field-permissions.js';
import type { Endpoint } from './endpoint.js';

/** The app's fields, without those the caller's field permissions hide from it. */
export const getFormFields: Endpoint = {
  path: 'app/form/fields',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_settings:read',
  async handle(call) {
    const app = await openApp(call, 'readForm');
    const access = await fieldAccessFor(call, app);
    return {
      properties: visibleProperties(app.properties, access),
      revision: String(app.revision),
    };
  },
};
