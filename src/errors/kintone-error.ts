import { ERROR_TABLE, type ErrorCode } from './table.js';

/** Messages for one failing input, keyed as Kintone keys them (`record.title.value`). */
export type FieldErrors = Record<string, { messages: string[] }>;

/** A localised text: either a message per language, or the same text for both. */
export type LocalText = { ja: string; en: string };

export type Language = 'ja' | 'en';

/**
 * The one error type handlers and services throw. Only the HTTP error translator turns it into
 * a response; nothing else writes an error body.
 */
export class KintoneError extends Error {
  readonly code: ErrorCode;
  readonly params: Readonly<Record<string, string | number>>;
  readonly fieldErrors: ReadonlyArray<{ key: string; text: LocalText }>;
  /** A `WWW-Authenticate` value the response carries, as RFC 6750 asks of Bearer refusals. */
  readonly challenge: string | undefined;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    fieldErrors: ReadonlyArray<{ key: string; text: LocalText }> = [],
    options: { challenge?: string } = {},
  ) {
    super(`${code} ${fillTemplate(ERROR_TABLE[code].en, params)}`);
    this.name = 'KintoneError';
    this.code = code;
    this.params = params;
    this.fieldErrors = fieldErrors;
    this.challenge = options.challenge;
  }

  get status(): number {
    return ERROR_TABLE[this.code].status;
  }

  messageIn(language: Language): string {
    return fillTemplate(ERROR_TABLE[this.code][language], this.params);
  }

  errorsIn(language: Language): FieldErrors | undefined {
    if (this.fieldErrors.length === 0) return undefined;

    // Grouped in a Map: an input named like an Object.prototype member (`toString`) must not
    // find the inherited one.
    const grouped = new Map<string, string[]>();
    for (const { key, text } of this.fieldErrors) {
      const messages = grouped.get(key) ?? [];
      messages.push(text[language]);
      grouped.set(key, messages);
    }
    const errors: FieldErrors = {};
    for (const [key, messages] of grouped) {
      Object.defineProperty(errors, key, {
        value: { messages },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return errors;
  }
}

/**
 * One English line for an operator (seed files, the command line): each refused input as
 * `key: message`, or the error's message when it names no input. `renameKey` places the
 * keys where the operator wrote them.
 */
export function describeForOperator(
  error: KintoneError,
  renameKey: (key: string) => string = (key) => key,
): string {
  const details = Object.entries(error.errorsIn('en') ?? {})
    .map(([key, { messages }]) => `${renameKey(key)}: ${messages.join(' ')}`)
    .join('; ');
  return details || error.messageIn('en');
}

/** A CB_VA01 for several inputs at once. */
export function invalidInput(fieldErrors: ReadonlyArray<{ key: string; text: LocalText }>) {
  return new KintoneError('CB_VA01', {}, fieldErrors);
}

function fillTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * A sub-request of a bulk request failed: the whole bulk request fails with that error, placed
 * at the sub-request's index of a `results` list whose other entries are empty, as Kintone
 * answers and as the official client reads it.
 */
export class BulkRequestError extends Error {
  constructor(
    readonly index: number,
    readonly count: number,
    readonly failure: KintoneError,
  ) {
    super(`Bulk request ${index} failed: ${failure.message}`);
    this.name = 'BulkRequestError';
  }
}
