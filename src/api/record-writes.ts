import { requirePermission } from '../auth/app-access.js';
import { groupMemberLogins } from '../auth/directory.js';
import { mayView, type FieldAccess } from '../auth/field-permissions.js';
import { actorOf } from '../auth/principal.js';
import { invalidInput, type LocalText } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import {
  completeNewRecord,
  type Calculator,
  validateRecordWrite,
  type SystemOverrides,
  type WriteContext,
} from '../kintone/fields/index.js';
import { withStartingStatus } from '../kintone/process/starting-status.js';
import type { RecordWriter } from '../store/records.js';
import type { Actor, App, NewRecord, StoredValues } from '../store/types.js';
import type { ApiCall } from './endpoint.js';
import { readObject, readPositiveId } from './param-readers.js';
import { lookedUpValues } from './lookups.js';
import { checkPrincipals } from './principal-checks.js';
import { equalsCondition, selectionFor } from './record-query.js';

/** Kintone's timestamps: UTC, seconds, no fraction. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function writeContext(
  call: ApiCall,
  app: App,
  keyPrefix: string,
  mode: 'add' | 'update',
  existing?: StoredValues,
): WriteContext {
  return {
    properties: app.properties,
    keyPrefix,
    mode,
    now: call.services.now(),
    timeZone: call.services.config.timeZone,
    ...(existing ? { existing } : {}),
  };
}

/**
 * A record to add, validated, with defaults applied and its CALC fields computed by
 * `calculate` (see calculatorFor). Setting who created it and when is allowed on add only,
 * and needs app management, as in Kintone.
 */
export async function buildNewRecord(
  call: ApiCall,
  app: App,
  calculate: Calculator,
  input: unknown,
  keyPrefix: string,
): Promise<NewRecord> {
  const context = writeContext(call, app, keyPrefix, 'add');
  const written = validateRecordWrite(input ?? {}, context);
  const copies = await lookedUpValues(call, app, written.values);
  const completed = { ...completeNewRecord(written.values, context), ...copies };
  const values = { ...completed, ...calculate(completed) };
  await checkPrincipals(call, app, values, keyPrefix);

  const overrides = written.systemOverrides;
  if (Object.keys(overrides).length > 0) await requirePermission(call, app, 'manage');
  const { creator, modifier } = await overridingActors(call, app, overrides, keyPrefix);

  const actor = actorOf(call.principal);
  const now = timestamp(call.services.now());
  const store = call.services.store;
  const started = await withStartingStatus(
    app.status,
    app.properties,
    { values, creatorCode: (creator ?? actor).code, modifierCode: (modifier ?? actor).code },
    (group) => groupMemberLogins(store, group),
  );
  return {
    values: started,
    creator: creator ?? actor,
    createdAt: overrides.createdAt ?? now,
    modifier: modifier ?? actor,
    updatedAt: overrides.updatedAt ?? now,
  };
}

/** The users a write names as creator or modifier must exist; "Administrator" always does. */
async function overridingActors(
  call: ApiCall,
  app: App,
  overrides: SystemOverrides,
  keyPrefix: string,
): Promise<{ creator?: Actor; modifier?: Actor }> {
  const result: { creator?: Actor; modifier?: Actor } = {};
  const problems: Array<{ key: string; text: LocalText }> = [];

  for (const role of ['creator', 'modifier'] as const) {
    const code = overrides[role]?.code;
    if (code === undefined) continue;
    if (code === 'Administrator') {
      result[role] = { code, name: 'Administrator' };
      continue;
    }
    const user = await call.services.store.users.findByLoginName(code);
    if (user) {
      result[role] = { code, name: user.displayName };
      continue;
    }
    const fieldCode =
      Object.values(app.properties).find(
        (p) => p.type === (role === 'creator' ? 'CREATOR' : 'MODIFIER'),
      )?.code ?? role;
    problems.push({
      key: `${keyPrefix}.${fieldCode}.value`,
      text: inputMessage('UNKNOWN_USER', { code }),
    });
  }

  if (problems.length > 0) throw invalidInput(problems);
  return result;
}

