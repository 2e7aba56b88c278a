import type { FieldProperties, StoredValues } from '../fields/types.js';
import { assigneesOnEntry, candidatesFor } from './candidates.js';
import { firstState, processFieldCodes, type StatusSettings } from './settings.js';

/**
 * A new record's values with its status and assignees set, while process management is on:
 * it starts in the first state, assigned as that state's setting says.
 */
export async function withStartingStatus(
  settings: StatusSettings | null,
  properties: FieldProperties,
  record: { values: StoredValues; creatorCode: string; modifierCode: string },
  membersOf: (groupCode: string) => Promise<string[]>,
): Promise<StoredValues> {
  const codes = processFieldCodes(properties);
  const state = settings?.enable ? firstState(settings) : undefined;
  if (!codes || !state) return record.values;

  const candidates = await candidatesFor(state, {
    ...record,
    fieldTypes: fieldTypesOf(properties),
    membersOf,
  });
  return {
    ...record.values,
    [codes.status]: state.name,
    [codes.assignee]: assigneesOnEntry(state, candidates, undefined),
  };
}

export function fieldTypesOf(properties: FieldProperties): Record<string, string> {
  return Object.fromEntries(Object.values(properties).map((field) => [field.code, field.type]));
}
