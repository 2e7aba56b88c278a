import { requireTokenPermission } from '../auth/app-access.js';
import { actorOf } from '../auth/principal.js';
import { invalidInput } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import {
  completeNewRecord,
  validateRecordWrite,
  type WriteContext,
} from '../kintone/fields/index.js';
import type { Actor, App, NewRecord, StoredValues } from '../store/types.js';
import type { ApiCall } from './endpoint.js';
import { readObject, readPositiveId } from './param-readers.js';
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
 * A record to add, validated, with defaults applied. Setting who created it and when is
 * allowed on add only, and for tokens only with the manage-app checkbox, as in Kintone.
 */
export async function buildNewRecord(
  call: ApiCall,
  app: App,
  input: unknown,
  keyPrefix: string,
): Promise<NewRecord> {
  const context = writeContext(call, app, keyPrefix, 'add');
  const written = validateRecordWrite(input ?? {}, context);
  const values = completeNewRecord(written.values, context);

  const overrides = written.systemOverrides;
  if (Object.keys(overrides).length > 0) requireTokenPermission(call, app, 'manage');

  const actor = actorOf(call.principal);
  const now = timestamp(call.services.now());
  return {
    values,
    creator: overrides.creator ? await actorNamed(call, overrides.creator.code) : actor,
    createdAt: overrides.createdAt ?? now,
    modifier: overrides.modifier ? await actorNamed(call, overrides.modifier.code) : actor,
    updatedAt: overrides.updatedAt ?? now,
  };
}

/**
 * The values an update sends, validated against the record as it will be after the write
 * (required fields are checked on the result); the store merges them over the current values.
 */
export function validateUpdate(
  call: ApiCall,
  app: App,
  input: unknown,
  keyPrefix: string,
  existing: StoredValues,
): StoredValues {
  return validateRecordWrite(input ?? {}, writeContext(call, app, keyPrefix, 'update', existing))
    .values;
}

async function actorNamed(call: ApiCall, code: string): Promise<Actor> {
  const user = await call.services.store.users.findByLoginName(code);
  return { code, name: user?.displayName ?? code };
}

/**
 * The record an update names, by `id` or by `updateKey` (a unique text or number field and its
 * value). Returns null for an update key that matches nothing, so upsert can add instead.
 */
export async function findUpdateTarget(
  call: ApiCall,
  app: App,
  item: Record<string, unknown>,
  keyPrefix: string,
): Promise<{ id: number } | { missingKey: { field: string; value: string } }> {
  const hasId = item.id !== undefined && item.id !== null && item.id !== '';
  const hasKey = item.updateKey !== undefined && item.updateKey !== null;
  const prefix = keyPrefix === '' ? '' : `${keyPrefix}.`;
  if (hasId === hasKey) {
    throw invalidInput([{ key: `${prefix}id`, text: inputMessage('ID_OR_UPDATE_KEY') }]);
  }
  if (hasId) return { id: readPositiveId(item.id, `${prefix}id`) };

  const updateKey = readObject(item.updateKey, `${prefix}updateKey`);
  const field = String(updateKey.field ?? '');
  const value = updateKey.value === undefined || updateKey.value === null ? '' : String(updateKey.value);
  const property = app.properties[field];
  const keyable = property && (property.type === 'SINGLE_LINE_TEXT' || property.type === 'NUMBER');
  if (!property || !keyable || property.unique !== true) {
    throw invalidInput([{ key: `${prefix}updateKey.field`, text: inputMessage('NOT_UNIQUE_KEY') }]);
  }

  const matches = await call.services.store.records.findIds(
    app.id,
    selectionFor(call, app, equalsCondition(field, value)).where!,
  );
  const [first] = matches;
  return first === undefined ? { missingKey: { field, value } } : { id: first };
}

/**
 * Kintone refuses a value of a "prohibit duplicate values" field that another record already
 * has, or that two records of the same request share.
 */
export async function checkUniqueValues(
  call: ApiCall,
  app: App,
  writes: ReadonlyArray<{ id: number | null; values: StoredValues; keyPrefix: string }>,
): Promise<void> {
  const uniqueFields = Object.values(app.properties).filter((p) => p.unique === true);
  const problems: Array<{ key: string; text: { ja: string; en: string } }> = [];

  for (const field of uniqueFields) {
    const seen = new Map<string, number | null>();
    for (const write of writes) {
      const value = write.values[field.code];
      if (typeof value !== 'string' || value === '') continue;

      const duplicateInRequest = seen.has(value) && seen.get(value) !== write.id;
      seen.set(value, write.id);
      const others = await call.services.store.records.findIds(
        app.id,
        selectionFor(call, app, equalsCondition(field.code, value)).where!,
      );
      const clashesWithStored = others.some((id) => id !== write.id);
      if (duplicateInRequest || clashesWithStored) {
        problems.push({ key: `${write.keyPrefix}.${field.code}.value`, text: inputMessage('DUPLICATE') });
      }
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
}


