import type { Endpoint } from '../endpoint.js';
import { addApp } from './add-app.js';
import { customize } from './customize.js';
import { deployApps, getDeployStatus } from './deploy.js';
import {
  addFormFields,
  deleteFormFields,
  getPreviewFormFields,
  updateFormFields,
} from './form-fields.js';
import { generalSettings } from './general-settings.js';
import { actions, reports, views } from './named-kinds.js';
import { moveApp } from './move-app.js';
import { processManagement } from './process-management.js';
import { getAppPlugins, getPreviewAppPlugins } from './plugins.js';
import { settingEndpoints } from './setting-kind.js';
import {
  adminNotes,
  formLayout,
  generalNotifications,
  perRecordNotifications,
  reminderNotifications,
} from './simple-kinds.js';
import { getAppsStatistics } from './statistics.js';

/** App creation, every app setting API, deploy and the usage statistics. */
export function appSettingEndpoints(): Endpoint[] {
  const kinds = [
    generalSettings,
    formLayout,
    views,
    customize,
    generalNotifications,
    perRecordNotifications,
    reminderNotifications,
    reports,
    actions,
    adminNotes,
    processManagement,
  ];
  return [
    addApp,
    getPreviewFormFields,
    addFormFields,
    updateFormFields,
    deleteFormFields,
    ...kinds.flatMap(settingEndpoints),
    getAppPlugins,
    getPreviewAppPlugins,
    deployApps,
    getDeployStatus,
    getAppsStatistics,
    moveApp,
  ];
}
