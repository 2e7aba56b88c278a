import { openApp, requireTokenPermission } from '../auth/app-access.js';
import { actorOf } from '../auth/principal.js';
import { invalidInput, KintoneError } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { NewRecord, RecordUpdate } from '../store/types.js';
import type { Endpoint } from './endpoint.js';
import { readList, readObject, readOptionalBoolean, readPositiveId, readRevision } from './param-readers.js';
import {
  buildNewRecord,
  checkUniqueValues,
  findUpdateTarget,
  timestamp,
  validateUpdate,
} from './record-writes.js';
import { translateWriteConflict } from './write-conflicts.js';

/** Kintone takes at most 100 records per add, update or delete call. */
const MAX_RECORDS_PER_CALL = 100;

export const addRecords: Endpoint = {
  path: 'records',
  method: 'POST',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'add');
    const inputs = readList(
      call.params.records,
      'records',
      MAX_RECORDS_PER_CALL,
      inputMessage('TOO_MANY_RECORDS_TO_ADD'),
    );

    const records: NewRecord[] = [];
    for (const [i, input] of inputs.entries()) {
      records.push(await buildNewRecord(call, app, input, `records[${i}]`));
    }
    await checkUniqueValues(
      call,
      app,
      records.map((r, i) => ({ id: null, values: r.values, keyPrefix: `records[${i}]` })),
    );

    const ids = await call.services.store.records.insert(app.id, records);
    return { ids: ids.map(String), revisions: ids.map(() => '1') };
  },
};

export const updateRecords: Endpoint = {
  path: 'records',
  method: 'PUT',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'edit');
    const upsert = readOptionalBoolean(call.params.upsert, 'upsert');
    const items = readList(
      call.params.records,
      'records',
      MAX_RECORDS_PER_CALL,
      inputMessage('TOO_MANY_RECORDS_TO_UPDATE'),
    );

    // Each item becomes an update of an existing record or, with upsert, an addition.
    const plan: Array<{ kind: 'update'; index: number } | { kind: 'insert'; index: number }> = [];
    const updates: RecordUpdate[] = [];
    const inserts: NewRecord[] = [];
    const uniqueChecks = [];
    for (const [i, rawItem] of items.entries()) {
      const prefix = `records[${i}]`;
      const item = readObject(rawItem, prefix);
      const target = await findUpdateTarget(call, app, item, prefix);

      if ('missingKey' in target) {
        if (!upsert) throw new KintoneError('GAIA_RE20', target.missingKey);
        requireTokenPermission(call, app, 'add');
        const keyed = withKeyValue(item.record, target.missingKey);
        const record = await buildNewRecord(call, app, keyed, `${prefix}.record`);
        plan.push({ kind: 'insert', index: inserts.length });
        inserts.push(record);
        uniqueChecks.push({ id: null, values: record.values, keyPrefix: prefix });
        continue;
      }

      const current = await call.services.store.records.find(app.id, target.id);
      if (!current) throw new KintoneError('GAIA_RE01', { id: target.id });
      const values = validateUpdate(call, app, item.record, `${prefix}.record`, current.values);
      plan.push({ kind: 'update', index: updates.length });
      updates.push({
        id: target.id,
        expectedRevision: readRevision(item.revision, `${prefix}.revision`),
        values,
      });
      uniqueChecks.push({ id: target.id, values: { ...current.values, ...values }, keyPrefix: prefix });
    }
    await checkUniqueValues(call, app, uniqueChecks);

    const result = await translateWriteConflict(() =>
      call.services.store.records.upsert(
        app.id,
        updates,
        inserts,
        actorOf(call.principal),
        timestamp(call.services.now()),
        (existing, update) => ({ ...existing, ...update.values }),
      ),
    );

    return {
      records: plan.map((step) =>
        step.kind === 'update'
          ? {
              id: String(updates[step.index]!.id),
              revision: String(result.revisions[step.index]),
              ...(upsert ? { operation: 'UPDATE' } : {}),
            }
          : { id: String(result.ids[step.index]), revision: '1', operation: 'INSERT' },
      ),
    };
  },
};

export const deleteRecords: Endpoint = {
  path: 'records',
  method: 'DELETE',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'delete');
    const ids = readList(
      call.params.ids,
      'ids',
      MAX_RECORDS_PER_CALL,
      inputMessage('RECORDS_TO_DELETE_OUT_OF_RANGE'),
    ).map((id, i) =>
      readPositiveId(id, `ids[${i}]`),
    );
    const revisions = call.params.revisions === undefined
      ? []
      : readList(call.params.revisions, 'revisions', MAX_RECORDS_PER_CALL);
    if (revisions.length > ids.length) {
      throw invalidInput([{ key: 'revisions', text: inputMessage('REVISIONS_MISMATCH') }]);
    }

    // Missing or null revisions (the official client sends null for unknown ones) skip the check.
    const deletions = ids.map((id, i) => ({
      id,
      expectedRevision: readRevision(revisions[i], `revisions[${i}]`),
    }));
    await translateWriteConflict(() => call.services.store.records.delete(app.id, deletions));
    return {};
  },
};

/** An upsert that adds a record also sets the update key's value in it. */
function withKeyValue(record: unknown, key: { field: string; value: string }): unknown {
  const base = record && typeof record === 'object' && !Array.isArray(record) ? record : {};
  return { ...(base as object), [key.field]: { value: key.value } };
}

