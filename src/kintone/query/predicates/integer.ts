import type { RawBuilder, SqlBool } from 'kysely';

import type { CompareNode, ComparisonOperator, PredicateNode } from '../ast.js';
import type { QueryContext } from '../context.js';
import type { IntegerField } from '../fields.js';
import { operatorNotAllowed, operatorOf } from '../operators.js';
import { emptyNotComparable } from '../query-errors.js';
import { ALWAYS, NEVER, compare, not } from '../sql-conditions.js';
import { literalText } from '../values.js';

/**
 * Record ids and revisions are 32-bit INTEGER columns in PostgreSQL, which would reject a
 * larger bound parameter; such literals are settled here instead of in SQL.
 */
const SMALLEST = -2_147_483_648n;
const LARGEST = 2_147_483_647n;

/** Kintone reads record numbers as plain integers: no decimals, no exponent. */
const INTEGER = /^[+-]?\d+$/;

/** `$id`, RECORD_NUMBER and `$revision`; a plain column comparison, so indexes serve it. */
export function integerPredicate(
  node: PredicateNode,
  field: IntegerField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  if (node.kind === 'compare') return compareInteger(node, field);
  if (node.kind !== 'in') throw operatorNotAllowed(field, operatorOf(node));

  const integers = node.values
    .map((value) => parseInteger(literalText(value, field)))
    .filter((value): value is bigint => value !== null && value >= SMALLEST && value <= LARGEST)
    .map(Number);

  const match = integers.length > 0 ? context.dialect.isAnyInteger(field.column, integers) : NEVER;
  return node.negated ? not(match) : match;
}

function compareInteger(node: CompareNode, field: IntegerField): RawBuilder<SqlBool> {
  const text = literalText(node.value, field);

  // A record always has an id, so it never equals "" and always differs from it.
  if (text === '') {
    if (node.operator === '=') return NEVER;
    if (node.operator === '!=') return ALWAYS;
    throw emptyNotComparable(field.code, node.operator);
  }

  const value = parseInteger(text);
  if (value === null) return NEVER;
  if (value > LARGEST) return beyondRange(node.operator, 'above');
  if (value < SMALLEST) return beyondRange(node.operator, 'below');

  return compare(field.column, node.operator, Number(value));
}

/** The answer for a literal outside the column's range, which every stored value is inside. */
function beyondRange(operator: ComparisonOperator, side: 'above' | 'below'): RawBuilder<SqlBool> {
  if (operator === '!=') return ALWAYS;
  if (operator === '=') return NEVER;

  const columnIsSmaller = operator === '<' || operator === '<=';
  return columnIsSmaller === (side === 'above') ? ALWAYS : NEVER;
}

function parseInteger(text: string): bigint | null {
  return INTEGER.test(text) ? BigInt(text) : null;
}
