import { ZERO, type Exact } from './exact-number.js';
import { FormulaError } from './formula-error.js';

/**
 * What a formula works on, after Kintone's data types: numbers (NUMBER and CALC fields, dates
 * as seconds), text, booleans (comparisons), and the arrays a table column or a check box
 * gives. A number keeps whether its field was empty: it counts as 0, yet equals "".
 */
export type FormulaValue =
  | { type: 'number'; value: Exact; empty: boolean }
  | { type: 'string'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'numbers'; values: Exact[] }
  | { type: 'strings'; values: string[] };

export function numberValue(value: Exact): FormulaValue {
  return { type: 'number', value, empty: false };
}

export const EMPTY_NUMBER: FormulaValue = { type: 'number', value: ZERO, empty: true };

export function booleanValue(value: boolean): FormulaValue {
  return { type: 'boolean', value };
}

export function asNumber(value: FormulaValue): Exact {
  if (value.type !== 'number') throw new FormulaError(`a number was expected, not ${value.type}`);
  return value.value;
}

export function asBoolean(value: FormulaValue): boolean {
  if (value.type !== 'boolean')
    throw new FormulaError(`a condition was expected, not ${value.type}`);
  return value.value;
}
