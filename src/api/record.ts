import { openApp } from '../auth/app-access.js';
import { actorOf } from '../auth/principal.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { Endpoint } from './endpoint.js';
import { readRevision } from './param-readers.js';
import {
  buildNewRecord,
  checkUniqueValues,
  findUpdateTarget,
  timestamp,
  validateUpdate,
} from './record-writes.js';
import { translateWriteConflict } from './write-conflicts.js';

export const addRecord: Endpoint = {
  path: 'record',
  method: 'POST',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'add');
    const record = await buildNewRecord(call, app, call.params.record, 'record');
    await checkUniqueValues(call, app, [{ id: null, values: record.values, keyPrefix: 'record' }]);

    const [id] = await call.services.store.records.insert(app.id, [record]);
    return { id: String(id), revision: '1' };
  },
};

export const updateRecord: Endpoint = {
  path: 'record',
  method: 'PUT',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'edit');
    const target = await findUpdateTarget(call, app, call.params, '');
    if ('missingKey' in target) {
      throw new KintoneError('GAIA_RE20', target.missingKey);
    }
    const expectedRevision = readRevision(call.params.revision, 'revision');
    const current = await call.services.store.records.find(app.id, target.id);
    if (!current) throw new KintoneError('GAIA_RE01', { id: target.id });
    const values = validateUpdate(call, app, call.params.record, 'record', current.values);
    await checkUniqueValues(call, app, [
      { id: target.id, values: { ...current.values, ...values }, keyPrefix: 'record' },
    ]);

    const [revision] = await translateWriteConflict(() =>
      call.services.store.records.update(
        app.id,
        [{ id: target.id, expectedRevision, values }],
        actorOf(call.principal),
        timestamp(call.services.now()),
        (existing, update) => ({ ...existing, ...update.values }),
      ),
    );
    return { revision: String(revision) };
  },
};
