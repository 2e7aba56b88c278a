import { sql, type RawBuilder } from 'kysely';

import type { OrderKey } from './ast.js';
import type { CompiledOrderKey, QueryContext } from './context.js';
import { resolveField, type ResolvedField } from './fields.js';
import { operatorNotAllowed } from './operators.js';

/**
 * Sort keys for `order by`. Empty values sort below every other value, the same on both
 * databases, and the record id breaks ties so pages never overlap.
 */
export function compileOrderBy(
  keys: readonly OrderKey[],
  context: QueryContext,
): CompiledOrderKey[] {
  if (keys.length === 0) return [];

  const compiled: CompiledOrderKey[] = [];
  let sortsByRecordId = false;

  for (const key of keys) {
    const field = resolveField(key.field, context);
    if (field.kind === 'integer' && field.isRecordId) sortsByRecordId = true;

    for (const expression of sortExpressions(field, context)) {
      compiled.push({ expression, direction: key.direction });
    }
  }

  if (!sortsByRecordId) compiled.push({ expression: sql.ref('id'), direction: 'desc' });
  return compiled;
}

/** Numbers sort as numbers and text by code point; lists cannot be sorted. */
function sortExpressions(field: ResolvedField, context: QueryContext): RawBuilder<unknown>[] {
  switch (field.kind) {
    case 'integer':
      return [field.column];
    case 'text':
      return [context.dialect.codePointOrder(field.text)];
    case 'number':
      return [emptyRank(field.number), field.number];
    case 'date':
    case 'time':
    case 'datetime':
      return [emptyRank(field.value), context.dialect.codePointOrder(field.value)];
    case 'array':
    case 'file':
    case 'table':
    case 'unsupported':
      throw operatorNotAllowed(field, 'order by');
  }
}

/**
 * Ranks NULL below any value. SQLite and PostgreSQL place NULLs at opposite ends by default,
 * so the rank is sorted first, in the key's own direction.
 */
function emptyRank(value: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(case when ${value} is null then 0 else 1 end)`;
}
