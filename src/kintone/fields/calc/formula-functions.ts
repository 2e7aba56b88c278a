import { add, truncate, ZERO, type Exact } from './exact-number.js';
import { FormulaError } from './formula-error.js';
import {
  asBoolean,
  asNumber,
  booleanValue,
  numberValue,
  type FormulaValue,
} from './formula-value.js';
import type { FormulaNode } from './parse-formula.js';
import { roundTo, type RoundingMode } from './rounding.js';

type Node = FormulaNode;
type Evaluate = (node: FormulaNode) => FormulaValue;
type FormulaFunction = (args: readonly FormulaNode[], evaluate: Evaluate) => FormulaValue;

/**
 * The functions a numeric formula can call. Arguments are evaluated only when needed, so
 * IF(B = 0, 0, A / B) never divides by zero. Names are case-sensitive, as in Kintone.
 */
const FUNCTIONS: Readonly<Record<string, FormulaFunction>> = {
  SUM: (args, evaluate) =>
    numberValue(atLeastOne(args).map(evaluate).flatMap(summands).reduce(add, ZERO)),
  ROUND: rounding('HALF_UP'),
  ROUNDUP: rounding('UP'),
  ROUNDDOWN: rounding('DOWN'),
  IF: (args, evaluate) => {
    const [condition, whenTrue, whenFalse] = exactly(3, args) as [Node, Node, Node];
    return evaluate(asBoolean(evaluate(condition)) ? whenTrue : whenFalse);
  },
  AND: (args, evaluate) => booleanValue(atLeastOne(args).every((arg) => asBoolean(evaluate(arg)))),
  OR: (args, evaluate) => booleanValue(atLeastOne(args).some((arg) => asBoolean(evaluate(arg)))),
  NOT: (args, evaluate) => booleanValue(!asBoolean(evaluate(exactly(1, args)[0] as Node))),
  CONTAINS: (args, evaluate) => {
    const [list, option] = exactly(2, args).map(evaluate) as [FormulaValue, FormulaValue];
    if (list.type !== 'strings' || option.type !== 'string') {
      throw new FormulaError('CONTAINS takes a check box or multi-choice field and a text');
    }
    return booleanValue(list.values.includes(option.value));
  },
};

export function callFunction(name: string, args: readonly FormulaNode[], evaluate: Evaluate) {
  const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
  if (!fn) throw new FormulaError(`unsupported function ${name}`);
  return fn(args, evaluate);
}

/** SUM adds numbers and whole table columns; empty cells count as 0. */
function summands(value: FormulaValue): Exact[] {
  return value.type === 'numbers' ? value.values : [asNumber(value)];
}

/** ROUND, ROUNDUP and ROUNDDOWN: to a whole number, or to the decimal places asked. */
function rounding(mode: RoundingMode): FormulaFunction {
  return (args, evaluate) => {
    if (args.length < 1 || args.length > 2) throw new FormulaError('1 or 2 arguments expected');
    const value = asNumber(evaluate(args[0]!));
    const places = args[1] ? truncate(asNumber(evaluate(args[1]))) : 0n;
    // Kintone's places range is not documented; this keeps the arithmetic bounded.
    if (places > 100n || places < -100n) throw new FormulaError('too many decimal places');
    return numberValue(roundTo(value, places, mode));
  };
}

function exactly(count: number, args: readonly FormulaNode[]): FormulaNode[] {
  if (args.length !== count) throw new FormulaError(`${count} arguments expected`);
  return [...args];
}

function atLeastOne(args: readonly FormulaNode[]): readonly FormulaNode[] {
  if (args.length === 0) throw new FormulaError('at least 1 argument expected');
  return args;
}
