import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { sha256Hex } from '../../crypto/digest.js';
import {
  LocalListeners,
  parseChange,
  type ChangeFeed,
  type ChangeListener,
  type StoreChange,
} from '../change-feed.js';

/** How long to wait before listening again after the listening connection broke. */
const RECONNECT_DELAY_MS = 250;

/**
 * Store changes carried between instances by PostgreSQL's LISTEN/NOTIFY.
 *
 * Publishing is a `pg_notify` on the shared pool. Listening holds one dedicated connection,
 * opened on the first subscriber (a CLI command only publishes). The channel is derived from
 * the schema, so stores sharing a database never hear each other. While the listening
 * connection is down, caches fall back to their own time limits, and once it is back every
 * listener is told `everything`, since changes in between were not heard.
 */
export class PostgresChangeFeed implements ChangeFeed {
  readonly #pool: pg.Pool;
  readonly #connectionString: string;
  readonly #schema: () => Promise<string | undefined>;
  #channelName: Promise<string> | undefined;
  readonly #instance = randomUUID();
  readonly #listeners = new LocalListeners();
  #client: pg.Client | undefined;
  #firstListen: Promise<void> = Promise.resolve();
  #closed = false;
  #retry: NodeJS.Timeout | undefined;

  constructor(pool: pg.Pool, connectionString: string, schema: () => Promise<string | undefined>) {
    this.#pool = pool;
    this.#connectionString = connectionString;
    this.#schema = schema;
  }

  async publish(change: StoreChange): Promise<void> {
    this.#listeners.tell(change);
    try {
      const payload = JSON.stringify({ ...change, from: this.#instance });
      await this.#pool.query('SELECT pg_notify($1, $2)', [await this.#channel(), payload]);
    } catch {
      // Other instances' caches still expire within their time limit.
    }
  }

  subscribe(listener: ChangeListener): void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#firstListen = this.#listen(false);
  }

  async ready(): Promise<void> {
    await this.#firstListen;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #listen(afterLoss: boolean): Promise<void> {
    if (this.#closed) return;
    const client = new pg.Client({ connectionString: this.#connectionString });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    client.on('notification', (message) => this.#heard(message.payload));

    try {
      await client.connect();
      await client.query(`LISTEN "${await this.#channel()}"`);
    } catch {
      this.#lost(client);
      return;
    }
    if (this.#closed) {
      await client.end().catch(() => undefined);
      return;
    }

    this.#client = client;
    if (afterLoss) this.#listeners.tell({ kind: 'everything' });
  }

  /** A hashed name: schema names may be long or hold characters a channel name cannot. */
  #channel(): Promise<string> {
    this.#channelName ??= this.#schema().then(
      (name) => `kintone_local_${sha256Hex(name ?? '').slice(0, 24)}`,
    );
    return this.#channelName;
  }

  #heard(payload: string | undefined): void {
    const change = parseChange(payload ?? '');
    if (!change || (JSON.parse(payload!) as { from?: unknown }).from === this.#instance) return;
    this.#listeners.tell(change);
  }

  #lost(client: pg.Client): void {
    if (this.#client === client) this.#client = undefined;
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.#closed || this.#retry) return;

    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      void this.#listen(true);
    }, RECONNECT_DELAY_MS);
  }
}
