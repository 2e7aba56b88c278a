import { ADMINISTRATORS_GROUP, EVERYONE_GROUP } from '../auth/app-permissions.js';
import { invalidInput, type LocalText } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import { stringList } from '../kintone/fields/field-kinds.js';
import { innerFields } from '../kintone/fields/subtable.js';
import type { FieldProperties, StoredValue } from '../kintone/fields/types.js';
import type { App, StoredValues } from '../store/types.js';
import type { ApiCall } from './endpoint.js';

/** How the built-in groups are named in records, as Kintone names them. */
const BUILT_IN_GROUPS: ReadonlyMap<string, string> = new Map([
  [EVERYONE_GROUP, 'Everyone'],
  [ADMINISTRATORS_GROUP, 'Administrators'],
]);

/** Names of the groups records list, built-in ones included. */
export async function groupNames(call: ApiCall, codes: readonly string[]) {
  const stored = await call.services.store.groups.names(
    codes.filter((code) => !BUILT_IN_GROUPS.has(code)),
  );
  for (const code of codes) {
    const builtIn = BUILT_IN_GROUPS.get(code);
    if (builtIn) stored.set(code, builtIn);
  }
  return stored;
}

/**
 * The users and groups a write selects must exist; there are no organizations to select.
 * Checked against the store after the values' shape, through prepared reads, since updates
 * run this inside the write transaction.
 */
export async function checkPrincipals(
  call: ApiCall,
  app: App,
  values: StoredValues,
  keyPrefix: string,
): Promise<void> {
  const problems = await principalProblems(call, app.properties, values, keyPrefix);
  if (problems.length > 0) throw invalidInput(problems);
}

async function principalProblems(
  call: ApiCall,
  properties: FieldProperties,
  values: Readonly<Record<string, StoredValue>>,
  keyPrefix: string,
): Promise<Array<{ key: string; text: LocalText }>> {
  const problems: Array<{ key: string; text: LocalText }> = [];

  for (const [code, selected] of Object.entries(values)) {
    const field = Object.hasOwn(properties, code) ? properties[code] : undefined;
    if (!field || !Array.isArray(selected)) continue;

    if (field.type === 'SUBTABLE') {
      for (const [i, row] of selected.entries()) {
        if (typeof row === 'string') continue;
        const rowPrefix = `${keyPrefix}.${code}.value[${i}].value`;
        problems.push(...(await principalProblems(call, innerFields(field), row.value, rowPrefix)));
      }
      continue;
    }
    const key = `${keyPrefix}.${code}.values.value`;
    for (const item of stringList(selected)) {
      const problem = await principalProblem(call, field.type, item);
      if (problem) problems.push({ key, text: problem });
    }
  }
  return problems;
}

async function principalProblem(
  call: ApiCall,
  type: string,
  code: string,
): Promise<LocalText | undefined> {
  const store = call.services.store;
  switch (type) {
    case 'USER_SELECT':
      return (await store.users.findByLoginName(code))
        ? undefined
        : inputMessage('UNKNOWN_USER', { code });
    case 'GROUP_SELECT':
      return (await store.groups.exists(code))
        ? undefined
        : inputMessage('UNKNOWN_GROUP', { code });
    case 'ORGANIZATION_SELECT':
      return inputMessage('NO_ORGANIZATIONS', { code });
    default:
      return undefined;
  }
}
