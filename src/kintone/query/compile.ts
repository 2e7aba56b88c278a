import type { ConditionNode } from './ast.js';
import { compileCondition } from './condition.js';
import type { CompiledRecordQuery, QueryContext } from './context.js';
import { compileOrderBy } from './order-by.js';
import { parseRecordQuery } from './parser.js';
import { tooManyConditions, tooManySortKeys } from './query-errors.js';
import { KintoneError } from '../../errors/kintone-error.js';

/** Kintone's caps for GET records: at most 500 records a page, and no offset past 10,000. */
const MAX_LIMIT = 500;
const MAX_OFFSET = 10_000;

/**
 * Our own caps: each condition or sort key binds a few parameters, and SQLite allows 32,766 in
 * a statement. An `in` list counts once, whatever its length.
 */
export const MAX_CONDITIONS = 1000;
const MAX_SORT_KEYS = 100;

/**
 * Compiles a records query for one app into SQL pieces over the `records` table. Every value
 * from the query is a bound parameter. Throws KintoneError: CB_VA01 for syntax, GAIA_IQ11 for
 * an unknown field, GAIA_IQ03 for an operator the field does not take, GAIA_QU01 and
 * GAIA_QU02 for limit and offset beyond Kintone's caps.
 */
export function compileRecordQuery(query: string, context: QueryContext): CompiledRecordQuery {
  const ast = parseRecordQuery(query);

  if (ast.limit !== null && ast.limit > MAX_LIMIT) throw new KintoneError('GAIA_QU01');
  if (ast.offset !== null && ast.offset > MAX_OFFSET) throw new KintoneError('GAIA_QU02');
  if (countConditions(ast.condition) > MAX_CONDITIONS) throw tooManyConditions(MAX_CONDITIONS);
  if (ast.orderBy.length > MAX_SORT_KEYS) throw tooManySortKeys(MAX_SORT_KEYS);

  return {
    where: ast.condition === null ? null : compileCondition(ast.condition, context),
    orderBy: compileOrderBy(ast.orderBy, context),
    limit: ast.limit,
    offset: ast.offset ?? 0,
  };
}

/** How many comparisons a condition holds; an `in` list counts once. */
export function countConditions(node: ConditionNode | null): number {
  if (node === null) return 0;
  if (node.kind !== 'and' && node.kind !== 'or') return 1;
  return node.operands.reduce((total, operand) => total + countConditions(operand), 0);
}
