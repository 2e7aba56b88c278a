import { stringList } from '../field-kinds.js';
import { innerFields } from '../subtable.js';
import type { FieldProperties, StoredValue, StoredValues } from '../types.js';
import { parseDecimal } from '../values/decimal.js';
import { exact, fromDecimal, ZERO, type Exact } from './exact-number.js';
import { FormulaError } from './formula-error.js';
import { EMPTY_NUMBER, numberValue, type FormulaValue } from './formula-value.js';

/** The fields a formula can read, and the stored record it reads them from. */
interface OperandSource {
  properties: FieldProperties;
  values: StoredValues;
  /** The stored text of another CALC field, computed first. */
  calculated(code: string): string;
}

const TEXT_TYPES = new Set(['SINGLE_LINE_TEXT', 'DROP_DOWN', 'RADIO_BUTTON']);

/**
 * A field code's value as Kintone's formulas see it: NUMBER and CALC as numbers, DATE,
 * DATETIME and TIME as seconds (since 1970-01-01 UTC, a time since midnight), text and single
 * choices as text, check boxes and multi-choices as lists, and a NUMBER column of a table as
 * a list of numbers. Anything else is a FormulaError.
 */
export function fieldOperand(code: string, source: OperandSource): FormulaValue {
  const { properties, values } = source;
  const field = Object.hasOwn(properties, code) ? properties[code]! : undefined;
  if (!field) return tableColumn(code, source);
  const stored = values[code];

  if (field.type === 'NUMBER') return numberOperand(stored);
  if (field.type === 'CALC') return numberOperand(source.calculated(code));
  if (field.type === 'DATE') return secondsOperand(stored, (text) => `${text}T00:00:00Z`);
  if (field.type === 'DATETIME') return secondsOperand(stored, (text) => text);
  if (field.type === 'TIME') return secondsOperand(stored, (text) => `1970-01-01T${text}:00Z`);
  if (TEXT_TYPES.has(field.type)) {
    return { type: 'string', value: typeof stored === 'string' ? stored : '' };
  }
  if (field.type === 'CHECK_BOX' || field.type === 'MULTI_SELECT') {
    return { type: 'strings', values: stringList(stored) };
  }
  throw new FormulaError(`field ${code} (${field.type}) cannot be used in a formula`);
}

/** A NUMBER field inside a table: its values in every row, empty cells as 0. */
function tableColumn(code: string, { properties, values }: OperandSource): FormulaValue {
  for (const table of Object.values(properties)) {
    if (table.type !== 'SUBTABLE') continue;
    const inner = innerFields(table);
    if (!Object.hasOwn(inner, code)) continue;
    if (inner[code]!.type !== 'NUMBER') {
      throw new FormulaError(`table field ${code} (${inner[code]!.type}) cannot be summed`);
    }
    const rows = values[table.code];
    const column: Exact[] = [];
    for (const row of Array.isArray(rows) ? rows : []) {
      column.push(typeof row === 'string' ? ZERO : numberOf(row.value[code]));
    }
    return { type: 'numbers', values: column };
  }
  throw new FormulaError(`no field ${code}`);
}

function numberOperand(stored: StoredValue | undefined): FormulaValue {
  const decimal = typeof stored === 'string' && stored !== '' ? parseDecimal(stored) : undefined;
  return decimal ? numberValue(fromDecimal(decimal)) : EMPTY_NUMBER;
}

function numberOf(stored: StoredValue | undefined): Exact {
  const operand = numberOperand(stored);
  return operand.type === 'number' ? operand.value : ZERO;
}

function secondsOperand(stored: StoredValue | undefined, toIso: (text: string) => string) {
  const millis = typeof stored === 'string' && stored !== '' ? Date.parse(toIso(stored)) : NaN;
  return Number.isNaN(millis)
    ? EMPTY_NUMBER
    : numberValue(exact(BigInt(Math.floor(millis / 1000))));
}
