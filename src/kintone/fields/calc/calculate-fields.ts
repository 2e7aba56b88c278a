import type { FieldProperties, FieldProperty, StoredValues } from '../types.js';
import type { Exact } from './exact-number.js';
import { evaluateFormula, type FormulaScope } from './evaluate-formula.js';
import { fieldOperand } from './field-operands.js';
import { FormulaError } from './formula-error.js';
import type { FormulaValue } from './formula-value.js';
import type { NumberPrecision } from './number-precision.js';
import { parseFormula, type FormulaNode } from './parse-formula.js';
import { roundTo, toPlainText, wholeDigits } from './rounding.js';

// Formats whose value is a plain number. Date and time formats are not computed yet.
const NUMERIC_FORMATS = new Set(['NUMBER', 'NUMBER_DIGIT']);

/** The CALC values of one record, from all its values as they will be stored. */
export type Calculator = (values: StoredValues) => Record<string, string>;

/**
 * The value of every CALC field of a record, computed from `values` (the record as it will be
 * stored, tables included) as Kintone does on each save: a plain decimal string rounded to
 * the app's precision, or "" when the formula has no value for this record (an error, a
 * format other than a number, a formula this server cannot evaluate). Never throws for a
 * formula, whatever it holds. A CALC may use another; a cycle leaves every field in it empty.
 */
export function calculatedValues(
  values: StoredValues,
  properties: FieldProperties,
  precision: NumberPrecision,
): Record<string, string> {
  return fieldCalculator(properties, precision)(values);
}

/**
 * calculatedValues for many records of one app: each formula is parsed once, here, and the
 * calculator returned computes one record at a time.
 */
export function fieldCalculator(
  properties: FieldProperties,
  precision: NumberPrecision,
): Calculator {
  const formulas = new Map<string, FormulaNode | undefined>();
  for (const field of Object.values(properties)) {
    if (field.type === 'CALC') formulas.set(field.code, parsedFormula(field));
  }
  const round = (value: Exact) =>
    roundTo(value, BigInt(precision.decimalPlaces), precision.roundingMode);
  const asText = (value: Exact) =>
    toPlainText(value, precision.decimalPlaces, precision.roundingMode);

  const evaluate = (formula: FormulaNode | undefined, scope: FormulaScope): string => {
    if (!formula) return '';
    const result = evaluateFormula(formula, scope);
    if (result.type !== 'number') throw new FormulaError(`the formula gives ${result.type}`);
    const value = round(result.value);
    if (wholeDigits(value) > precision.digits - precision.decimalPlaces) {
      throw new FormulaError('result has more digits than the app allows');
    }
    return asText(value);
  };

  const calculator: Calculator = (values) => {
    const results: Record<string, string> = {};
    const inProgress = new Set<string>();

    const calculated = (code: string): string => {
      if (Object.hasOwn(results, code)) return results[code]!;
      if (inProgress.has(code)) throw new FormulaCycle(`field ${code} refers to itself`);
      inProgress.add(code);
      try {
        results[code] = evaluate(formulas.get(code), scope);
      } catch (error) {
        if (!isFormulaFailure(error)) throw error;
        results[code] = '';
        // Every field on the way round the cycle is empty, not just the one that closed it.
        if (error instanceof FormulaCycle && inProgress.size > 1) {
          inProgress.delete(code);
          throw error;
        }
      }
      inProgress.delete(code);
      return results[code]!;
    };
    const scope: FormulaScope = {
      field: (code) => rounded(fieldOperand(code, { properties, values, calculated }), round),
      text: asText,
    };

    for (const code of formulas.keys()) calculated(code);
    return results;
  };
  return calculator;
}

/** A CALC field's parsed formula, or undefined when it has no value for any record. */
function parsedFormula(field: FieldProperty): FormulaNode | undefined {
  const format = typeof field.format === 'string' ? field.format : 'NUMBER';
  if (!NUMERIC_FORMATS.has(format)) return undefined;
  const expression = typeof field.expression === 'string' ? field.expression : '';
  if (expression.trim() === '') return undefined;

  try {
    return parseFormula(expression);
  } catch (error) {
    if (!isFormulaFailure(error)) throw error;
    return undefined;
  }
}

/** Each NUMBER value a formula reads is rounded to the app's precision first. */
function rounded(value: FormulaValue, round: (value: Exact) => Exact): FormulaValue {
  if (value.type === 'number') return { ...value, value: round(value.value) };
  if (value.type === 'numbers') return { type: 'numbers', values: value.values.map(round) };
  return value;
}

class FormulaCycle extends FormulaError {}

// A formula nested past the parser's limit, or numbers past the bigint's, end the same way.
function isFormulaFailure(error: unknown): boolean {
  return error instanceof FormulaError || error instanceof RangeError;
}
