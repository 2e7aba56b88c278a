import { requireScope } from '../auth/oauth-scope.js';
import { BulkRequestError, invalidInput, KintoneError } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { ApiCall, Endpoint, HttpMethod } from './endpoint.js';
import { readList, readObject } from './param-readers.js';
import { addRecord, updateRecord } from './record.js';
import { addRecords, deleteRecords, updateRecords } from './records.js';
import { updateRecordAssignees, updateRecordStatus, updateRecordsStatus } from './record-status.js';

/** The APIs a bulk request may run, as Kintone lists them. */
const BULK_ENDPOINTS: ReadonlyMap<string, Endpoint> = new Map(
  [
    addRecord,
    updateRecord,
    addRecords,
    updateRecords,
    deleteRecords,
    updateRecordStatus,
    updateRecordsStatus,
    updateRecordAssignees,
  ].map((e) => [`${e.method} ${e.path}`, e]),
);

const MAX_SUB_REQUESTS = 20;

/** `/k/v1/records.json` or `/k/guest/5/v1/records.json`, as sub-requests name their API. */
const API_PATH = /^\/k\/(?:guest\/([1-9]\d{0,15})\/)?v1\/([a-zA-Z/]+)\.json$/;

interface SubRequest {
  endpoint: Endpoint;
  guestSpaceId: number | null;
  payload: Record<string, unknown>;
}

/**
 * Up to 20 record writes, all or nothing. Each runs with the bulk request's own credentials,
 * so a token set must cover every app touched; the first failure rolls everything back and
 * is answered at its index.
 */
export const bulkRequest: Endpoint = {
  path: 'bulkRequest',
  method: 'POST',
  acceptsApiToken: true,
  scope: 'sub-requests',
  async handle(call) {
    const requests = readList(call.params.requests, 'requests', {
      min: 1,
      max: MAX_SUB_REQUESTS,
    }).map((raw, i) => readSubRequest(raw, `requests[${i}]`));

    // A bulk request sent to a guest space's path runs only that space's APIs, each of which
    // is then checked against the space like any call on that path.
    if (call.guestSpaceId !== null) {
      const stray = requests.findIndex((sub) => sub.guestSpaceId !== call.guestSpaceId);
      if (stray >= 0) {
        throw invalidInput([{ key: `requests[${stray}].api`, text: inputMessage('NOT_BULK_API') }]);
      }
    }

    const appIds = requests.flatMap(({ payload }) => {
      const app = Number(payload.app);
      return Number.isSafeInteger(app) && app > 0 ? [app] : [];
    });

    return call.services.store.records.writeTogether(appIds, async () => {
      const results: unknown[] = [];
      for (const [index, sub] of requests.entries()) {
        results.push(await runSubRequest(call, sub, index, requests.length));
      }
      return { results };
    });
  },
};

async function runSubRequest(call: ApiCall, sub: SubRequest, index: number, count: number) {
  try {
    // An OAuth token needs the scope of every API the bulk request runs.
    requireScope(call.principal, sub.endpoint.scope);
    return await sub.endpoint.handle({
      ...call,
      params: sub.payload,
      guestSpaceId: sub.guestSpaceId,
    });
  } catch (error) {
    if (error instanceof KintoneError) throw new BulkRequestError(index, count, error);
    throw error;
  }
}

function readSubRequest(raw: unknown, key: string): SubRequest {
  const request = readObject(raw, key);

  const method = request.method;
  if (method !== 'POST' && method !== 'PUT' && method !== 'DELETE') {
    throw invalidInput([{ key: `${key}.method`, text: inputMessage('NOT_BULK_METHOD') }]);
  }

  const match = typeof request.api === 'string' ? API_PATH.exec(request.api) : null;
  const endpoint = match ? BULK_ENDPOINTS.get(`${method as HttpMethod} ${match[2]}`) : undefined;
  if (!match || !endpoint) {
    throw invalidInput([{ key: `${key}.api`, text: inputMessage('NOT_BULK_API') }]);
  }

  return {
    endpoint,
    guestSpaceId: match[1] === undefined ? null : Number(match[1]),
    payload: readObject(request.payload, `${key}.payload`),
  };
}
