import type { RawBuilder, SqlBool } from 'kysely';

import type { PredicateNode } from '../ast.js';
import type { QueryContext } from '../context.js';
import type { TableField } from '../fields.js';
import { operatorNotAllowed, operatorOf } from '../operators.js';
import { not } from '../sql-conditions.js';
import { literalText, textValues } from '../values.js';

/**
 * A field inside a table: `in` matches a record when any row holds one of the values, and
 * `not in` when none does; `like` when any row's text contains the value, `not like` when none
 * does.
 */
export function tablePredicate(
  node: PredicateNode,
  field: TableField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  if (node.kind === 'like') {
    const needle = literalText(node.value, field);
    const match = context.dialect.tableContainsText(field.table, field.code, needle);
    return node.negated ? not(match) : match;
  }
  if (node.kind !== 'in') throw operatorNotAllowed(field, operatorOf(node));

  const values = textValues(node.values, field, context);
  const match = context.dialect.tableHasAny(field.table, field.code, field.list, values);
  return node.negated ? not(match) : match;
}
