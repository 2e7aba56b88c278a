/**
 * What one instance changed that another instance may hold in memory. `everything` is sent
 * when changes may have been missed (a lost connection), so every cache starts afresh.
 */
export type StoreChange =
  | { kind: 'tokens' }
  | { kind: 'app'; appId: number }
  | { kind: 'user'; userId: number }
  | { kind: 'session'; sessionId: string }
  | { kind: 'everything' };

export type ChangeListener = (change: StoreChange) => void;

/**
 * Tells every instance sharing a store what changed, so caches drop stale entries at once
 * instead of waiting for their time limit. Listeners in this process hear every change made
 * through it; other processes hear it only where the engine can tell them (PostgreSQL).
 */
export interface ChangeFeed {
  /** Sent after the change is committed. Never fails: caches still expire on their own. */
  publish(change: StoreChange): Promise<void>;
  subscribe(listener: ChangeListener): void;
  /** Settles once the first attempt to hear other instances is over, whatever its outcome. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/** Fans a change out to this process's listeners; one listener's fault spares the others. */
export class LocalListeners {
  readonly #listeners: ChangeListener[] = [];

  add(listener: ChangeListener): void {
    this.#listeners.push(listener);
  }

  get size(): number {
    return this.#listeners.length;
  }

  tell(change: StoreChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // A cache that fails to clear still expires within its time limit.
      }
    }
  }
}

/** The feed of an engine with no way to reach other processes (SQLite). */
export class InProcessChangeFeed implements ChangeFeed {
  readonly #listeners = new LocalListeners();

  async publish(change: StoreChange): Promise<void> {
    this.#listeners.tell(change);
  }

  subscribe(listener: ChangeListener): void {
    this.#listeners.add(listener);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {}
}

/** Reads a change from its wire form, or undefined for anything else. */
export function parseChange(text: string): StoreChange | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;

  const change = value as Record<string, unknown>;
  switch (change.kind) {
    case 'tokens':
    case 'everything':
      return { kind: change.kind };
    case 'app':
      return Number.isSafeInteger(change.appId)
        ? { kind: 'app', appId: change.appId as number }
        : undefined;
    case 'user':
      return Number.isSafeInteger(change.userId)
        ? { kind: 'user', userId: change.userId as number }
        : undefined;
    case 'session':
      return typeof change.sessionId === 'string'
        ? { kind: 'session', sessionId: change.sessionId }
        : undefined;
    default:
      return undefined;
  }
}
