import { sql } from 'kysely';
import { groupMemberLogins } from '../auth/directory.js';
import { actorOf } from '../auth/principal.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import { invalidInput, KintoneError } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import { stringList } from '../kintone/fields/field-kinds.js';
import { assigneesOnEntry, candidatesFor } from '../kintone/process/candidates.js';
import { processFieldCodes, type StatusSettings } from '../kintone/process/settings.js';
import { fieldTypesOf } from '../kintone/process/starting-status.js';
import type { RecordWriter } from '../store/records.js';
import type { App, RecordRow, RecordUpdate } from '../store/types.js';
import type { ApiCall } from './endpoint.js';
import { readOptionalString, readPositiveId, readRevision } from './param-readers.js';
import { selectionFor } from './record-query.js';

/** One action to run on one record, as `record/status.json` or an item of the bulk form names. */
export interface ActionRequest {
  id: number;
  action: string;
  assignee: string | undefined;
  revision: number | null;
}

/** The app's process management, which must be on for any status or assignee call. */
export function requireProcess(app: App): { settings: StatusSettings; codes: ProcessCodes } {
  const codes = processFieldCodes(app.properties);
  if (!app.status?.enable || !codes) throw new KintoneError('GAIA_ST02');
  return { settings: app.status, codes };
}

type ProcessCodes = { status: string; assignee: string };

export function readActionRequest(item: Record<string, unknown>, prefix: string): ActionRequest {
  const action = readOptionalString(item.action, `${prefix}action`);
  if (action === undefined || action === '') {
    throw invalidInput([{ key: `${prefix}action`, text: inputMessage('REQUIRED_PARAMETER') }]);
  }
  const assignee = readOptionalString(item.assignee, `${prefix}assignee`);
  return {
    id: readPositiveId(item.id, `${prefix}id`),
    action,
    assignee: assignee === '' ? undefined : assignee,
    revision: readRevision(item.revision, `${prefix}revision`),
  };
}

/**
 * Works out what running an action changes, inside the write transaction: the action must
 * leave the record's current status (GAIA_IL03 otherwise, also when the record does not meet
 * its condition), a user must be one of the current assignees, and the next status's assignee
 * setting decides who is assigned next. Where every assignee must act ("ALL"), a user's
 * action only takes them off the list until the last one acts.
 */
export async function planAction(
  call: ApiCall,
  app: App,
  writer: RecordWriter,
  request: ActionRequest,
  prefix: string,
): Promise<RecordUpdate> {
  const { settings, codes } = requireProcess(app);
  const record = await writer.find(request.id);
  if (!record) throw new KintoneError('GAIA_RE01', { id: request.id });
  await requireRecordRight(call, app, record.id, 'editable', writer);
  if (request.revision !== null && request.revision !== record.revision) {
    throw new KintoneError('GAIA_CO02');
  }

  const status = record.values[codes.status];
  const action = settings.actions.find((a) => a.name === request.action && a.from === status);
  if (!action || !(await meetsCondition(call, app, writer, record.id, action.filterCond))) {
    throw new KintoneError('GAIA_IL03');
  }

  // API tokens act as "Administrator": like a user, they may act only where nobody or
  // "Administrator" is assigned.
  const assignees = stringList(record.values[codes.assignee]);
  const caller = actorOf(call.principal).code;
  if (assignees.length > 0 && !assignees.includes(caller)) {
    throw new KintoneError('KL_ST01');
  }

  const current = settings.states[action.from];
  if (current?.assignee.type === 'ALL' && assignees.length > 1) {
    const remaining = assignees.filter((code) => code !== caller);
    return update(request, { [codes.assignee]: remaining }, 1);
  }

  const next = settings.states[action.to]!;
  const nextUsers = await nextAssignees(call, app, record, next, request.assignee, prefix);
  return update(request, { [codes.status]: action.to, [codes.assignee]: nextUsers }, 2);
}

async function nextAssignees(
  call: ApiCall,
  app: App,
  record: RecordRow,
  state: StatusSettings['states'][string],
  chosen: string | undefined,
  prefix: string,
): Promise<string[]> {
  const store = call.services.store;
  const candidates = await candidatesFor(state, {
    creatorCode: record.creatorCode,
    modifierCode: record.modifierCode,
    values: record.values,
    fieldTypes: fieldTypesOf(app.properties),
    membersOf: (group) => groupMemberLogins(store, group),
  });

  if (state.assignee.type !== 'ONE' || candidates.length === 0) {
    return assigneesOnEntry(state, candidates, undefined);
  }
  if (chosen === undefined) {
    if (candidates.length > 1) throw new KintoneError('GAIA_SA01');
    return assigneesOnEntry(state, candidates, undefined);
  }
  if (!candidates.includes(chosen)) {
    throw invalidInput([
      { key: `${prefix}assignee`, text: inputMessage('NOT_A_CANDIDATE', { code: chosen }) },
    ]);
  }
  return [chosen];
}

/** An action's condition is a query condition the record must match; "" always matches. */
async function meetsCondition(
  call: ApiCall,
  app: App,
  writer: RecordWriter,
  recordId: number,
  condition: string,
): Promise<boolean> {
  if (condition.trim() === '') return true;
  const where = selectionFor(call, app, condition).where;
  if (!where) return true;
  const matching = await writer.findIds(sql<boolean>`(${where}) and id = ${recordId}`, 1);
  return matching.length === 1;
}

function update(
  request: ActionRequest,
  values: Record<string, string | string[]>,
  revisionStep: number,
): RecordUpdate {
  return { id: request.id, expectedRevision: request.revision, values, revisionStep };
}