/**
 * The values an update sends, validated against the record as it will be after the write
 * (required fields are checked on the result), with every CALC field computed over that
 * result by `calculate`; the writer merges them over the current values.
 */
export async function validateUpdate(
  call: ApiCall,
  app: App,
  calculate: Calculator,
  input: unknown,
  keyPrefix: string,
  existing: StoredValues,
): Promise<StoredValues> {
  const context = writeContext(call, app, keyPrefix, 'update', existing);
  const { values } = validateRecordWrite(input ?? {}, context);
  await checkPrincipals(call, app, values, keyPrefix);
  const sent = { ...values, ...(await lookedUpValues(call, app, values)) };
  return { ...sent, ...calculate({ ...existing, ...sent }) };
}

export type UpdateTarget = { id: number } | { missingKey: { field: string; value: string } };

/**
 * The record an update names, by `id` or by `updateKey` (a unique text or number field and its
 * value). An update key that matches nothing comes back as `missingKey`, so upsert can add.
 * A key field the caller may not view is unknown to it, as in queries: finding a record or not
 * by its value would tell the caller the hidden values.
 */
export async function findUpdateTarget(
  call: ApiCall,
  app: App,
  writer: RecordWriter,
  item: Record<string, unknown>,
  keyPrefix: string,
  access: FieldAccess,
): Promise<UpdateTarget> {
  const hasId = item.id !== undefined && item.id !== null && item.id !== '';
  const hasKey = item.updateKey !== undefined && item.updateKey !== null;
  const prefix = keyPrefix === '' ? '' : `${keyPrefix}.`;
  if (hasId === hasKey) {
    throw invalidInput([{ key: `${prefix}id`, text: inputMessage('ID_OR_UPDATE_KEY') }]);
  }
  if (hasId) return { id: readPositiveId(item.id, `${prefix}id`) };

  const updateKey = readObject(item.updateKey, `${prefix}updateKey`);
  const field = String(updateKey.field ?? '');
  const property =
    Object.hasOwn(app.properties, field) && mayView(access, field)
      ? app.properties[field]
      : undefined;
  const keyable = property && (property.type === 'SINGLE_LINE_TEXT' || property.type === 'NUMBER');
  if (!property || !keyable || property.unique !== true) {
    throw invalidInput([{ key: `${prefix}updateKey.field`, text: inputMessage('NOT_UNIQUE_KEY') }]);
  }
  const rawValue = updateKey.value;
  if (typeof rawValue !== 'string' && typeof rawValue !== 'number') {
    throw invalidInput([
      { key: `${prefix}updateKey.value`, text: inputMessage('REQUIRED_PARAMETER') },
    ]);
  }
  const value = String(rawValue);

  const [first] = await writer.findIds(
    selectionFor(call, app, equalsCondition(field, value)).where!,
  );
  return first === undefined ? { missingKey: { field, value } } : { id: first };
}

/**
 * Kintone refuses a value of a "prohibit duplicate values" field that another record already
 * has, or that two records of the same request share. Checked inside the write transaction, so
 * concurrent writers cannot both pass.
 */
export async function checkUniqueValues(
  call: ApiCall,
  app: App,
  writer: RecordWriter,
  writes: ReadonlyArray<{ id: number | null; values: StoredValues; keyPrefix: string }>,
): Promise<void> {
  const uniqueFields = Object.values(app.properties).filter((p) => p.unique === true);
  const problems: Array<{ key: string; text: LocalText }> = [];

  for (const field of uniqueFields) {
    const seen = new Map<string, number | null>();
    for (const write of writes) {
      const value = write.values[field.code];
      if (typeof value !== 'string' || value === '') continue;

      const duplicateInRequest = seen.has(value) && seen.get(value) !== write.id;
      seen.set(value, write.id);
      const others = await writer.findIds(
        selectionFor(call, app, equalsCondition(field.code, value)).where!,
      );
      const clashesWithStored = others.some((id) => id !== write.id);
      if (duplicateInRequest || clashesWithStored) {
        problems.push({
          key: `${write.keyPrefix}.${field.code}.value`,
          text: inputMessage('DUPLICATE'),
        });
      }
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
}
