/**
 * The parsed form of a Kintone record query. It carries no database or app knowledge: field
 * codes are kept as written and checked only when the query is compiled against an app.
 */
export interface QueryAst {
  /** The filter, or null when the query has none (an empty query, or options only). */
  condition: ConditionNode | null;
  /** Sort keys in the order written; empty when `order by` is absent. */
  orderBy: OrderKey[];
  /** The `limit` as written, or null when absent. Range checks belong to the caller. */
  limit: number | null;
  /** The `offset` as written, or null when absent. */
  offset: number | null;
}

export type ConditionNode = LogicalNode | PredicateNode;

/** `and` / `or` over two or more operands; a chain of the same operator is one node. */
export type LogicalNode =
  { kind: 'and'; operands: ConditionNode[] } | { kind: 'or'; operands: ConditionNode[] };

export type ComparisonOperator = '=' | '!=' | '>' | '<' | '>=' | '<=';

export type PredicateNode = CompareNode | InNode | LikeNode | EmptyNode;

/** `field = value`, `field < value`, ... */
export interface CompareNode {
  kind: 'compare';
  field: string;
  operator: ComparisonOperator;
  value: ValueNode;
}

/** `field in (a, b)` or, when negated, `field not in (a, b)`. */
export interface InNode {
  kind: 'in';
  field: string;
  negated: boolean;
  values: ValueNode[];
}

/** `field like "text"` or `field not like "text"`. */
export interface LikeNode {
  kind: 'like';
  field: string;
  negated: boolean;
  value: ValueNode;
}

/** `field is empty` or `field is not empty`. */
export interface EmptyNode {
  kind: 'empty';
  field: string;
  negated: boolean;
}

export type ValueNode = StringValue | NumberValue | FunctionCall;

/** A double-quoted literal, escapes already resolved. */
export interface StringValue {
  kind: 'string';
  value: string;
}

/** An unquoted number, kept as its source text so no precision is lost. */
export interface NumberValue {
  kind: 'number';
  text: string;
}

/** `TODAY()`, `FROM_TODAY(-3, DAYS)`, `LOGINUSER()`: the name is upper-cased. */
export interface FunctionCall {
  kind: 'function';
  name: string;
  args: FunctionArgument[];
}

/** Function arguments are numbers or bare words such as DAYS, LAST or MONDAY (upper-cased). */
export type FunctionArgument = { kind: 'number'; text: string } | { kind: 'word'; text: string };

export interface OrderKey {
  field: string;
  direction: 'asc' | 'desc';
}
