import type { RawBuilder, SqlBool } from 'kysely';

import type { PredicateNode } from '../ast.js';
import type { QueryContext } from '../context.js';
import type { ArrayField } from '../fields.js';
import { operatorNotAllowed, operatorOf } from '../operators.js';
import { anyOf, not } from '../sql-conditions.js';
import { textValues } from '../values.js';

/**
 * CHECK_BOX, MULTI_SELECT and the other list fields: `in` matches a record holding any of the
 * values, and "" in the list matches a record with nothing chosen. `not in` is its negation.
 */
export function arrayPredicate(
  node: PredicateNode,
  field: ArrayField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  if (node.kind !== 'in') throw operatorNotAllowed(field, operatorOf(node));

  const { dialect } = context;
  const values = textValues(node.values, field, context);
  const chosen = values.filter((value) => value !== '');

  const match = anyOf([
    ...(chosen.length > 0 ? [dialect.arrayHasAny(field.code, chosen)] : []),
    ...(values.length > chosen.length ? [dialect.arrayIsEmpty(field.code)] : []),
  ]);
  return node.negated ? not(match) : match;
}
