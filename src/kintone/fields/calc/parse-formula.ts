import { parseDecimal } from '../values/decimal.js';
import { fromDecimal, type Exact } from './exact-number.js';
import { FormulaError } from './formula-error.js';
import { tokenize, type Token } from './tokens.js';

export type FormulaNode =
  | { type: 'number'; value: Exact }
  | { type: 'string'; value: string }
  | { type: 'field'; code: string }
  | { type: 'call'; name: string; args: FormulaNode[] }
  | { type: 'negate'; operand: FormulaNode }
  | { type: 'binary'; operator: string; left: FormulaNode; right: FormulaNode };

/**
 * Binary operators from the loosest to the tightest binding, each level left-associative as in
 * spreadsheets. Unary minus binds tighter than `^`, so -2^2 is 4, as in Excel.
 */
const LEVELS = [['=', '!=', '<>', '<', '<=', '>', '>='], ['&'], ['+', '-'], ['*', '/'], ['^']];

// Deeper nesting than any real formula; keeps recursion far from the stack's limit.
const MAX_DEPTH = 100;

/** The syntax tree of a Kintone formula; FormulaError when it cannot be read. */
export function parseFormula(formula: string): FormulaNode {
  const parser = new Parser(tokenize(formula));
  const node = parser.expression(0, 0);
  if (!parser.atEnd()) throw new FormulaError('unexpected input after the formula');
  return node;
}

class Parser {
  #position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  atEnd(): boolean {
    return this.#position >= this.tokens.length;
  }

  expression(level: number, depth: number): FormulaNode {
    if (level === LEVELS.length) return this.unary(depth);

    let node = this.expression(level + 1, depth);
    let operator: string | undefined;
    while ((operator = this.takeSymbol(LEVELS[level]!))) {
      node = { type: 'binary', operator, left: node, right: this.expression(level + 1, depth) };
    }
    return node;
  }

  unary(depth: number): FormulaNode {
    if (depth > MAX_DEPTH) throw new FormulaError('formula nested too deeply');
    const sign = this.takeSymbol(['-', '+']);
    if (sign === '-') return { type: 'negate', operand: this.unary(depth + 1) };
    if (sign === '+') return this.unary(depth + 1);
    return this.primary(depth);
  }

  primary(depth: number): FormulaNode {
    const token = this.tokens[this.#position++];
    if (!token) throw new FormulaError('formula ends too early');

    if (token.kind === 'number')
      return { type: 'number', value: fromDecimal(parseDecimal(token.text)!) };
    if (token.kind === 'string') return { type: 'string', value: token.text };
    if (token.kind === 'name') {
      if (!this.takeSymbol(['('])) return { type: 'field', code: token.text };
      return { type: 'call', name: token.text, args: this.argumentList(depth + 1) };
    }
    if (token.text === '(') {
      const inner = this.expression(0, depth + 1);
      this.expectSymbol(')');
      return inner;
    }
    throw new FormulaError(`unexpected ${token.text}`);
  }

  /** The arguments after a function's "(", up to and including its ")". */
  argumentList(depth: number): FormulaNode[] {
    const args: FormulaNode[] = [];
    if (this.takeSymbol([')'])) return args;
    do args.push(this.expression(0, depth));
    while (this.takeSymbol([',']));
    this.expectSymbol(')');
    return args;
  }

  takeSymbol(symbols: readonly string[]): string | undefined {
    const token = this.tokens[this.#position];
    if (token?.kind !== 'symbol' || !symbols.includes(token.text)) return undefined;
    this.#position++;
    return token.text;
  }

  expectSymbol(symbol: string): void {
    if (!this.takeSymbol([symbol])) throw new FormulaError(`expected ${symbol}`);
  }
}
