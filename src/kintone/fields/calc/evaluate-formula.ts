import {
  add,
  compare,
  divide,
  multiply,
  negate,
  power,
  subtract,
  truncate,
} from './exact-number.js';
import type { Exact } from './exact-number.js';
import { FormulaError } from './formula-error.js';
import { callFunction } from './formula-functions.js';
import { asNumber, booleanValue, numberValue, type FormulaValue } from './formula-value.js';
import type { FormulaNode } from './parse-formula.js';

/** Where a formula's field codes find their values, and how numbers read as text. */
export interface FormulaScope {
  /** The value of a field code; FormulaError for a code the formula cannot use. */
  field(code: string): FormulaValue;
  /** A number as `&` joins it. */
  text(value: Exact): string;
}

// Kintone documents powers from -100 to 100, a fractional power rounded down to a whole one.
const LARGEST_POWER = 100n;

/** The value of a parsed formula; FormulaError when it has none for these values. */
export function evaluateFormula(node: FormulaNode, scope: FormulaScope): FormulaValue {
  const evaluate = (inner: FormulaNode) => evaluateFormula(inner, scope);
  switch (node.type) {
    case 'number':
      return numberValue(node.value);
    case 'string':
      return { type: 'string', value: node.value };
    case 'field':
      return scope.field(node.code);
    case 'negate':
      return numberValue(negate(asNumber(evaluate(node.operand))));
    case 'call':
      return callFunction(node.name, node.args, evaluate);
    case 'binary':
      return binary(node.operator, evaluate(node.left), evaluate(node.right), scope);
  }
}

function binary(
  operator: string,
  left: FormulaValue,
  right: FormulaValue,
  scope: FormulaScope,
): FormulaValue {
  switch (operator) {
    case '+':
      return numberValue(add(asNumber(left), asNumber(right)));
    case '-':
      return numberValue(subtract(asNumber(left), asNumber(right)));
    case '*':
      return numberValue(multiply(asNumber(left), asNumber(right)));
    case '/':
      return numberValue(divide(asNumber(left), asNumber(right)));
    case '^':
      return numberValue(power(asNumber(left), wholePower(asNumber(right))));
    case '&':
      return { type: 'string', value: joinText(left, scope) + joinText(right, scope) };
    default:
      return booleanValue(comparison(operator, left, right));
  }
}

function wholePower(exponent: Exact): bigint {
  const whole = truncate(exponent);
  if (whole > LARGEST_POWER || whole < -LARGEST_POWER) throw new FormulaError('power too large');
  return whole;
}

// An empty field joins as nothing, as Kintone documents for `&`.
function joinText(value: FormulaValue, scope: FormulaScope): string {
  if (value.type === 'string') return value.value;
  if (value.type === 'number') return value.empty ? '' : scope.text(value.value);
  throw new FormulaError(`${value.type} cannot be joined as text`);
}

/**
 * `=` and `!=` (`<>`) compare any two values; values of different types are unequal, as
 * Kintone documents, except that an empty number field equals "". Ordering needs two numbers.
 */
function comparison(operator: string, left: FormulaValue, right: FormulaValue): boolean {
  if (left.type === 'number' && right.type === 'number') {
    const order = compare(left.value, right.value);
    return ORDER_TESTS[operator]!(order);
  }
  if (operator !== '=' && operator !== '!=' && operator !== '<>') {
    throw new FormulaError(`${operator} compares numbers only`);
  }
  const a = scalarText(left);
  const equal = a !== undefined && a === scalarText(right);
  return operator === '=' ? equal : !equal;
}

/** A comparable form of a value, tagged with its type so different types never match. */
function scalarText(value: FormulaValue): string | undefined {
  switch (value.type) {
    case 'string':
      return `string:${value.value}`;
    case 'boolean':
      return `boolean:${value.value}`;
    case 'number':
      return value.empty ? 'string:' : undefined;
    default:
      throw new FormulaError(`${value.type} cannot be compared`);
  }
}

const ORDER_TESTS: Record<string, (order: number) => boolean> = {
  '=': (order) => order === 0,
  '!=': (order) => order !== 0,
  '<>': (order) => order !== 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
};
