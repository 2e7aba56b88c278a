/**
 * The error keys Kintone uses for one field of a record write (observed on real tenants):
 * scalars answer on `.value`, list fields on `.values`, a bad list element on
 * `.values[<i>].value`, and a number that does not parse on the bracket form `[<code>].value`.
 */
export interface FieldKeys {
  value: string;
  values: string;
  element(index: number): string;
  bracketValue: string;
}

export function fieldKeys(keyPrefix: string, code: string): FieldKeys {
  return {
    value: `${keyPrefix}.${code}.value`,
    values: `${keyPrefix}.${code}.values`,
    element: (index) => `${keyPrefix}.${code}.values[${index}].value`,
    bracketValue: `${keyPrefix}[${code}].value`,
  };
}
