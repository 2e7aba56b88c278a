import type { ValueNode } from './ast.js';
import type { QueryContext } from './context.js';
import type { ResolvedField } from './fields.js';
import { assertFunctionAllowed } from './function-rules.js';
import { functionNotAllowed } from './query-errors.js';

/**
 * The text of a literal. Kintone accepts numbers with or without quotes, so `10` and `"10"`
 * read the same. A function is refused: callers that accept one handle it before this.
 */
export function literalText(value: ValueNode, field: ResolvedField): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return value.text;

  assertFunctionAllowed(value, field);
  throw functionNotAllowed(value.name, field.code);
}

/**
 * The strings a text or list condition compares with. LOGINUSER() stands for the caller's
 * login name; without a caller it stands for nothing, so it matches no record.
 */
export function textValues(
  values: readonly ValueNode[],
  field: ResolvedField,
  context: QueryContext,
): string[] {
  const texts: string[] = [];

  for (const value of values) {
    if (value.kind !== 'function') {
      texts.push(literalText(value, field));
      continue;
    }

    assertFunctionAllowed(value, field);
    if (value.name !== 'LOGINUSER') throw functionNotAllowed(value.name, field.code);
    if (context.loginUser) texts.push(context.loginUser.code);
  }

  return texts;
}
