import { openApp, requirePermission } from '../auth/app-access.js';
import { fieldAccessFor, refuseUneditableFields } from '../auth/field-permissions.js';
import { actorOf } from '../auth/principal.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import { invalidInput, KintoneError } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { NewRecord, RecordUpdate, StoredValues } from '../store/types.js';
import { calculatorFor } from './calculated-values.js';
import type { Endpoint } from './endpoint.js';
import {
  applyAttachments,
  insertWithFiles,
  planAttachments,
  type AttachmentPlan,
} from './file-attachments.js';
import {
  readList,
  readObject,
  readOptionalBoolean,
  readPositiveId,
  readRevision,
} from './param-readers.js';
import {
  buildNewRecord,
  checkUniqueValues,
  findUpdateTarget,
  timestamp,
  validateUpdate,
} from './record-writes.js';
import { translateWriteConflict } from './write-conflicts.js';

/** Kintone takes 1 to 100 records per add, update or delete call. */
const RECORDS_PER_CALL = { min: 1, max: 100 };

export const addRecords: Endpoint = {
  path: 'records',
  method: 'POST',
  acceptsApiToken: true,
  scope: 'k:app_record:write',
  async handle(call) {
    const app = await openApp(call, 'add');
    const inputs = readList(
      call.params.records,
      'records',
      RECORDS_PER_CALL,
      inputMessage('TOO_MANY_RECORDS_TO_ADD'),
    );

    const access = await fieldAccessFor(call, app);
    const calculate = await calculatorFor(call, app);
    const records: NewRecord[] = [];
    for (const [i, input] of inputs.entries()) {
      refuseUneditableFields(access, readObject(input, `records[${i}]`).record);
      records.push(await buildNewRecord(call, app, calculate, input, `records[${i}]`));
    }

    const ids = await call.services.store.records.write(app.id, async (writer) => {
      await checkUniqueValues(
        call,
        app,
        writer,
        records.map((r, i) => ({ id: null, values: r.values, keyPrefix: `records[${i}]` })),
      );
      return insertWithFiles(call, app, writer, records);
    });
    return { ids: ids.map(String), revisions: ids.map(() => '1') };
  },
};

export const updateRecords: Endpoint = {
  path: 'records',
  method: 'PUT',
  acceptsApiToken: true,
  scope: 'k:app_record:write',
  async handle(call) {
    const app = await openApp(call, 'edit');
    const upsert = readOptionalBoolean(call.params.upsert, 'upsert');
    const items = readList(
      call.params.records,
      'records',
      RECORDS_PER_CALL,
      inputMessage('TOO_MANY_RECORDS_TO_UPDATE'),
    ).map((item, i) => readObject(item, `records[${i}]`));
    const access = await fieldAccessFor(call, app);
    for (const item of items) refuseUneditableFields(access, item.record);
    const calculate = await calculatorFor(call, app);

    return translateWriteConflict(() =>
      call.services.store.records.write(app.id, async (writer) => {
        // Each item becomes an update of an existing record or, with upsert, an addition.
        const steps: Array<{ kind: 'update' | 'insert'; index: number }> = [];
        const updates: RecordUpdate[] = [];
        const plans: AttachmentPlan[] = [];
        const inserts: NewRecord[] = [];
        const uniqueChecks: Array<{ id: number | null; values: StoredValues; keyPrefix: string }> =
          [];

        for (const [i, item] of items.entries()) {
          const prefix = `records[${i}]`;
          const target = await findUpdateTarget(call, app, writer, item, prefix, access);

          if ('missingKey' in target) {
            if (!upsert) throw new KintoneError('GAIA_RE20', target.missingKey);
            await requirePermission(call, app, 'add');
            const keyed = withKeyValue(item.record, target.missingKey);
            // The added record holds the key's value: the caller must be able to write it.
            refuseUneditableFields(access, keyed);
            const record = await buildNewRecord(call, app, calculate, keyed, `${prefix}.record`);
            steps.push({ kind: 'insert', index: inserts.length });
            inserts.push(record);
            uniqueChecks.push({ id: null, values: record.values, keyPrefix: prefix });
            continue;
          }

          const current = await writer.find(target.id);
          if (!current) throw new KintoneError('GAIA_RE01', { id: target.id });
          await requireRecordRight(call, app, target.id, 'editable', writer);
          const values = await validateUpdate(
            call,
            app,
            calculate,
            item.record,
            `${prefix}.record`,
            current.values,
          );
          const plan = await planAttachments(call, app, writer, values, current.values);
          steps.push({ kind: 'update', index: updates.length });
          plans.push(plan);
          updates.push({
            id: target.id,
            expectedRevision: readRevision(item.revision, `${prefix}.revision`),
            values: plan.values,
          });
          uniqueChecks.push({
            id: target.id,
            values: { ...current.values, ...values },
            keyPrefix: prefix,
          });
        }
        await checkUniqueValues(call, app, writer, uniqueChecks);

        const actor = actorOf(call.principal);
        const revisions = await writer.update(updates, actor, timestamp(call.services.now()));
        for (const [i, update] of updates.entries()) {
          await applyAttachments(writer, app, update.id, plans[i]!);
        }
        const ids = await insertWithFiles(call, app, writer, inserts);
        return {
          records: steps.map((step) =>
            step.kind === 'update'
              ? {
                  id: String(updates[step.index]!.id),
                  revision: String(revisions[step.index]),
                  ...(upsert ? { operation: 'UPDATE' } : {}),
                }
              : { id: String(ids[step.index]), revision: '1', operation: 'INSERT' },
          ),
        };
      }),
    );
  },
};

export const deleteRecords: Endpoint = {
  path: 'records',
  method: 'DELETE',
  acceptsApiToken: true,
  scope: 'k:app_record:write',
  async handle(call) {
    const app = await openApp(call, 'delete');
    const tooMany = inputMessage('RECORDS_TO_DELETE_OUT_OF_RANGE');
    const ids = readList(call.params.ids, 'ids', RECORDS_PER_CALL, tooMany, tooMany).map((id, i) =>
      readPositiveId(id, `ids[${i}]`),
    );
    const revisions =
      call.params.revisions === undefined
        ? []
        : readList(
            call.params.revisions,
            'revisions',
            { min: 0, max: RECORDS_PER_CALL.max },
            tooMany,
          );
    if (revisions.length > ids.length) {
      throw invalidInput([{ key: 'revisions', text: inputMessage('REVISIONS_MISMATCH') }]);
    }
    const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
    if (repeated >= 0) {
      throw invalidInput([{ key: `ids[${repeated}]`, text: inputMessage('REPEATED_RECORD') }]);
    }

    // Missing or null revisions (the official client sends null for unknown ones) skip the check.
    const deletions = ids.map((id, i) => ({
      id,
      expectedRevision: readRevision(revisions[i], `revisions[${i}]`),
    }));
    await translateWriteConflict(() =>
      call.services.store.records.write(app.id, async (writer) => {
        for (const { id } of deletions) {
          if (await writer.find(id)) await requireRecordRight(call, app, id, 'deletable', writer);
        }
        await writer.delete(deletions);
      }),
    );
    return {};
  },
};

/** An upsert that adds a record also sets the update key's value in it. */
function withKeyValue(record: unknown, key: { field: string; value: string }): unknown {
  const base = record && typeof record === 'object' && !Array.isArray(record) ? record : {};
  return { ...(base as object), [key.field]: { value: key.value } };
}
