import { invalidInput, type LocalText } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import {
  compileFilterCondition,
  filterConditionSize,
  MAX_CONDITIONS,
  type QueryContext,
} from '../kintone/query/index.js';
import { tooManyConditions } from '../kintone/query/query-errors.js';
import type { Store } from '../store/store.js';
import type {
  AclEntity,
  App,
  AppAclEntry,
  FieldAccessibility,
  FieldAclRule,
  FieldProperties,
  PermissionEntity,
  RecordAclRule,
} from '../store/types.js';
import { readList, readObject } from './param-readers.js';

/** What permission settings may name: the users and groups that exist, and the app's fields. */
export interface PermissionReferences {
  userExists(loginName: string): boolean | Promise<boolean>;
  groupExists(code: string): boolean | Promise<boolean>;
  properties: FieldProperties;
  /** For checking record conditions as Kintone's query language. */
  queryContext: QueryContext;
}

/** What a store holds, for settings written through the API or the command line. */
export function referencesInStore(
  store: Store,
  app: App,
  queryContext: QueryContext,
): PermissionReferences {
  return {
    userExists: async (login) => (await store.users.findByLoginName(login)) !== undefined,
    groupExists: (code) => store.groups.exists(code),
    properties: app.properties,
    queryContext,
  };
}

/** Kintone's own caps on these lists are undocumented; these keep every setting's SQL small. */
const MAX_RULES = 100;
const MAX_ENTITIES = 100;

/** Field types whose users a FIELD_ENTITY can name in record permissions. */
const USER_FIELD_TYPES: ReadonlySet<string> = new Set(['USER_SELECT', 'CREATOR', 'MODIFIER']);

/** Field types that hold no value and so take no permissions. */
const LAYOUT_TYPES: ReadonlySet<string> = new Set([
  'LABEL',
  'SPACER',
  'HR',
  'GROUP',
  'REFERENCE_TABLE',
  'RECORD_NUMBER',
  '__ID__',
  '__REVISION__',
  'STATUS',
  'STATUS_ASSIGNEE',
  'CATEGORY',
]);

const FIELD_ACCESS: readonly FieldAccessibility[] = ['READ', 'WRITE', 'NONE'];

/** `PUT app/acl.json`'s rights, checked: CB_VA01 names the first bad input. */
export async function readAppAclInput(
  value: unknown,
  refs: PermissionReferences,
): Promise<AppAclEntry[]> {
  const rights = readList(value, 'rights', { min: 0, max: MAX_RULES });
  const entries: AppAclEntry[] = [];
  for (const [i, raw] of rights.entries()) {
    const key = `rights[${i}]`;
    const item = readObject(raw, key);
    const entity = await readEntity(item.entity, `${key}.entity`, refs, ['CREATOR']);
    const entry: AppAclEntry = {
      entity: entity as AclEntity,
      includeSubs: readFlag(item.includeSubs, `${key}.includeSubs`),
      appEditable: readFlag(item.appEditable, `${key}.appEditable`),
      recordViewable: readFlag(item.recordViewable, `${key}.recordViewable`),
      recordAddable: readFlag(item.recordAddable, `${key}.recordAddable`),
      recordEditable: readFlag(item.recordEditable, `${key}.recordEditable`),
      recordDeletable: readFlag(item.recordDeletable, `${key}.recordDeletable`),
      recordImportable: readFlag(item.recordImportable, `${key}.recordImportable`),
      recordExportable: readFlag(item.recordExportable, `${key}.recordExportable`),
    };
    // Kintone's rules: editing or deleting records needs viewing them, importing needs adding.
    if ((entry.recordEditable || entry.recordDeletable) && !entry.recordViewable) {
      refuse(`${key}.recordViewable`, inputMessage('VIEW_NEEDED'));
    }
    if (entry.recordImportable && !entry.recordAddable) {
      refuse(`${key}.recordAddable`, inputMessage('ADD_NEEDED'));
    }
    entries.push(entry);
  }
  return entries;
}

/** `PUT record/acl.json`'s rights, checked: conditions compile against the app's fields. */
export async function readRecordAclInput(
  value: unknown,
  refs: PermissionReferences,
): Promise<RecordAclRule[]> {
  const rights = readList(value, 'rights', { min: 0, max: MAX_RULES });
  const rules: RecordAclRule[] = [];
  let conditions = 0;
  for (const [i, raw] of rights.entries()) {
    const key = `rights[${i}]`;
    const item = readObject(raw, key);
    const filterCond = readText(item.filterCond, `${key}.filterCond`);
    compileFilterCondition(filterCond, refs.queryContext, `${key}.filterCond`);
    conditions += filterConditionSize(filterCond);
    if (conditions > MAX_CONDITIONS) throw tooManyConditions(MAX_CONDITIONS);

    const entities = readList(item.entities, `${key}.entities`, { min: 0, max: MAX_ENTITIES });
    const rule: RecordAclRule = { filterCond, entities: [] };
    for (const [j, rawEntity] of entities.entries()) {
      const entityKey = `${key}.entities[${j}]`;
      const entry = readObject(rawEntity, entityKey);
      const viewable = readFlag(entry.viewable, `${entityKey}.viewable`);
      const editable = readFlag(entry.editable, `${entityKey}.editable`);
      const deletable = readFlag(entry.deletable, `${entityKey}.deletable`);
      if ((editable || deletable) && !viewable) {
        refuse(`${entityKey}.viewable`, inputMessage('VIEW_NEEDED'));
      }
      rule.entities.push({
        entity: (await readEntity(entry.entity, `${entityKey}.entity`, refs, [
          'FIELD_ENTITY',
        ])) as PermissionEntity,
        viewable,
        editable,
        deletable,
        includeSubs: readFlag(entry.includeSubs, `${entityKey}.includeSubs`),
      });
    }
    rules.push(rule);
  }
  return rules;
}

