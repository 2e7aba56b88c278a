import type {
  ComparisonOperator,
  ConditionNode,
  FunctionArgument,
  FunctionCall,
  OrderKey,
  PredicateNode,
  QueryAst,
  ValueNode,
} from './ast.js';
import { tokenize, type SymbolText, type Token } from './lexer.js';
import { EXPECTED, nestedTooDeeply, unexpectedToken } from './query-errors.js';
import type { KintoneError, LocalText } from '../../errors/kintone-error.js';

/**
 * Parses a Kintone record query into its AST. Pure: no field, app or database knowledge, so
 * the same parse serves records queries, cursors and record permission conditions.
 *
 * Grammar (keywords are case-insensitive; `and` binds tighter than `or`):
 *
 *   query     := [condition] ["order by" key ("," key)*] ["limit" count] ["offset" count]
 *   condition := conjunct ("or" conjunct)*
 *   conjunct  := primary ("and" primary)*
 *   primary   := "(" condition ")" | field predicate
 *   predicate := comparison value | ["not"] "in" "(" value ("," value)* ")"
 *              | ["not"] "like" value | "is" ["not"] "empty"
 *   value     := "string" | number | NAME "(" [argument ("," argument)*] ")"
 *   key       := field ["asc" | "desc"]
 *
 * The options must come in this order, as Kintone requires. Throws CB_VA01 on a syntax error.
 */
export function parseRecordQuery(query: string): QueryAst {
  return new QueryParser(query, tokenize(query)).parseQuery();
}

const COMPARISONS: ReadonlySet<SymbolText> = new Set(['=', '!=', '>', '<', '>=', '<=']);

/** Parentheses deeper than this are refused before they can exhaust the stack. */
const MAX_NESTING = 100;

class QueryParser {
  readonly #query: string;
  readonly #tokens: Token[];
  #cursor = 0;
  #nesting = 0;

  constructor(query: string, tokens: Token[]) {
    this.#query = query;
    this.#tokens = tokens;
  }

  parseQuery(): QueryAst {
    const condition = this.#atOptions() ? null : this.#parseCondition();
    const orderBy = this.#parseOrderBy();
    const limit = this.#parseCount('limit');
    const offset = this.#parseCount('offset');

    if (this.#peek().kind !== 'end') {
      throw this.#unexpected(expectedAfterLast(condition, orderBy, limit, offset));
    }
    return { condition, orderBy, limit, offset };
  }

