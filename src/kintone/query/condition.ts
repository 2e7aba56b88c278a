import type { RawBuilder, SqlBool } from 'kysely';

import type { ConditionNode, PredicateNode } from './ast.js';
import type { QueryContext } from './context.js';
import { resolveField, type ResolvedField } from './fields.js';
import { assertOperatorAllowed, operatorNotAllowed, operatorOf } from './operators.js';
import { arrayPredicate } from './predicates/array.js';
import { filePredicate } from './predicates/file.js';
import { tablePredicate } from './predicates/table.js';
import { integerPredicate } from './predicates/integer.js';
import { numberPredicate } from './predicates/number.js';
import { temporalPredicate } from './predicates/temporal.js';
import { textPredicate } from './predicates/text.js';
import { allOf, anyOf } from './sql-conditions.js';

/** The WHERE condition for a query's filter. Throws GAIA_IQ11, GAIA_IQ03 or CB_VA01. */
export function compileCondition(node: ConditionNode, context: QueryContext): RawBuilder<SqlBool> {
  if (node.kind === 'and' || node.kind === 'or') {
    const operands = node.operands.map((operand) => compileCondition(operand, context));
    return node.kind === 'and' ? allOf(operands) : anyOf(operands);
  }

  const field = resolveField(node.field, context);
  assertOperatorAllowed(field, operatorOf(node));
  return compilePredicate(node, field, context);
}

function compilePredicate(
  node: PredicateNode,
  field: ResolvedField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  switch (field.kind) {
    case 'integer':
      return integerPredicate(node, field, context);
    case 'number':
      return numberPredicate(node, field, context);
    case 'text':
      return textPredicate(node, field, context);
    case 'date':
    case 'time':
    case 'datetime':
      return temporalPredicate(node, field, context);
    case 'array':
      return arrayPredicate(node, field, context);
    case 'file':
      return filePredicate(node, field, context);
    case 'table':
      return tablePredicate(node, field, context);
    case 'unsupported':
      throw operatorNotAllowed(field, operatorOf(node));
  }
}
