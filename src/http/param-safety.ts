import { inputMessage } from '../errors/input-messages.js';
import { invalidInput, KintoneError, type LocalText } from '../errors/kintone-error.js';
import type { ApiParams } from './params.js';

/**
 * NUL and unpaired surrogates: PostgreSQL's text and jsonb refuse them, and a surrogate half
 * has no UTF-8 form at all. With the `u` flag a proper pair is one code point, never `Cs`.
 */
const UNSAFE_CHARACTER = /[\u0000\p{Cs}]/u;

/**
 * The deepest nesting a request may hold. Kintone's own parameters nest about ten levels; far
 * deeper values would overflow the call stack of the recursive JSON.stringify that stores
 * settings, so they are refused as bad JSON before any handler sees them.
 */
const MOST_NESTING = 100;

/** One step down from the parameters' root: an object key or an array index. */
interface Step {
  readonly key: string | number;
  readonly parent: Step | null;
}

/**
 * Checks the merged parameters of every request before an endpoint sees them. Strings (values
 * and keys) holding characters the stores cannot keep are refused with one CB_VA01 for the
 * whole request, each keyed by its path as Kintone keys inputs (`records[1].title.value`,
 * `query`).
 *
 * Keys special to JavaScript objects are dropped, as qs drops them from query strings:
 * `__proto__` anywhere, and `prototype` inside `constructor` (the two patterns Fastify's own
 * JSON parser refuses). JSON.parse keeps them as plain own properties, but a handler that
 * copies keys by assignment would turn them into a prototype. Dropping is Kintone's answer to
 * any unknown key, and these are never known: no parameter is named `__proto__`, no field code
 * may be, and no field object holds `prototype`. `constructor` and `prototype` alone are valid
 * field codes, and stay.
 */
export function checkParams(params: ApiParams): void {
  const problems: Array<{ key: string; text: LocalText }> = [];

  // An explicit stack: a body may nest far deeper than the call stack allows. Steps link to
  // their parent, so a path string is built only for a problem, never per node.
  const pending: Array<{ value: unknown; step: Step | null; depth: number }> = [
    { value: params, step: null, depth: 0 },
  ];
  for (let item = pending.pop(); item; item = pending.pop()) {
    const { value, step, depth } = item;
    if (depth > MOST_NESTING) throw new KintoneError('CB_IJ01');
    if (step && typeof step.key === 'string' && UNSAFE_CHARACTER.test(step.key)) {
      problems.push({ key: pathOf(step), text: inputMessage('UNSAFE_CHARACTER') });
      continue;
    }

    if (typeof value === 'string') {
      if (step && UNSAFE_CHARACTER.test(value)) {
        problems.push({ key: pathOf(step), text: inputMessage('UNSAFE_CHARACTER') });
      }
    } else if (Array.isArray(value)) {
      // Pushed in reverse, so problems come out in document order; holes (qs keeps sparse
      // arrays) are visited as undefined.
      for (let i = value.length - 1; i >= 0; i--) {
        pending.push({ value: value[i], step: { key: i, parent: step }, depth: depth + 1 });
      }
    } else if (typeof value === 'object' && value !== null) {
      const container = value as Record<string, unknown>;
      for (const key of Object.keys(container).reverse()) {
        const childStep: Step = { key, parent: step };
        if (isSpecialKey(childStep)) delete container[key];
        else pending.push({ value: container[key], step: childStep, depth: depth + 1 });
      }
    }
  }

  if (problems.length > 0) throw invalidInput(problems);
}

/** `__proto__` anywhere, and `prototype` as a key of a `constructor` object. */
function isSpecialKey(step: Step): boolean {
  if (step.key === '__proto__') return true;
  return step.key === 'prototype' && step.parent?.key === 'constructor';
}

/** `records[1].title.value`: keys joined with dots, array indices in brackets. */
function pathOf(step: Step): string {
  const keys: Array<string | number> = [];
  for (let at: Step | null = step; at; at = at.parent) keys.push(at.key);

  let path = '';
  for (const key of keys.reverse()) {
    path += typeof key === 'number' ? `[${key}]` : path === '' ? key : `.${key}`;
  }
  return path;
}
