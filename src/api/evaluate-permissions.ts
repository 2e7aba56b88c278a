import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { openApp } from '../auth/app-access.js';
import { userRightsIn } from '../auth/app-permissions.js';
import { fieldAccessFor, mayEdit, mayView } from '../auth/field-permissions.js';
import { recordRightCondition, type RecordRight } from '../auth/record-permissions.js';
import { KintoneError } from '../errors/kintone-error.js';
import type { FieldType } from '../kintone/fields/types.js';
import type { App } from '../store/types.js';
import type { ApiCall, Endpoint } from './endpoint.js';
import { readList, readPositiveId } from './param-readers.js';

/** Fields that are not values a record update names: ids, and process management. */
const NOT_UPDATABLE: ReadonlySet<FieldType> = new Set([
  '__ID__',
  '__REVISION__',
  'STATUS',
  'STATUS_ASSIGNEE',
  'CATEGORY',
]);

const RIGHTS: readonly RecordRight[] = ['viewable', 'editable', 'deletable'];

/**
 * What the calling user may do with each of up to 100 records and their fields, after app,
 * record and field permissions. Users only, as in Kintone: tokens are refused (GAIA_NO01).
 */
export const evaluateRecordPermissions: Endpoint = {
  path: 'records/acl/evaluate',
  method: 'GET',
  acceptsApiToken: false,
  scope: 'k:app_record:read',
  async handle(call) {
    const app = await openApp(call, 'viewOrAdd');
    const ids = readList(call.params.ids, 'ids', { min: 1, max: 100 }).map((id, i) =>
      readPositiveId(id, `ids[${i}]`),
    );

    const existing = new Set(await idsWhere(call, app, ids, null));
    const missing = ids.find((id) => !existing.has(id));
    if (missing !== undefined) throw new KintoneError('GAIA_RE01', { id: missing });

    const held = await recordRightsOf(call, app, ids);
    const access = await fieldAccessFor(call, app);
    const fieldCodes = Object.values(app.properties)
      .filter((field) => !NOT_UPDATABLE.has(field.type))
      .map((field) => field.code);

    return {
      rights: ids.map((id) => {
        const record = {
          viewable: held.viewable.has(id),
          editable: held.editable.has(id),
          deletable: held.deletable.has(id),
        };
        const fields = Object.fromEntries(
          fieldCodes.map((code) => [
            code,
            {
              viewable: record.viewable && mayView(access, code),
              editable: record.editable && mayEdit(access, code),
            },
          ]),
        );
        return { id: String(id), record, fields };
      }),
    };
  },
};

/** For each right, the records holding it: the app permission, then the record permissions. */
async function recordRightsOf(call: ApiCall, app: App, ids: number[]) {
  if (call.principal.kind !== 'user') throw new KintoneError('GAIA_NO01');
  const appRights = await userRightsIn(call.services.store, app, call.principal.user);
  const appGrants: Record<RecordRight, boolean> = {
    viewable: appRights.recordViewable,
    editable: appRights.recordEditable,
    deletable: appRights.recordDeletable,
  };

  const held = {} as Record<RecordRight, Set<number>>;
  for (const right of RIGHTS) {
    held[right] = appGrants[right]
      ? new Set(await idsWhere(call, app, ids, await recordRightCondition(call, app, right)))
      : new Set();
  }
  return held;
}

async function idsWhere(
  call: ApiCall,
  app: App,
  ids: number[],
  condition: RawBuilder<SqlBool> | null,
): Promise<number[]> {
  const inIds = sql<SqlBool>`(id in (${sql.join(ids)}))`;
  const where = condition === null ? inIds : sql<SqlBool>`(${inIds} and ${condition})`;
  return call.services.store.records.selectIds(app.id, where, []);
}
