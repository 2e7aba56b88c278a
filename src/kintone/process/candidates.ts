import { stringList } from '../fields/field-kinds.js';
import type { StoredValues } from '../fields/types.js';
import type { StatusState } from './settings.js';

/** What candidate resolution needs to know about the record and the organisation. */
export interface CandidateSource {
  creatorCode: string;
  modifierCode: string;
  values: Readonly<StoredValues>;
  fieldTypes: Readonly<Record<string, string>>;
  /** Login names of a group's members, built-in groups included. */
  membersOf(groupCode: string): Promise<string[]>;
}

/**
 * The users a state's assignee setting names for one record, in setting order, each once:
 * users as given, groups as their members, the record's creator, or the users a CREATOR,
 * MODIFIER or USER_SELECT field holds.
 */
export async function candidatesFor(
  state: StatusState,
  source: CandidateSource,
): Promise<string[]> {
  const codes: string[] = [];

  for (const { entity } of state.assignee.entities) {
    switch (entity.type) {
      case 'USER':
        codes.push(entity.code);
        break;
      case 'GROUP':
        codes.push(...(await source.membersOf(entity.code)));
        break;
      case 'CREATOR':
        codes.push(source.creatorCode);
        break;
      case 'FIELD_ENTITY':
        codes.push(...fieldUsers(entity.code, source));
        break;
    }
  }
  return [...new Set(codes)];
}

function fieldUsers(code: string, source: CandidateSource): string[] {
  const type = source.fieldTypes[code];
  if (type === 'CREATOR') return [source.creatorCode];
  if (type === 'MODIFIER') return [source.modifierCode];
  return stringList(source.values[code]);
}

/**
 * The assignees a record gets on entering a state: every candidate, except that "one of
 * them" takes the chosen one, or the only candidate when there is just one.
 */
export function assigneesOnEntry(
  state: StatusState,
  candidates: readonly string[],
  chosen: string | undefined,
): string[] {
  if (state.assignee.type !== 'ONE') return [...candidates];
  if (chosen !== undefined) return [chosen];
  return candidates.slice(0, 1);
}
