import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DialectName } from '../support/dialects.js';
import { fixtureSeed, TOKENS, USERS } from '../support/fixture.js';
import { freshPostgresUrl, seedFile, startInstance, type Instance } from '../support/instances.js';

/**
 * How many inputs each property tries: a few in the normal test run, and many under
 * `npm run fuzz` (FUZZ_RUNS, 20,000 by default, over the properties of test/fuzz/).
 */
export const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Room for one property's runs: a generous 20 ms per request on a busy machine. */
export const PROPERTY_TIMEOUT_MS = 30_000 + RUNS * 20;

export interface Answer {
  status: number;
  text: string;
  json: any;
}

/**
 * One served instance, at the most verbose log level, with everything it writes kept, and the
 * set of secrets the run used, so the logs can be searched for each.
 */
export class FuzzTarget {
  readonly secrets = new Set<string>([
    ...Object.values(TOKENS),
    ...Object.values(USERS).map((u) => u.password),
  ]);
  readonly counts = new Map<string, number>();
  readonly #agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  #instance: Instance | undefined;

  async start(dialect: DialectName): Promise<void> {
    const store =
      dialect === 'sqlite'
        ? ['--data', mkdtempSync(path.join(tmpdir(), 'kl-fuzz-'))]
        : ['--database-url', await freshPostgresUrl()];
    this.#instance = await startInstance(store, [
      '--log-level',
      'trace',
      '--seed',
      seedFile(fixtureSeed()),
    ]);
  }

  async stop(): Promise<void> {
    this.#agent.destroy();
    await this.#instance?.stop();
  }

  logs(): string {
    return this.#instance!.output();
  }

  /** Remembers a generated secret worth searching for (short ones would match by chance). */
  secret(value: string): string {
    if (value.length >= 8) this.secrets.add(value);
    return value;
  }

  count(property: string): void {
    this.counts.set(property, (this.counts.get(property) ?? 0) + 1);
  }

  /** Sends bytes exactly as given; header values must already be valid for Node to send. */
  send(options: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
  }): Promise<Answer> {
    const body = options.body;
    const headers = {
      ...(options.headers ?? {}),
      ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
    };
    return new Promise((resolve, reject) => {
      const request = http.request(
        new URL(options.path, this.#instance!.url),
        { method: options.method, headers, agent: this.#agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: response.statusCode ?? 0, text, json });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

/**
 * What every answer to an API path must be: never a 5xx, and every error in Kintone's shape
 * (`code`, `id`, `message`, or a bulk request's per-request `results`). Returns the problem, or
 * undefined when the answer is fine.
 */
export function problemWith(answer: Answer): string | undefined {
  if (answer.status >= 500) return `status ${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400) return undefined;

  const body = answer.json as Record<string, unknown> | undefined;
  if (!body || typeof body !== 'object') return `not JSON: ${answer.text.slice(0, 300)}`;
  if (Array.isArray(body.results)) return undefined;
  const shaped =
    typeof body.code === 'string' &&
    typeof body.id === 'string' &&
    typeof body.message === 'string' &&
    body.message.length > 0;
  return shaped ? undefined : `not Kintone-shaped: ${answer.text.slice(0, 300)}`;
}

/**
 * The secrets that occur in `text`, as written or as a JSON string escapes them (logs are JSON).
 * Tens of thousands of secrets against megabytes of logs: every eight-character window of the
 * text is looked up once among the secrets' first eight characters, instead of one full scan
 * per secret.
 */
export function findLeaks(text: string, secrets: Iterable<string>): string[] {
  const byPrefix = new Map<string, Set<string>>();
  for (const secret of secrets) {
    for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
      const prefix = form.slice(0, 8);
      const forms = byPrefix.get(prefix) ?? new Set<string>();
      forms.add(form);
      byPrefix.set(prefix, forms);
    }
  }

  const leaked = new Set<string>();
  for (let i = 0; i + 8 <= text.length; i++) {
    const candidates = byPrefix.get(text.slice(i, i + 8));
    if (!candidates) continue;
    for (const form of candidates) if (text.startsWith(form, i)) leaked.add(form);
  }
  return [...leaked];
}