/** `PUT field/acl.json`'s rights, checked: each names a field of the app that holds a value. */
export async function readFieldAclInput(
  value: unknown,
  refs: PermissionReferences,
): Promise<FieldAclRule[]> {
  const rights = readList(value, 'rights', { min: 0, max: 1000 });
  const rules: FieldAclRule[] = [];
  const named = new Set<string>();
  for (const [i, raw] of rights.entries()) {
    const key = `rights[${i}]`;
    const item = readObject(raw, key);
    const code = readText(item.code, `${key}.code`);
    const field = fieldOf(refs, code);
    if (!field) refuse(`${key}.code`, inputMessage('UNKNOWN_FIELD', { code }));
    if (LAYOUT_TYPES.has(field.type)) refuse(`${key}.code`, inputMessage('NO_PERMISSION_ON_FIELD'));
    // One entry per field: with two, which one decides would be anyone's guess.
    if (named.has(code)) refuse(`${key}.code`, inputMessage('REPEATED_FIELD', { code }));
    named.add(code);

    const entities = readList(item.entities, `${key}.entities`, { min: 0, max: MAX_ENTITIES });
    const rule: FieldAclRule = { code, entities: [] };
    for (const [j, rawEntity] of entities.entries()) {
      const entityKey = `${key}.entities[${j}]`;
      const entry = readObject(rawEntity, entityKey);
      const accessibility = entry.accessibility;
      if (!FIELD_ACCESS.includes(accessibility as FieldAccessibility)) {
        refuse(`${entityKey}.accessibility`, inputMessage('NOT_IN_ENUM'));
      }
      rule.entities.push({
        entity: (await readEntity(
          entry.entity,
          `${entityKey}.entity`,
          refs,
          [],
        )) as PermissionEntity,
        accessibility: accessibility as FieldAccessibility,
        includeSubs: readFlag(entry.includeSubs, `${entityKey}.includeSubs`),
      });
    }
    rules.push(rule);
  }
  return rules;
}

/**
 * An entity: USER and GROUP always, plus the extra types the setting takes (CREATOR for app
 * permissions, FIELD_ENTITY for record permissions). Departments do not exist here.
 */
async function readEntity(
  value: unknown,
  key: string,
  refs: PermissionReferences,
  extraTypes: ReadonlyArray<'CREATOR' | 'FIELD_ENTITY'>,
): Promise<PermissionEntity | AclEntity> {
  const entity = readObject(value, key);
  const type = entity.type;
  if (type === 'ORGANIZATION') refuse(`${key}.type`, inputMessage('NOT_SUPPORTED_HERE'));
  const known = ['USER', 'GROUP', ...extraTypes];
  if (typeof type !== 'string' || !known.includes(type)) {
    refuse(`${key}.type`, inputMessage('NOT_IN_ENUM'));
  }
  if (type === 'CREATOR') return { type: 'CREATOR', code: null };

  const code = readText(entity.code, `${key}.code`);
  if (code === '') refuse(`${key}.code`, inputMessage('REQUIRED_PARAMETER'));
  if (type === 'USER') {
    if (!(await refs.userExists(code)))
      refuse(`${key}.code`, inputMessage('UNKNOWN_USER', { code }));
    return { type, code };
  }
  if (type === 'GROUP') {
    if (!(await refs.groupExists(code))) {
      refuse(`${key}.code`, inputMessage('UNKNOWN_GROUP', { code }));
    }
    return { type, code };
  }
  const field = fieldOf(refs, code);
  if (!field) refuse(`${key}.code`, inputMessage('UNKNOWN_FIELD', { code }));
  if (!USER_FIELD_TYPES.has(field.type)) refuse(`${key}.code`, inputMessage('NOT_USER_FIELD'));
  return { type: 'FIELD_ENTITY', code };
}

/** A field of the app by code; a name such as `toString` is not one. */
function fieldOf(refs: PermissionReferences, code: string) {
  return Object.hasOwn(refs.properties, code) ? refs.properties[code] : undefined;
}

/** Kintone takes booleans as JSON booleans or as "true" / "false"; left out means false. */
function readFlag(value: unknown, key: string): boolean {
  if (value === undefined || value === null) return false;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return refuse(key, inputMessage('NOT_BOOLEAN'));
}

function readText(value: unknown, key: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') refuse(key, inputMessage('NOT_STRING'));
  return value;
}

function refuse(key: string, text: LocalText): never {
  throw invalidInput([{ key, text }]);
}
