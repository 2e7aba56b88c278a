import { readBody, type Deployer, type SettingsBody } from '../../store/app-settings.js';
import { invalidInput } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import type { Kysely } from 'kysely';
import {
  firstState,
  processFieldCodes,
  type StatusAction,
  type StatusSettings,
  type StatusState,
} from '../../kintone/process/settings.js';
import type { Schema } from '../../store/schema.js';
import type { App } from '../../store/types.js';
import type { ApiCall } from '../endpoint.js';
import { compileFor } from '../record-query.js';
import { withProcessFields } from '../../seed/seed-status.js';
import type { FieldProperties } from '../../store/types.js';
import { readList, readObject } from '../param-readers.js';
import { readChoice, readFlag, readIntegerText, readText } from './setting-readers.js';
import type { SettingKind } from './setting-kind.js';

const PATH = 'app/status';
const ASSIGNEE_TYPES = ['ONE', 'ALL', 'ANY'] as const;
const ENTITY_TYPES = ['USER', 'GROUP', 'CREATOR', 'FIELD_ENTITY'] as const;
const ACTION_TYPES = ['PRIMARY', 'SECONDARY'] as const;

/**
 * `app/status`: process management, its states and the actions between them. The live
 * settings are the app's own, which record status actions follow; a deploy writes them there.
 * `states` and `actions` are null until process management was ever set.
 */
export const processManagement: SettingKind = {
  path: PATH,
  liveReadNeeds: 'readForm',
  initial: () => ({ enable: false, states: null, actions: null }),
  live: async (app) => ({
    enable: app.status?.enable ?? false,
    states: app.status?.states ?? null,
    actions: app.status?.actions ?? null,
  }),
  async update(call, app, current) {
    const p = call.params;
    const states =
      p.states === undefined
        ? (current.states as Record<string, StatusState> | null)
        : readStates(p.states);
    if (states) await checkNoRecordsInRemovedStates(call, app, states);
    const actions =
      p.actions === undefined ? (current.actions as StatusAction[] | null) : readActions(p.actions);
    checkActionStates(actions ?? [], states ?? {});
    const enable = readFlag(p.enable, 'enable', Boolean(current.enable));
    // Records start in the first state: a process without one cannot be switched on.
    if (enable && Object.keys(states ?? {}).length === 0) {
      throw invalidInput([{ key: 'states', text: inputMessage('REQUIRED_PARAMETER') }]);
    }
    return { enable, states, actions };
  },
};

function readStates(value: unknown): Record<string, StatusState> {
  const given = readObject(value, 'states');
  const states: Record<string, StatusState> = {};
  for (const [key, entry] of Object.entries(given)) {
    const prefix = `states.${key}`;
    const state = readObject(entry, prefix);
    const name = readName(state.name, `${prefix}.name`);
    if (name !== key) {
      throw invalidInput([{ key: `${prefix}.name`, text: inputMessage('NAME_NOT_KEY', { key }) }]);
    }
    if (state.index === undefined) {
      throw invalidInput([{ key: `${prefix}.index`, text: inputMessage('REQUIRED_PARAMETER') }]);
    }
    const index = readIntegerText(state.index, `${prefix}.index`, '0', { min: 0, max: 1000 });
    states[key] = { name, index, assignee: readAssignee(state.assignee, `${prefix}.assignee`) };
  }
  return states;
}

function readAssignee(value: unknown, prefix: string): StatusState['assignee'] {
  if (value === undefined) return { type: 'ONE', entities: [] };
  const assignee = readObject(value, prefix);
  const type = readChoice(assignee.type, `${prefix}.type`, ASSIGNEE_TYPES, 'ONE');
  const given = assignee.entities === undefined ? [] : assignee.entities;
  const entities = readList(given, `${prefix}.entities`, { min: 0, max: 100 }).map((item, i) => {
    const key = `${prefix}.entities[${i}]`;
    const entry = readObject(item, key);
    const entity = readObject(entry.entity, `${key}.entity`);
    const entityType = readChoice(entity.type, `${key}.entity.type`, ENTITY_TYPES, 'USER');
    const includeSubs = readFlag(entry.includeSubs, `${key}.includeSubs`, false);
    if (entityType === 'CREATOR') return { entity: { type: entityType, code: null }, includeSubs };
    const code = readText(entity.code, `${key}.entity.code`, '', { min: 1, max: 128 });
    return { entity: { type: entityType, code }, includeSubs };
  });
  return { type, entities };
}

