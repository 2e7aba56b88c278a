import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../support/dialects.js';
import { fixtureSeed, TOKENS } from '../support/fixture.js';
import { freshPostgresUrl, seedFile, startInstance } from '../support/instances.js';

const WORKERS = 24;
/** The kill comes once this many writes were acknowledged, while the workers keep writing. */
const ACKNOWLEDGED_BEFORE_KILL = 600;
const HEADERS = { 'x-cybozu-api-token': TOKENS.app1Full, 'content-type': 'application/json' };

/**
 * One record's state as a writer knows it. Every write puts the same text into `title`, `body`
 * and `code`, and its sequence number into `amount`, so a half-written record shows at once.
 */
interface Known {
  acknowledged: { revision: number; text: string };
  /** A write sent but not answered when the server died: it may or may not have landed. */
  inFlight?: { revision: number; text: string };
}

function values(text: string, n: number) {
  return {
    title: { value: text },
    body: { value: text },
    code: { value: text },
    amount: { value: String(n) },
  };
}

async function call(url: string, method: string, api: string, body: unknown) {
  const response = await fetch(`${url}/k/v1/${api}`, {
    method,
    headers: HEADERS,
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/**
 * Runs writers until the server is killed. Each writer adds a record, updates it a few times,
 * and now and then adds five records in one request; every acknowledged write is remembered.
 */
async function writeUntilKilled(url: string, kill: () => Promise<void>) {
  const known = new Map<number, Known>();
  /** Five-record batches: tag → ids when acknowledged, or undefined while in flight. */
  const batches = new Map<string, number[] | undefined>();
  let acknowledged = 0;
  let killing: Promise<void> | undefined;
  const acknowledge = () => {
    acknowledged += 1;
    if (acknowledged >= ACKNOWLEDGED_BEFORE_KILL) killing ??= kill();
  };

  const worker = async (w: number) => {
    for (let n = 0; ; n++) {
      try {
        if (n % 7 === 6) {
          const tag = `w${w}-batch${n}`;
          batches.set(tag, undefined);
          const records = Array.from({ length: 5 }, (_, i) => values(`${tag}-${i}`, i));
          const answer = await call(url, 'POST', 'records.json', { app: 1, records });
          if (answer.status !== 200) throw new Error(`batch answered ${answer.status}`);
          batches.set(tag, (answer.json.ids as string[]).map(Number));
          acknowledge();
          continue;
        }

        const text = `w${w}-n${n}`;
        const answer = await call(url, 'POST', 'record.json', { app: 1, record: values(text, 1) });
        if (answer.status !== 200) throw new Error(`add answered ${answer.status}`);
        const id = Number(answer.json.id);
        const entry: Known = { acknowledged: { revision: 1, text } };
        known.set(id, entry);
        acknowledge();

        for (let u = 2; u <= 4; u++) {
          const next = `${text}-u${u}`;
          entry.inFlight = { revision: u, text: next };
          const update = await call(url, 'PUT', 'record.json', {
            app: 1,
            id,
            record: values(next, u),
          });
          if (update.status !== 200) throw new Error(`update answered ${update.status}`);
          expect(update.json.revision).toBe(String(u));
          entry.acknowledged = { revision: u, text: next };
          delete entry.inFlight;
          acknowledge();
        }
      } catch (error) {
        // Only the kill may stop a writer: its connection is refused or reset.
        if (!killing) throw error;
        return;
      }
    }
  };

  await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  await killing;
  return { known, batches, acknowledged };
}

async function readAll(url: string) {
  const records = new Map<number, Record<string, { value: string }>>();
  for (let lastId = 0; ;) {
    const query = encodeURIComponent(`$id > ${lastId} order by $id asc limit 500`);
    const response = await fetch(`${url}/k/v1/records.json?app=1&query=${query}`, {
      headers: { 'x-cybozu-api-token': TOKENS.app1Full },
    });
    const page = (await response.json()) as { records: Record<string, { value: string }>[] };
    for (const record of page.records) records.set(Number(record.$id!.value), record);
    if (page.records.length < 500) return records;
    lastId = Number(page.records.at(-1)!.$id!.value);
  }
}

describe.each(DIALECTS)('a server killed during a write load [%s]', (dialect) => {
  it('keeps every acknowledged write and no half-written record', async () => {
    const storeArgs =
      dialect === 'sqlite'
        ? ['--data', mkdtempSync(path.join(tmpdir(), 'kl-crash-'))]
        : ['--database-url', await freshPostgresUrl()];
    const quiet = ['--log-level', 'warn'];

    const first = await startInstance(storeArgs, [...quiet, '--seed', seedFile(fixtureSeed())]);
    const { known, batches, acknowledged } = await writeUntilKilled(first.url, () =>
      first.stop('SIGKILL'),
    );
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acknowledged).toBeGreaterThanOrEqual(ACKNOWLEDGED_BEFORE_KILL);
    // The kill came mid-load: writes were still waiting for their answer.
    const unanswered =
      [...known.values()].filter((k) => k.inFlight).length +
      [...batches.values()].filter((ids) => !ids).length;
    expect(unanswered).toBeGreaterThan(0);

    const second = await startInstance(storeArgs, quiet);
    try {
      const stored = await readAll(second.url);

      // Every record the writers touched is whole: one write's text in all three fields.
      const written = [...stored.values()].filter((r) => r.title!.value.startsWith('w'));
      expect(written.length).toBeGreaterThan(0);
      for (const record of written) {
        expect(record.body!.value).toBe(record.title!.value);
        expect(record.code!.value).toBe(record.title!.value);
      }

      // Every acknowledged single write is there, at its revision or at the one in flight.
      for (const [id, entry] of known) {
        const record = stored.get(id);
        expect(record, `record ${id}`).toBeDefined();
        const found = { revision: Number(record!.$revision!.value), text: record!.title!.value };
        expect([entry.acknowledged, entry.inFlight]).toContainEqual(found);
        expect(record!.amount!.value).toBe(String(found.revision));
      }

      // A five-record request is all or nothing, and all when acknowledged.
      for (const [tag, ids] of batches) {
        const landed = [...stored.values()].filter((r) => r.title!.value.startsWith(`${tag}-`));
        if (ids) expect(landed.map((r) => Number(r.$id!.value)).sort()).toEqual([...ids].sort());
        else expect([0, 5]).toContain(landed.length);
      }
    } finally {
      await second.stop();
    }
  }, 120_000);
});
