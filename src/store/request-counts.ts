import { sql } from 'kysely';
import type { OpenDatabase } from './dialects/dialect.js';

/** How often counts kept in memory are added to the store. */
const FLUSH_INTERVAL_MS = 5_000;

/**
 * Each app's API requests per day, as `apps/statistics.json` shows them (`dailyRequestCount`).
 *
 * Counting sits on every API call's path, so a call only adds one to a number in memory; every
 * few seconds, and when the store closes, the numbers are added to the stored ones in one
 * statement. Several instances sharing a store each add their own, so the stored count is the
 * sum of all of them; a reader adds what this instance has not written yet.
 */
export class RequestCountStore {
  readonly #database: OpenDatabase;
  #pending = new Map<string, number>();
  readonly #timer: NodeJS.Timeout;

  constructor(database: OpenDatabase) {
    this.#database = database;
    this.#timer = setInterval(() => void this.flush().catch(() => {}), FLUSH_INTERVAL_MS);
    // A running count never keeps the process alive on its own.
    this.#timer.unref();
  }

  /** One more request to an app on a day (`YYYY-MM-DD` in the server's time zone). */
  count(appId: number, day: string): void {
    const key = keyOf(appId, day);
    this.#pending.set(key, (this.#pending.get(key) ?? 0) + 1);
  }

  /** An app's requests on a day, from every instance. */
  async dailyCount(appId: number, day: string): Promise<number> {
    const row = await this.#database.db
      .selectFrom('app_request_counts')
      .select('count')
      .where('app_id', '=', appId)
      .where('day', '=', day)
      .executeTakeFirst();
    return Number(row?.count ?? 0) + (this.#pending.get(keyOf(appId, day)) ?? 0);
  }

  /**
   * Adds the counts kept in memory to the stored ones. Counts that could not be written stay
   * in memory for the next try, so a lost connection loses none.
   */
  async flush(): Promise<void> {
    if (this.#pending.size === 0) return;
    const taken = this.#pending;
    this.#pending = new Map();

    try {
      const rows = [...taken].map(([key, count]) => ({ ...parseKey(key), count }));
      await this.#database.db
        .insertInto('app_request_counts')
        .values(rows)
        .onConflict((conflict) =>
          conflict
            .columns(['app_id', 'day'])
            .doUpdateSet({ count: sql`app_request_counts.count + excluded.count` }),
        )
        .execute();
    } catch (error) {
      for (const [key, count] of taken) {
        this.#pending.set(key, (this.#pending.get(key) ?? 0) + count);
      }
      throw error;
    }
  }

  /** Writes what is left and stops the timer; called before the store closes. */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush().catch(() => {});
  }
}

function keyOf(appId: number, day: string): string {
  return `${appId} ${day}`;
}

function parseKey(key: string): { app_id: number; day: string } {
  const [appId, day] = key.split(' ');
  return { app_id: Number(appId), day: day! };
}
