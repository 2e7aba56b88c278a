import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { ApiCall } from '../api/endpoint.js';
import { KintoneError } from '../errors/kintone-error.js';
import { compileFilterCondition, type QueryContext } from '../kintone/query/index.js';
import { ALWAYS, NEVER } from '../kintone/query/sql-conditions.js';
import type { RecordWriter } from '../store/records.js';
import type { App, PermissionEntity, RecordAclEntity, RecordAclRule } from '../store/types.js';
import { actorOf } from './principal.js';
import { entityMatcher, inPriorityOrder } from './permission-entities.js';

export type RecordRight = 'viewable' | 'editable' | 'deletable';

/**
 * The records of an app a caller may view, edit or delete, as an SQL condition over the
 * records table, or null when nothing restricts the caller: an API token (it acts as the
 * administrator), or an app without record permissions.
 *
 * Kintone's rules: the first rule whose condition the record matches decides; within it, the
 * first entity that names the user ("Everyone" last) gives the rights, and a user no entity
 * names has none. A record no rule matches is open to everyone with the app's rights.
 */
export async function recordRightCondition(
  call: ApiCall,
  app: App,
  right: RecordRight,
): Promise<RawBuilder<SqlBool> | null> {
  if (call.principal.kind !== 'user') return null;
  const rules = await call.services.store.permissions.find(app.id, 'record', 'live');
  if (!rules || rules.length === 0) return null;

  const namesUser = await entityMatcher(call.services.store, call.principal.user);
  const context = queryContextFor(call, app);
  const branches: RawBuilder<unknown>[] = [];
  for (const rule of rules) {
    const matches = ruleCondition(rule, context);
    const decision = entityDecision(namesUser, rule.entities, right, context);
    branches.push(sql`when ${matches} then ${decision}`);
    // A rule for every record leaves the rules below it nothing to decide.
    if (matches === ALWAYS) break;
  }
  return sql<SqlBool>`(case ${sql.join(branches, sql` `)} else ${ALWAYS} end)`;
}

/**
 * Throws CB_NO02 unless the caller holds the right on an existing record. `writer` reads
 * inside a write transaction, where records written earlier in the same bulk request exist.
 */
export async function requireRecordRight(
  call: ApiCall,
  app: App,
  recordId: number,
  right: RecordRight,
  writer?: RecordWriter,
): Promise<void> {
  const condition = await recordRightCondition(call, app, right);
  if (condition === null) return;

  const byId = sql<SqlBool>`(id = ${recordId} and ${condition})`;
  const held = writer
    ? (await writer.findIds(byId, 1)).length > 0
    : (await call.services.store.records.count(app.id, byId)) > 0;
  if (!held) throw new KintoneError('CB_NO02');
}

/** The query context record permissions compile in: every field, the caller as LOGINUSER(). */
export function queryContextFor(call: ApiCall, app: App): QueryContext {
  return {
    fields: app.properties,
    dialect: call.services.store.recordSql,
    loginUser: call.principal.kind === 'user' ? actorOf(call.principal) : null,
    now: call.services.now(),
    timeZone: call.services.config.timeZone,
  };
}

/**
 * A stored condition is checked when it is written; one that no longer compiles (its field
 * was removed since) matches every record, so its rule still restricts rather than opens.
 */
function ruleCondition(rule: RecordAclRule, context: QueryContext): RawBuilder<SqlBool> {
  try {
    return compileFilterCondition(rule.filterCond, context, 'filterCond') ?? ALWAYS;
  } catch {
    return ALWAYS;
  }
}

/**
 * The right for a record a rule matched: USER and GROUP entities are decided now, for the
 * caller; FIELD_ENTITY per record, by whether the field holds the caller.
 */
function entityDecision(
  namesUser: (entity: PermissionEntity) => boolean,
  entities: readonly RecordAclEntity[],
  right: RecordRight,
  context: QueryContext,
): RawBuilder<SqlBool> {
  const branches: RawBuilder<unknown>[] = [];
  let otherwise = NEVER;
  for (const entry of inPriorityOrder(entities)) {
    const granted = entry[right] ? ALWAYS : NEVER;
    if (entry.entity.type === 'FIELD_ENTITY') {
      const holdsCaller = fieldHoldsCaller(entry.entity.code, context);
      branches.push(sql`when ${holdsCaller} then ${granted}`);
      continue;
    }
    if (namesUser(entry.entity)) {
      otherwise = granted;
      break;
    }
  }
  if (branches.length === 0) return otherwise;
  return sql<SqlBool>`(case ${sql.join(branches, sql` `)} else ${otherwise} end)`;
}

function fieldHoldsCaller(fieldCode: string, context: QueryContext): RawBuilder<SqlBool> {
  try {
    return compileFilterCondition(`${fieldCode} in (LOGINUSER())`, context, 'entity') ?? NEVER;
  } catch {
    return NEVER;
  }
}
