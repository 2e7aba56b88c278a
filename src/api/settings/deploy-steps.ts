import { finishDeploy, type Deployer } from '../../store/app-settings.js';
import { deployCustomize } from './customize.js';
import { deployFormFields } from './form-fields.js';
import { deployGeneralSettings } from './general-settings.js';
import { deployProcessManagement } from './process-management.js';

/**
 * How the settings the setting APIs keep are deployed: the kinds whose live settings are kept
 * elsewhere first (fields, name and description, page files), then every preview row turns
 * live and the revision moves on. A kind kept elsewhere adds its step before `finishDeploy`.
 */
export const SETTING_DEPLOYERS: readonly Deployer[] = [
  deployFormFields,
  // After the fields: it switches the status and assignee fields on or off.
  deployProcessManagement,
  deployGeneralSettings,
  deployCustomize,
  finishDeploy,
];
