import { FormulaError } from './formula-error.js';

export type Token =
  | { kind: 'number'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'name'; text: string }
  | { kind: 'symbol'; text: string };

// Longest first, so "<=" is not read as "<" then "=".
const SYMBOLS = [
  '<=',
  '>=',
  '!=',
  '<>',
  '+',
  '-',
  '*',
  '/',
  '^',
  '&',
  '=',
  '<',
  '>',
  '(',
  ')',
  ',',
];
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)/;
// A field code or function name runs until a space, a quote or a symbol character.
const NAME = /^[^\s"+\-*/^&=!<>(),]+/;

/** Splits a formula into numbers, "strings", names and symbols; spaces only separate. */
export function tokenize(formula: string): Token[] {
  const tokens: Token[] = [];
  let rest = formula;

  while ((rest = rest.trimStart()) !== '') {
    const symbol = SYMBOLS.find((s) => rest.startsWith(s));
    const number = NUMBER.exec(rest)?.[0];
    let token: Token;
    let length: number;

    if (symbol) {
      token = { kind: 'symbol', text: symbol };
      length = symbol.length;
    } else if (number) {
      token = { kind: 'number', text: number };
      length = number.length;
    } else if (rest.startsWith('"')) {
      const end = rest.indexOf('"', 1);
      if (end < 0) throw new FormulaError('unterminated string');
      token = { kind: 'string', text: rest.slice(1, end) };
      length = end + 1;
    } else {
      const name = NAME.exec(rest)?.[0];
      if (!name) throw new FormulaError(`unexpected character ${rest[0]}`);
      token = { kind: 'name', text: name };
      length = name.length;
    }
    tokens.push(token);
    rest = rest.slice(length);
  }
  return tokens;
}
