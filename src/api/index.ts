import { getApp, getApps } from './app.js';
import type { Endpoint } from './endpoint.js';
import { getFormFields } from './form-fields.js';
import { addRecord, updateRecord } from './record.js';
import { getRecord, getRecords } from './record-reads.js';
import { addRecords, deleteRecords, updateRecords } from './records.js';

/** Every API the server answers. Each is reachable on `/k/v1/` and on guest-space paths. */
export function allEndpoints(): Endpoint[] {
  return [
    getApp,
    getApps,
    getFormFields,
    getRecord,
    addRecord,
    updateRecord,
    getRecords,
    addRecords,
    updateRecords,
    deleteRecords,
  ];
}
