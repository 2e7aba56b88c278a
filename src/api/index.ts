import { getApp, getApps } from './app.js';
import { permissionSettingEndpoints } from './permission-settings.js';
import type { Endpoint } from './endpoint.js';
import { bulkRequest } from './bulk-request.js';
import { createCursor, deleteCursor, getCursorRecords } from './cursor.js';
import { evaluateRecordPermissions } from './evaluate-permissions.js';
import { downloadFile, uploadFile } from './file.js';
import { getFormFields } from './form-fields.js';
import { addRecord, updateRecord } from './record.js';
import { addRecordComment, deleteRecordComment, getRecordComments } from './record-comments.js';
import { getRecord, getRecords } from './record-reads.js';
import { updateRecordAssignees, updateRecordStatus, updateRecordsStatus } from './record-status.js';
import { addRecords, deleteRecords, updateRecords } from './records.js';
import { addAppPlugins, pluginEndpoints } from './plugins.js';
import { appSettingEndpoints } from './settings/index.js';
import { spaceEndpoints } from './spaces/index.js';
import { unsupportedEndpoints } from './unsupported.js';

/**
 * Every API the server answers. Each is reachable on `/k/v1/` and on guest-space paths; the
 * ones not implemented yet answer a declared error.
 */
export function allEndpoints(): Endpoint[] {
  return [
    getApp,
    getApps,
    getFormFields,
    ...permissionSettingEndpoints(),
    getRecord,
    addRecord,
    updateRecord,
    getRecords,
    addRecords,
    updateRecords,
    deleteRecords,
    createCursor,
    getCursorRecords,
    deleteCursor,
    bulkRequest,
    evaluateRecordPermissions,
    uploadFile,
    addRecordComment,
    deleteRecordComment,
    getRecordComments,
    updateRecordStatus,
    updateRecordsStatus,
    updateRecordAssignees,
    downloadFile,
    ...appSettingEndpoints(),
    ...spaceEndpoints(),
    ...pluginEndpoints,
    addAppPlugins,
    ...unsupportedEndpoints(),
  ];
}