function readActions(value: unknown): StatusAction[] {
  return readList(value, 'actions', { min: 0, max: 1000 }).map((item, i) => {
    const prefix = `actions[${i}]`;
    const action = readObject(item, prefix);
    const filterCond = action.filterCond ?? '';
    return {
      name: readName(action.name, `${prefix}.name`),
      from: readName(action.from, `${prefix}.from`),
      to: readName(action.to, `${prefix}.to`),
      filterCond: readText(filterCond, `${prefix}.filterCond`, '', { max: 10000 }),
      type: readChoice(action.type, `${prefix}.type`, ACTION_TYPES, 'PRIMARY'),
    };
  });
}

/**
 * Kintone removes only states no record is in. Records take the live states, so those are
 * the ones to look for.
 */
async function checkNoRecordsInRemovedStates(
  call: ApiCall,
  app: App,
  states: Record<string, StatusState>,
) {
  const removed = Object.keys(app.status?.states ?? {}).filter(
    (name) => !Object.hasOwn(states, name),
  );
  const codes = processFieldCodes(app.properties);
  if (removed.length === 0 || !codes) return;

  const quoted = removed.map((name) => `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
  const query = `${codes.status} in (${quoted.join(', ')})`;
  const withStatus = { ...app, properties: withProcessFields(app.properties, true) };
  const { where } = compileFor(call, withStatus, query);
  const found = where && (await call.services.store.records.firstMatching(app.id, where));
  if (!found) return;

  const values = found.values as Record<string, unknown>;
  const name = String(values[codes.status]);
  throw invalidInput([{ key: 'states', text: inputMessage('STATE_IN_USE', { name }) }]);
}

/** A name a state or action must have, as must each end of an action. */
function readName(value: unknown, key: string): string {
  if (value === undefined || value === null) {
    throw invalidInput([{ key, text: inputMessage('REQUIRED_PARAMETER') }]);
  }
  return readText(value, key, '', { min: 1, max: 64 });
}

/** Every action must go from one known state to another, also when only the states change. */
function checkActionStates(actions: StatusAction[], states: Record<string, StatusState>) {
  actions.forEach((action, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!Object.hasOwn(states, action[end])) {
        throw invalidInput([
          {
            key: `actions[${i}].${end}`,
            text: inputMessage('UNKNOWN_STATUS', { name: action[end] }),
          },
        ]);
      }
    }
  });
}

/**
 * Deploy step: the app's process management takes the deployed settings, and its status and
 * assignee fields are enabled exactly while it is on. Records that never had a status (they
 * were added while it was off) start in the first state, with nobody assigned; the others keep
 * theirs, as Kintone keeps a record's status while process management is switched off.
 */
export const deployProcessManagement: Deployer = async (trx, appId) => {
  const body = await readBody(trx, appId, PATH, 'preview');
  if (!body) return;

  const settings = storedSettings(body);
  const row = await trx
    .selectFrom('apps')
    .select('properties')
    .where('id', '=', appId)
    .executeTakeFirstOrThrow();
  const properties = JSON.parse(String(row.properties)) as FieldProperties;
  await trx
    .updateTable('apps')
    .set({
      status_settings: settings ? JSON.stringify(settings) : null,
      properties: JSON.stringify(withProcessFields(properties, settings?.enable === true)),
    })
    .where('id', '=', appId)
    .execute();

  const codes = processFieldCodes(properties);
  const first = settings?.enable ? firstState(settings) : undefined;
  if (codes && first) await startRecordsWithoutStatus(trx, appId, codes, first.name);
};

async function startRecordsWithoutStatus(
  trx: Kysely<Schema>,
  appId: number,
  codes: { status: string; assignee: string },
  status: string,
) {
  const rows = await trx
    .selectFrom('records')
    .select(['id', 'field_values'])
    .where('app_id', '=', appId)
    .execute();
  for (const row of rows) {
    const values = (
      typeof row.field_values === 'string' ? JSON.parse(row.field_values) : row.field_values
    ) as Record<string, unknown>;
    if (typeof values[codes.status] === 'string' && values[codes.status] !== '') continue;
    const started = { ...values, [codes.status]: status, [codes.assignee]: [] };
    await trx
      .updateTable('records')
      .set({ field_values: JSON.stringify(started) })
      .where('app_id', '=', appId)
      .where('id', '=', row.id)
      .execute();
  }
}

function storedSettings(body: SettingsBody): StatusSettings | null {
  if (body.states === null && body.actions === null && !body.enable) return null;
  return {
    enable: Boolean(body.enable),
    states: (body.states ?? {}) as StatusSettings['states'],
    actions: (body.actions ?? []) as StatusSettings['actions'],
  };
}
