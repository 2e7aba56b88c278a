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
  if (conditions.length === 0) return NEVER;
  if (conditions.length === 1) return conditions[0] as RawBuilder<SqlBool>;
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

export function allOf(conditions: ReadonlyArray<RawBuilder<SqlBool>>): RawBuilder<SqlBool> {
  if (conditions.length === 0) return ALWAYS;
  if (conditions.length === 1) return conditions[0] as RawBuilder<SqlBool>;
  return sql<SqlBool>`(${sql.join(conditions, sql` and `)})`;
}
