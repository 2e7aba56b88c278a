/**
 * An app's process management, in the shape `GET app/status.json` answers: states keyed by
 * name with their order in `index`, and the actions between them.
 */
export interface StatusSettings {
  enable: boolean;
  states: Record<string, StatusState>;
  actions: StatusAction[];
}

export type AssigneeType = 'ONE' | 'ALL' | 'ANY';

/** Who may be an assignee: a user, a group's members, the record's creator, or a user field. */
export type AssigneeEntity =
  | { type: 'USER'; code: string }
  | { type: 'GROUP'; code: string }
  | { type: 'CREATOR'; code: null }
  | { type: 'FIELD_ENTITY'; code: string };

export interface StatusState {
  name: string;
  index: string;
  assignee: {
    type: AssigneeType;
    entities: Array<{ entity: AssigneeEntity; includeSubs: boolean }>;
  };
}

export interface StatusAction {
  name: string;
  from: string;
  to: string;
  /** A query condition the record must meet for the action to run; "" for none. */
  filterCond: string;
  type: 'PRIMARY' | 'SECONDARY';
}

/** The state new records start in: the one with the lowest index. */
export function firstState(settings: StatusSettings): StatusState | undefined {
  return Object.values(settings.states).sort((a, b) => Number(a.index) - Number(b.index))[0];
}

/** The field codes the app's status and assignees have, while process management is on. */
export function processFieldCodes(
  properties: Record<string, { type: string; code: string }>,
): { status: string; assignee: string } | undefined {
  const fields = Object.values(properties);
  const status = fields.find((f) => f.type === 'STATUS')?.code;
  const assignee = fields.find((f) => f.type === 'STATUS_ASSIGNEE')?.code;
  return status && assignee ? { status, assignee } : undefined;
}
