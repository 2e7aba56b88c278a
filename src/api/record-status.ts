import { openApp, requirePermission } from '../auth/app-access.js';
import { actorOf } from '../auth/principal.js';
import { requireRecordRight } from '../auth/record-permissions.js';
import { invalidInput, KintoneError, type LocalText } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { Endpoint } from './endpoint.js';
import { readList, readObject, readPositiveId, readRevision } from './param-readers.js';
import { timestamp } from './record-writes.js';
import { planAction, readActionRequest, requireProcess } from './status-actions.js';
import { translateWriteConflict } from './write-conflicts.js';

/** Kintone runs actions on up to 100 records per call, and takes up to 100 assignees. */
const RECORDS_PER_CALL = { min: 1, max: 100 };
const MAX_ASSIGNEES = 100;

export const updateRecordStatus: Endpoint = {
  path: 'record/status',
  method: 'PUT',
  scope: 'k:app_record:write',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'edit');
    requireProcess(app);
    const request = readActionRequest(call.params, '');

    const [revision] = await translateWriteConflict(() =>
      call.services.store.records.write(app.id, async (writer) => {
        const update = await planAction(call, app, writer, request, '');
        return writer.update([update], actorOf(call.principal), timestamp(call.services.now()));
      }),
    );
    return { revision: String(revision) };
  },
};

/** Actions on several records, all or nothing. */
export const updateRecordsStatus: Endpoint = {
  path: 'records/status',
  method: 'PUT',
  scope: 'k:app_record:write',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'edit');
    requireProcess(app);
    const requests = readList(call.params.records, 'records', RECORDS_PER_CALL).map((item, i) =>
      readActionRequest(readObject(item, `records[${i}]`), `records[${i}].`),
    );

    return translateWriteConflict(() =>
      call.services.store.records.write(app.id, async (writer) => {
        const actor = actorOf(call.principal);
        const now = timestamp(call.services.now());
        const records = [];
        // One at a time: a later action may act on what an earlier one of the call did.
        for (const [i, request] of requests.entries()) {
          const update = await planAction(call, app, writer, request, `records[${i}].`);
          const [revision] = await writer.update([update], actor, now);
          records.push({ id: String(request.id), revision: String(revision) });
        }
        return { records };
      }),
    );
  },
};

/**
 * Replaces a record's assignees, who must be users; "one of them" statuses take one. As Kintone
 * documents, this needs app management and the record's view right (a token: its "manage"
 * checkbox).
 */
export const updateRecordAssignees: Endpoint = {
  path: 'record/assignees',
  method: 'PUT',
  scope: 'k:app_record:write',
  acceptsApiToken: true,
  async handle(call) {
    const app = await openApp(call, 'view');
    const { settings, codes } = requireProcess(app);
    await requirePermission(call, app, 'manage');
    const id = readPositiveId(call.params.id, 'id');
    const expectedRevision = readRevision(call.params.revision, 'revision');
    const assignees = await readAssignees(call.params.assignees, (code) =>
      call.services.store.users.findByLoginName(code),
    );

    const [revision] = await translateWriteConflict(() =>
      call.services.store.records.write(app.id, async (writer) => {
        const record = await writer.find(id);
        if (!record) throw new KintoneError('GAIA_RE01', { id });
        await requireRecordRight(call, app, id, 'viewable', writer);
        const state = settings.states[String(record.values[codes.status])];
        if (state?.assignee.type === 'ONE' && assignees.length > 1) {
          throw invalidInput([
            { key: 'assignees', text: inputMessage('TOO_MANY_ITEMS', { max: 1 }) },
          ]);
        }
        return writer.update(
          [{ id, expectedRevision, values: { [codes.assignee]: assignees } }],
          actorOf(call.principal),
          timestamp(call.services.now()),
        );
      }),
    );
    return { revision: String(revision) };
  },
};

async function readAssignees(
  value: unknown,
  findUser: (code: string) => Promise<unknown>,
): Promise<string[]> {
  const codes = readList(value, 'assignees', { min: 0, max: MAX_ASSIGNEES });
  const problems: Array<{ key: string; text: LocalText }> = [];

  for (const [i, code] of codes.entries()) {
    const key = `assignees[${i}]`;
    if (typeof code !== 'string' || code === '') {
      problems.push({ key, text: inputMessage('REQUIRED_PARAMETER') });
    } else if (!(await findUser(code))) {
      problems.push({ key, text: inputMessage('UNKNOWN_USER', { code }) });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
  return [...new Set(codes as string[])];
}
