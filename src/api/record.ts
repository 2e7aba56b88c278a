import { openApp } from '../auth/app-access.js';
import { fieldAccessFor, refuseUneditableFields } from '../auth/field-permissions.js';
import { actorOf } from '../auth/principal.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import { KintoneError } from '../errors/kintone-error.js';
import { calculatorFor } from './calculated-values.js';
import type { Endpoint } from './endpoint.js';
import { applyAttachments, insertWithFiles, planAttachments } from './file-attachments.js';
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
  scope: 'k:app_record:write',
  async handle(call) {
    const app = await openApp(call, 'add');
    refuseUneditableFields(await fieldAccessFor(call, app), call.params.record);
    const calculate = await calculatorFor(call, app);
    const record = await buildNewRecord(call, app, calculate, call.params.record, 'record');

    const [id] = await call.services.store.records.write(app.id, async (writer) => {
      await checkUniqueValues(call, app, writer, [
        { id: null, values: record.values, keyPrefix: 'record' },
      ]);
      return insertWithFiles(call, app, writer, [record]);
    });
    return { id: String(id), revision: '1' };
  },
};

export const updateRecord: Endpoint = {
  path: 'record',
  method: 'PUT',
  acceptsApiToken: true,
  scope: 'k:app_record:write',
  async handle(call) {
    const app = await openApp(call, 'edit');
    const expectedRevision = readRevision(call.params.revision, 'revision');
    const access = await fieldAccessFor(call, app);
    refuseUneditableFields(access, call.params.record);
    const calculate = await calculatorFor(call, app);

    const [revision] = await translateWriteConflict(() =>
      call.services.store.records.write(app.id, async (writer) => {
        const target = await findUpdateTarget(call, app, writer, call.params, '', access);
        if ('missingKey' in target) throw new KintoneError('GAIA_RE20', target.missingKey);

        const current = await writer.find(target.id);
        if (!current) throw new KintoneError('GAIA_RE01', { id: target.id });
        await requireRecordRight(call, app, target.id, 'editable', writer);
        const values = await validateUpdate(
          call,
          app,
          calculate,
          call.params.record,
          'record',
          current.values,
        );
        await checkUniqueValues(call, app, writer, [
          { id: target.id, values: { ...current.values, ...values }, keyPrefix: 'record' },
        ]);

        const plan = await planAttachments(call, app, writer, values, current.values);
        const revisions = await writer.update(
          [{ id: target.id, expectedRevision, values: plan.values }],
          actorOf(call.principal),
          timestamp(call.services.now()),
        );
        await applyAttachments(writer, app, target.id, plan);
        return revisions;
      }),
    );
    return { revision: String(revision) };
  },
};
