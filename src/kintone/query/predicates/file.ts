import type { RawBuilder, SqlBool } from 'kysely';

import type { PredicateNode } from '../ast.js';
import type { QueryContext } from '../context.js';
import type { FileField } from '../fields.js';
import { operatorNotAllowed, operatorOf } from '../operators.js';
import { not } from '../sql-conditions.js';
import { literalText } from '../values.js';

/**
 * FILE fields, as Kintone's query documentation allows them: `like` matches records with an
 * attached file whose name contains the text, and `is empty` records with no file.
 */
export function filePredicate(
  node: PredicateNode,
  field: FileField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  const { dialect } = context;

  switch (node.kind) {
    case 'like': {
      const match = dialect.fileNameContains(field.code, literalText(node.value, field));
      return node.negated ? not(match) : match;
    }
    case 'empty': {
      const match = dialect.arrayIsEmpty(field.code);
      return node.negated ? not(match) : match;
    }
    default:
      throw operatorNotAllowed(field, operatorOf(node));
  }
}
