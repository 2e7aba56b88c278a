import { randomBytes } from 'node:crypto';
import { KintoneError } from '../errors/kintone-error.js';
import { stringList } from '../kintone/fields/field-kinds.js';
import type { RecordWriter } from '../store/records.js';
import type { App, NewRecord, StoredValues } from '../store/types.js';
import type { ApiCall } from './endpoint.js';

/** What a write does to FILE fields, decided before the record is stored. */
export interface AttachmentPlan {
  /** The written values with every new upload key replaced by its download key. */
  values: StoredValues;
  attach: Array<{ uploadKey: string; downloadKey: string; fieldCode: string }>;
  /** Download keys the record listed before and no longer does. */
  remove: string[];
}

/**
 * Settles the file keys a write sends. A FILE value replaces the field's files: a key the
 * record already lists there (a download key from a read) keeps that file, any other must be
 * an unexpired upload key, which becomes a new download key, as in Kintone, where a record
 * shows different keys from the ones uploads answer. Anything else is GAIA_BL01 naming the key.
 */
export async function planAttachments(
  call: ApiCall,
  app: App,
  writer: RecordWriter,
  values: StoredValues,
  current: StoredValues = {},
): Promise<AttachmentPlan> {
  const plan: AttachmentPlan = { values: { ...values }, attach: [], remove: [] };
  const now = call.services.now();

  for (const field of Object.values(app.properties)) {
    if (field.type !== 'FILE' || !Array.isArray(values[field.code])) continue;
    const sent = stringList(values[field.code]);

    const kept = new Set(stringList(current[field.code]));
    const next: string[] = [];
    for (const key of sent) {
      if (kept.has(key)) {
        if (!next.includes(key)) next.push(key);
        continue;
      }
      if (!(await writer.files.isTemporary(key, now.getTime()))) {
        throw new KintoneError('GAIA_BL01', { key });
      }
      const downloadKey = newDownloadKey(now);
      plan.attach.push({ uploadKey: key, downloadKey, fieldCode: field.code });
      next.push(downloadKey);
    }
    plan.values[field.code] = next;
    plan.remove.push(...[...kept].filter((key) => !next.includes(key)));
  }
  return plan;
}

/**
 * Carries out a plan once the record has its id. An upload key another write took meanwhile
 * (or one sent twice in a request) fails here, inside the transaction, so nothing is kept.
 */
export async function applyAttachments(
  writer: RecordWriter,
  app: App,
  recordId: number,
  plan: AttachmentPlan,
): Promise<void> {
  for (const { uploadKey, downloadKey, fieldCode } of plan.attach) {
    const attached = await writer.files.attach(uploadKey, downloadKey, {
      appId: app.id,
      recordId,
      fieldCode,
    });
    if (!attached) throw new KintoneError('GAIA_BL01', { key: uploadKey });
  }
  await writer.files.remove(app.id, plan.remove);
}

/** Adds records and attaches the files they name, in the caller's write transaction. */
export async function insertWithFiles(
  call: ApiCall,
  app: App,
  writer: RecordWriter,
  records: readonly NewRecord[],
): Promise<number[]> {
  const plans: AttachmentPlan[] = [];
  for (const record of records) plans.push(await planAttachments(call, app, writer, record.values));

  const ids = await writer.insert(
    records.map((record, i) => ({ ...record, values: plans[i]!.values })),
  );
  for (const [i, id] of ids.entries()) await applyAttachments(writer, app, id, plans[i]!);
  return ids;
}

/** Kintone's download keys start with the time of attaching; the rest is random. */
export function newDownloadKey(now: Date): string {
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${randomBytes(16).toString('hex').toUpperCase()}`;
}
