import { KintoneError } from '../errors/kintone-error.js';
import type { FieldProperties } from '../kintone/fields/types.js';
import type { StatusSettings, StatusState } from '../kintone/process/settings.js';
import { compileRecordQuery } from '../kintone/query/index.js';
import { sqliteRecordSql } from '../store/dialects/record-sql.js';
import type { Seed } from './seed-schema.js';

type SeedStatus = NonNullable<Seed['apps'][number]['status']>;

/** Field types whose users a state may name as its assignees (`FIELD_ENTITY`). */
const USER_FIELD_TYPES: ReadonlySet<string> = new Set(['CREATOR', 'MODIFIER', 'USER_SELECT']);

/**
 * A seed's process management as the app keeps it, checked against the app's fields and the
 * seed's users and groups. Each problem comes back as one line naming where it is.
 */
export function readStatusSettings(
  status: SeedStatus,
  properties: FieldProperties,
  where: string,
  known: { loginNames: ReadonlySet<string>; groupCodes: ReadonlySet<string> },
): { settings: StatusSettings; problems: string[] } {
  const problems: string[] = [];
  const states: Record<string, StatusState> = {};

  for (const [position, [key, state]] of Object.entries(status.states).entries()) {
    const at = `${where}.states.${key}`;
    if (state.name !== key) problems.push(`${at}.name: must equal its key "${key}"`);
    for (const [i, { entity }] of state.assignee.entities.entries()) {
      const entityAt = `${at}.assignee.entities[${i}].entity.code`;
      if (entity.type === 'USER' && !known.loginNames.has(entity.code)) {
        problems.push(`${entityAt}: unknown user "${entity.code}"`);
      }
      if (entity.type === 'GROUP' && !known.groupCodes.has(entity.code)) {
        problems.push(`${entityAt}: unknown group "${entity.code}"`);
      }
      if (entity.type === 'FIELD_ENTITY') {
        const field = Object.hasOwn(properties, entity.code) ? properties[entity.code] : undefined;
        if (!field || !USER_FIELD_TYPES.has(field.type)) {
          problems.push(
            `${entityAt}: "${entity.code}" is not a created-by, updated-by or user field`,
          );
        }
      }
    }
    states[key] = { ...state, index: state.index ?? String(position) };
  }
  if (Object.keys(states).length === 0) problems.push(`${where}.states: needs at least one state`);

  const actionNames = new Set<string>();
  for (const [i, action] of status.actions.entries()) {
    const at = `${where}.actions[${i}]`;
    if (actionNames.has(action.name))
      problems.push(`${at}.name: duplicate action "${action.name}"`);
    actionNames.add(action.name);
    if (!Object.hasOwn(states, action.from)) problems.push(`${at}.from: no state "${action.from}"`);
    if (!Object.hasOwn(states, action.to)) problems.push(`${at}.to: no state "${action.to}"`);
    const conditionProblem = filterProblem(action.filterCond, properties);
    if (conditionProblem) problems.push(`${at}.filterCond: ${conditionProblem}`);
  }

  return { settings: { enable: status.enable, states, actions: status.actions }, problems };
}

/** A condition only: the query language compiled against the app's fields, with no order. */
function filterProblem(condition: string, properties: FieldProperties): string | undefined {
  if (condition.trim() === '') return undefined;
  try {
    const compiled = compileRecordQuery(condition, {
      fields: properties,
      dialect: sqliteRecordSql,
      loginUser: null,
      now: new Date(0),
      timeZone: 'UTC',
    });
    const hasMore = compiled.orderBy.length > 0 || compiled.limit !== null || compiled.offset > 0;
    return hasMore ? 'must be a condition, without order by, limit or offset' : undefined;
  } catch (error) {
    if (!(error instanceof KintoneError)) throw error;
    const details = Object.values(error.errorsIn('en') ?? {}).flatMap((e) => e.messages);
    return [error.messageIn('en'), ...details].join(' ');
  }
}

/** Status and assignee fields are listed as enabled exactly while process management is on. */
export function withProcessFields(properties: FieldProperties, enabled: boolean): FieldProperties {
  return Object.fromEntries(
    Object.entries(properties).map(([code, field]) =>
      field.type === 'STATUS' || field.type === 'STATUS_ASSIGNEE'
        ? [code, { ...field, enabled }]
        : [code, field],
    ),
  );
}
