import { sql, type RawBuilder, type SqlBool } from 'kysely';

import type { ComparisonOperator } from './ast.js';

/** Written as comparisons because SQLite and PostgreSQL spell their boolean literals alike. */
export const ALWAYS = sql<SqlBool>`(1 = 1)`;
export const NEVER = sql<SqlBool>`(1 = 0)`;

const OPERATOR_SQL: Readonly<Record<ComparisonOperator, RawBuilder<unknown>>> = {
  '=': sql.raw('='),
  '!=': sql.raw('<>'),
  '>': sql.raw('>'),
  '<': sql.raw('<'),
  '>=': sql.raw('>='),
  '<=': sql.raw('<='),
};

export function compare(
  left: RawBuilder<unknown>,
  operator: ComparisonOperator,
  right: unknown,
): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${left} ${OPERATOR_SQL[operator]} ${right})`;
}

export function isNull(value: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${value} is null)`;
}

export function isNotNull(value: RawBuilder<unknown>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${value} is not null)`;
}

/** Negation where an unknown (NULL) inner result counts as false, so the negation is true. */
export function not(condition: RawBuilder<SqlBool>): RawBuilder<SqlBool> {
  return sql<SqlBool>`(not coalesce(${condition}, false))`;
}

export function anyOf(conditions: ReadonlyArray<RawBuilder<SqlBool>>): RawBuilder<SqlBool> {
  return conditions.length === 0 ? NEVER : balanced(conditions, sql` or `);
}

export function allOf(conditions: ReadonlyArray<RawBuilder<SqlBool>>): RawBuilder<SqlBool> {
  return conditions.length === 0 ? ALWAYS : balanced(conditions, sql` and `);
}

/** Longest run joined flat; longer runs are split in halves. */
const FLAT_RUN = 8;

/**
 * Joins a long chain as a balanced tree of parentheses. SQLite parses `a or b or c ...` into
 * a tree as deep as the chain and refuses one deeper than 1000; halves keep it shallow.
 */
function balanced(
  conditions: ReadonlyArray<RawBuilder<SqlBool>>,
  separator: RawBuilder<unknown>,
): RawBuilder<SqlBool> {
  if (conditions.length === 1) return conditions[0] as RawBuilder<SqlBool>;
  if (conditions.length <= FLAT_RUN) return sql<SqlBool>`(${sql.join(conditions, separator)})`;

  const middle = Math.ceil(conditions.length / 2);
  const first = balanced(conditions.slice(0, middle), separator);
  const second = balanced(conditions.slice(middle), separator);
  return sql<SqlBool>`(${first}${separator}${second})`;
}
