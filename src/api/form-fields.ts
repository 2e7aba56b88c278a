import { openApp } from '../auth/app-access.js';
import type { Endpoint } from './endpoint.js';

export const getFormFields: Endpoint = {
  path: 'app/form/fields',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_settings:read',
  async handle(call) {
    const app = await openApp(call, 'readForm');
    return { properties: app.properties, revision: String(app.revision) };
  },
};
