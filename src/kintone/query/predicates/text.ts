import type { RawBuilder, SqlBool } from 'kysely';

import type { PredicateNode } from '../ast.js';
import type { QueryContext } from '../context.js';
import type { TextField } from '../fields.js';
import { ALWAYS, NEVER, compare, not } from '../sql-conditions.js';
import { literalText, textValues } from '../values.js';

/**
 * Text fields, single choices and the user columns. An empty or missing value reads as "",
 * so `= ""` and `in ("")` find it and `!= "x"` includes it.
 */
export function textPredicate(
  node: PredicateNode,
  field: TextField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  const { dialect } = context;

  switch (node.kind) {
    case 'compare': {
      // LOGINUSER() without a caller leaves no value to compare with.
      const [value] = textValues([node.value], field, context);
      if (value === undefined) return node.operator === '!=' ? ALWAYS : NEVER;
      return compare(field.text, node.operator, value);
    }
    case 'in': {
      const match = dialect.isAnyText(field.text, textValues(node.values, field, context));
      return node.negated ? not(match) : match;
    }
    case 'like': {
      const match = dialect.containsText(field.text, literalText(node.value, field));
      return node.negated ? not(match) : match;
    }
    case 'empty': {
      const match = dialect.isBlank(field.text);
      return node.negated ? not(match) : match;
    }
  }
}