  /** A query may start with its options; a field named `order` or `limit` still parses. */
  #atOptions(): boolean {
    const first = this.#peek();
    const second = this.#peek(1);
    if (isKeyword(first, 'order')) return isKeyword(second, 'by');
    if (isKeyword(first, 'limit') || isKeyword(first, 'offset')) return second.kind === 'number';
    return first.kind === 'end';
  }

  #parseCondition(): ConditionNode {
    const operands = [this.#parseConjunct()];
    while (this.#acceptKeyword('or')) operands.push(this.#parseConjunct());
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'or', operands };
  }

  #parseConjunct(): ConditionNode {
    const operands = [this.#parsePrimary()];
    while (this.#acceptKeyword('and')) operands.push(this.#parsePrimary());
    return operands.length === 1 ? (operands[0] as ConditionNode) : { kind: 'and', operands };
  }

  #parsePrimary(): ConditionNode {
    const opening = this.#peek();
    if (!this.#acceptSymbol('(')) return this.#parsePredicate();
    if (this.#nesting === MAX_NESTING) {
      throw nestedTooDeeply(this.#query, opening.index, MAX_NESTING);
    }

    this.#nesting += 1;
    const inner = this.#parseCondition();
    this.#expectSymbol(')', EXPECTED.closing);
    this.#nesting -= 1;
    return inner;
  }

  #parsePredicate(): PredicateNode {
    const field = this.#expectField();
    const token = this.#peek();

    if (token.kind === 'symbol' && COMPARISONS.has(token.text)) {
      this.#cursor += 1;
      const operator = token.text as ComparisonOperator;
      return { kind: 'compare', field, operator, value: this.#parseValue() };
    }

    if (this.#acceptKeyword('in')) {
      return { kind: 'in', field, negated: false, values: this.#parseValueList() };
    }
    if (this.#acceptKeyword('like')) {
      return { kind: 'like', field, negated: false, value: this.#parseValue() };
    }
    if (this.#acceptKeyword('not')) {
      if (this.#acceptKeyword('in')) {
        return { kind: 'in', field, negated: true, values: this.#parseValueList() };
      }
      if (this.#acceptKeyword('like')) {
        return { kind: 'like', field, negated: true, value: this.#parseValue() };
      }
      throw this.#unexpected(EXPECTED.inOrLike);
    }
    if (this.#acceptKeyword('is')) {
      const negated = this.#acceptKeyword('not');
      if (!this.#acceptKeyword('empty')) throw this.#unexpected(EXPECTED.empty);
      return { kind: 'empty', field, negated };
    }

    throw this.#unexpected(EXPECTED.operator);
  }

  #parseValueList(): ValueNode[] {
    this.#expectSymbol('(', EXPECTED.listStart);

    const values = [this.#parseValue()];
    while (this.#acceptSymbol(',')) values.push(this.#parseValue());

    this.#expectSymbol(')', EXPECTED.listNext);
    return values;
  }

  #parseValue(): ValueNode {
    const token = this.#peek();

    if (token.kind === 'string') {
      this.#cursor += 1;
      return { kind: 'string', value: token.value };
    }
    if (token.kind === 'number') {
      this.#cursor += 1;
      return { kind: 'number', text: token.text };
    }
    if (token.kind === 'word' && isSymbol(this.#peek(1), '(')) {
      this.#cursor += 2;
      return this.#parseFunctionArguments(token.text.toUpperCase());
    }

    throw this.#unexpected(EXPECTED.value);
  }

  /** Called after `NAME(`; reads the arguments and the closing parenthesis. */
  #parseFunctionArguments(name: string): FunctionCall {
    if (this.#acceptSymbol(')')) return { kind: 'function', name, args: [] };

    const args = [this.#parseArgument(EXPECTED.firstArgument)];
    while (this.#acceptSymbol(',')) args.push(this.#parseArgument(EXPECTED.argument));

    this.#expectSymbol(')', EXPECTED.listNext);
    return { kind: 'function', name, args };
  }

  #parseArgument(expected: LocalText): FunctionArgument {
    const token = this.#peek();
    if (token.kind !== 'number' && token.kind !== 'word') throw this.#unexpected(expected);

    this.#cursor += 1;
    if (token.kind === 'number') return { kind: 'number', text: token.text };
    return { kind: 'word', text: token.text.toUpperCase() };
  }

  #parseOrderBy(): OrderKey[] {
    if (!this.#acceptKeyword('order')) return [];
    if (!this.#acceptKeyword('by')) throw this.#unexpected(EXPECTED.by);

    const keys: OrderKey[] = [];
    do {
      const field = this.#expectField();
      // Kintone sorts descending when the direction is left out.
      const direction = this.#acceptKeyword('asc') ? 'asc' : 'desc';
      if (direction === 'desc') this.#acceptKeyword('desc');
      keys.push({ field, direction });
    } while (this.#acceptSymbol(','));

    return keys;
  }

  #parseCount(keyword: 'limit' | 'offset'): number | null {
    if (!this.#acceptKeyword(keyword)) return null;

    const token = this.#peek();
    if (token.kind !== 'number' || !/^\d+$/.test(token.text)) {
      throw this.#unexpected(EXPECTED.count);
    }
    this.#cursor += 1;
    return Number(token.text);
  }

  #expectField(): string {
    const token = this.#peek();
    if (token.kind !== 'word') throw this.#unexpected(EXPECTED.field);

    this.#cursor += 1;
    return token.text;
  }

  #expectSymbol(text: SymbolText, expected: LocalText): void {
    if (!this.#acceptSymbol(text)) throw this.#unexpected(expected);
  }

  #acceptSymbol(text: SymbolText): boolean {
    if (!isSymbol(this.#peek(), text)) return false;
    this.#cursor += 1;
    return true;
  }

  #acceptKeyword(keyword: string): boolean {
    if (!isKeyword(this.#peek(), keyword)) return false;
    this.#cursor += 1;
    return true;
  }

  /** The token `ahead` places after the cursor; past the end it is the `end` token. */
  #peek(ahead = 0): Token {
    const last = this.#tokens.length - 1;
    return this.#tokens[Math.min(this.#cursor + ahead, last)] as Token;
  }

  #unexpected(expected: LocalText): KintoneError {
    const token = this.#peek();
    return unexpectedToken(this.#query, token.index, sourceOf(token), expected);
  }
}

function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === 'word' && token.text.toLowerCase() === keyword;
}

function isSymbol(token: Token, text: SymbolText): boolean {
  return token.kind === 'symbol' && token.text === text;
}

function sourceOf(token: Token): { text: string } | 'end' {
  if (token.kind === 'end') return 'end';
  if (token.kind === 'string') return { text: token.source };
  return { text: token.text };
}

/** What may follow the last clause that was read, for the message about a trailing token. */
function expectedAfterLast(
  condition: ConditionNode | null,
  orderBy: OrderKey[],
  limit: number | null,
  offset: number | null,
): LocalText {
  if (offset !== null) return EXPECTED.end;
  if (limit !== null) return EXPECTED.afterLimit;
  if (orderBy.length > 0) return EXPECTED.afterOrderKey;
  return condition === null ? EXPECTED.end : EXPECTED.continuation;
}
