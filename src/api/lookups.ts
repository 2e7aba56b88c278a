import { openApp } from '../auth/app-access.js';
import { fieldAccessFor, mayView } from '../auth/field-permissions.js';
import { KintoneError } from '../errors/kintone-error.js';
import { isListKind, kindOf, type UserKind } from '../kintone/fields/field-kinds.js';
import { isPlainObject } from '../kintone/fields/read-entry.js';
import type { FieldProperty, StoredValue } from '../kintone/fields/types.js';
import type { App, StoredValues } from '../store/types.js';
import type { ApiCall } from './endpoint.js';
import { callerSelectionFor, equalsCondition } from './record-query.js';

/** A lookup's settings, as Kintone keeps them on a text or number field. */
export interface LookupSetting {
  relatedApp: { app: string; code?: string };
  relatedKeyField: string;
  fieldMappings: Array<{ field: string; relatedField: string }>;
}

export function lookupOf(field: FieldProperty): LookupSetting | undefined {
  const lookup = field.lookup;
  if (!isPlainObject(lookup) || !isPlainObject(lookup.relatedApp)) return undefined;
  return lookup as unknown as LookupSetting;
}

/**
 * The values copied for each lookup field a write sets: the mapped fields of the source
 * record whose key field holds the value, as Kintone copies them on save; clearing a lookup
 * clears its copies. The caller must be able to read the source app (with a token: a token of
 * that app too) and every field copied from it, and the value must name a record there that
 * the caller may view: GAIA_LO04 otherwise, as Kintone answers each case.
 */
export async function lookedUpValues(
  call: ApiCall,
  app: App,
  sent: StoredValues,
): Promise<StoredValues> {
  const result: StoredValues = {};

  for (const field of Object.values(app.properties)) {
    const lookup = lookupOf(field);
    const value = sent[field.code];
    if (!lookup || typeof value !== 'string') continue;

    if (value === '') {
      for (const { field: target } of lookup.fieldMappings) {
        const targetType = app.properties[target]?.type ?? '';
        result[target] = isListKind(kindOf(targetType) as UserKind) ? [] : '';
      }
      continue;
    }
    const source = await sourceRecord(call, lookup, field.code, value);
    for (const { field: target, relatedField } of lookup.fieldMappings) {
      result[target] = source[relatedField] ?? '';
    }
  }
  return result;
}

async function sourceRecord(
  call: ApiCall,
  lookup: LookupSetting,
  fieldCode: string,
  value: string,
): Promise<Record<string, StoredValue>> {
  const refused = () => new KintoneError('GAIA_LO04', { field: fieldCode, value });

  let sourceApp: App;
  try {
    sourceApp = await openApp(call, 'view', { value: lookup.relatedApp.app, key: 'lookup' });
  } catch (error) {
    if (error instanceof KintoneError) throw refused();
    throw error;
  }
  // The caller's own view of the source app: records and fields it may not see are not found.
  const condition = equalsCondition(lookup.relatedKeyField, value);
  let where;
  try {
    where = (await callerSelectionFor(call, sourceApp, condition)).where;
  } catch (error) {
    if (error instanceof KintoneError) throw refused();
    throw error;
  }
  const found = where && (await call.services.store.records.firstMatching(sourceApp.id, where));
  if (!found) throw refused();

  // Copying a field the caller may not view would let them read it in the target app.
  const access = await fieldAccessFor(call, sourceApp);
  if (lookup.fieldMappings.some(({ relatedField }) => !mayView(access, relatedField))) {
    throw refused();
  }

  // The key field may be the record number, which is not among the stored values.
  return { ...found.values, [recordNumberCode(sourceApp)]: String(found.id) };
}

function recordNumberCode(app: App): string {
  return Object.values(app.properties).find((f) => f.type === 'RECORD_NUMBER')?.code ?? '$id';
}
