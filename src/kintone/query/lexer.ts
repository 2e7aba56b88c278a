import { incompleteOperator, rawLineBreakInString, unclosedString } from './query-errors.js';

/**
 * Tokens of the query language. `index` is where the token starts in the query string, kept
 * for error messages.
 */
export type Token =
  | { kind: 'word'; text: string; index: number }
  | { kind: 'number'; text: string; index: number }
  | { kind: 'string'; value: string; source: string; index: number }
  | { kind: 'symbol'; text: SymbolText; index: number }
  | { kind: 'end'; index: number };

export type SymbolText = '(' | ')' | ',' | '=' | '!=' | '<' | '>' | '<=' | '>=';

/** Kintone also accepts the ideographic space (U+3000) between tokens. */
const WHITESPACE = /[ \t\r\n\u3000]/;

/** Characters that end a word: whitespace, punctuation, operators and the string quote. */
const WORD_END = /[ \t\r\n\u3000(),=!<>"]/;

/** Unquoted numbers, including the forms Kintone normalises (`+5`, `.5`, `5e0`). */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Splits a query into tokens; the last token is always `end`. Throws CB_VA01. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;

  while (index < query.length) {
    const char = query[index] as string;

    if (WHITESPACE.test(char)) {
      index += 1;
    } else if (char === '"') {
      const token = readString(query, index);
      tokens.push(token);
      index += token.source.length;
    } else if ('(),'.includes(char)) {
      tokens.push({ kind: 'symbol', text: char as SymbolText, index });
      index += 1;
    } else if ('=!<>'.includes(char)) {
      const text = readOperator(query, index);
      tokens.push({ kind: 'symbol', text, index });
      index += text.length;
    } else {
      const text = readWord(query, index);
      const kind = NUMBER.test(text) ? 'number' : 'word';
      tokens.push({ kind, text, index });
      index += text.length;
    }
  }

  tokens.push({ kind: 'end', index: query.length });
  return tokens;
}

function readWord(query: string, start: number): string {
  let end = start;
  while (end < query.length && !WORD_END.test(query[end] as string)) end += 1;
  return query.slice(start, end);
}

function readOperator(query: string, start: number): SymbolText {
  const pair = query.slice(start, start + 2);
  if (pair === '!=' || pair === '<=' || pair === '>=') return pair;

  const char = query[start];
  if (char === '=' || char === '<' || char === '>') return char;

  throw incompleteOperator(query, start);
}

/**
 * Reads a double-quoted literal. A raw tab or line break inside the quotes is rejected, as
 * Kintone does; they are written as `\t`, `\n` and `\r`.
 */
function readString(query: string, start: number): Token & { kind: 'string' } {
  let value = '';
  let index = start + 1;

  while (index < query.length) {
    const char = query[index] as string;

    if (char === '"') {
      const source = query.slice(start, index + 1);
      return { kind: 'string', value, source, index: start };
    }

    if (char === '\t' || char === '\n' || char === '\r') throw rawLineBreakInString(query, index);

    if (char === '\\' && index + 1 < query.length) {
      value += escapedCharacter(query[index + 1] as string);
      index += 2;
    } else {
      value += char;
      index += 1;
    }
  }

  throw unclosedString(query, start);
}

/** `\t`, `\n` and `\r` name control characters; any other escaped character stands for itself. */
function escapedCharacter(char: string): string {
  if (char === 't') return '\t';
  if (char === 'n') return '\n';
  if (char === 'r') return '\r';
  return char;
}
