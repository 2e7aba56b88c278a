import type { RawBuilder, SqlBool } from 'kysely';

import type { CompareNode, PredicateNode } from '../ast.js';
import type { QueryContext } from '../context.js';
import type { NumberField } from '../fields.js';
import { operatorNotAllowed, operatorOf } from '../operators.js';
import { emptyNotComparable } from '../query-errors.js';
import { NEVER, anyOf, compare, isNotNull, isNull, not } from '../sql-conditions.js';
import { literalText } from '../values.js';

/**
 * Decimals as Kintone reads them in a query (`05`, `+5`, `.5`, `5e0`). The exponent is capped
 * so the database's numeric type can always hold the value.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;

/**
 * NUMBER and CALC. Kintone treats an empty number as a value of its own, below every number:
 * it differs from 0, and `< n` matches it. A literal that is not a number matches nothing.
 */
export function numberPredicate(
  node: PredicateNode,
  field: NumberField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  if (node.kind === 'compare') return compareNumber(node, field, context);
  if (node.kind !== 'in') throw operatorNotAllowed(field, operatorOf(node));

  const texts = node.values.map((value) => literalText(value, field));
  const decimals = texts.filter((text) => DECIMAL.test(text));

  const match = anyOf([
    ...(decimals.length > 0 ? [context.dialect.isAnyDecimal(field.number, decimals)] : []),
    ...(texts.includes('') ? [isNull(field.number)] : []),
  ]);
  return node.negated ? not(match) : match;
}

function compareNumber(
  node: CompareNode,
  field: NumberField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  const text = literalText(node.value, field);
  const { number } = field;

  if (text === '') {
    if (node.operator === '=') return isNull(number);
    if (node.operator === '!=') return isNotNull(number);
    throw emptyNotComparable(field.code, node.operator);
  }

  if (!DECIMAL.test(text)) return NEVER;
  const comparison = compare(number, node.operator, context.dialect.decimal(text));

  const emptyMatches = ['!=', '<', '<='].includes(node.operator);
  return emptyMatches ? anyOf([isNull(number), comparison]) : comparison;
}
