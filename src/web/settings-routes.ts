import type { FastifyInstance } from 'fastify';
import type { PasswordAuthenticator } from '../auth/password.js';
import { mountGroupPages } from './admin/groups-pages.js';
import { mountSpacePages } from './admin/spaces-pages.js';
import { mountUserPages } from './admin/users-pages.js';
import { mountApiTokenPages } from './app-settings/api-token-pages.js';
import { mountAppSettingsPages } from './app-settings/app-settings-pages.js';
import { mountPersonalSettings } from './personal-settings.js';
import type { SettingsDeps } from './settings-page.js';

/**
 * The settings pages, Kintone's paths where it has them: the administration (`/k/admin/...`,
 * administrators only), an app's settings (`/k/admin/app/...?app=`, for users who may manage
 * the app) and the user's own settings (`/k/settings/`). All are server-rendered forms.
 */
export function mountSettingsPages(
  app: FastifyInstance,
  deps: SettingsDeps & { passwords: PasswordAuthenticator },
): void {
  mountUserPages(app, deps);
  mountGroupPages(app, deps);
  mountSpacePages(app, deps);
  mountAppSettingsPages(app, deps);
  mountApiTokenPages(app, deps);
  mountPersonalSettings(app, deps);
}
