import { openApp } from '../auth/app-access.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { Endpoint } from './endpoint.js';
import {
  readFieldCodes,
  readOptionalBoolean,
  readOptionalString,
  readPositiveId,
} from './param-readers.js';
import { toRecordJson } from './record-json.js';
import { callerSelectionFor } from './record-query.js';

export const getRecord: Endpoint = {
  path: 'record',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_record:read',
  async handle(call) {
    const app = await openApp(call, 'view');
    const id = readPositiveId(call.params.id, 'id');

    const row = await call.services.store.records.find(app.id, id);
    if (!row) throw new KintoneError('GAIA_RE01', { id });
    await requireRecordRight(call, app, id, 'viewable');
    const [record] = await toRecordJson(call, app, [row]);
    return { record };
  },
};

export const getRecords: Endpoint = {
  path: 'records',
  method: 'GET',
  acceptsApiToken: true,
  scope: 'k:app_record:read',
  async handle(call) {
    const app = await openApp(call, 'view');
    const query = readOptionalString(call.params.query, 'query') ?? '';
    const wantsTotal = readOptionalBoolean(call.params.totalCount, 'totalCount');
    const fields = readFieldCodes(call.params.fields);

    const selection = await callerSelectionFor(call, app, query);
    const rows = await call.services.store.records.select(app.id, selection);
    const totalCount = wantsTotal
      ? String(await call.services.store.records.count(app.id, selection.where))
      : null;

    return {
      records: await toRecordJson(call, app, rows, fields),
      totalCount,
    };
  },
};
