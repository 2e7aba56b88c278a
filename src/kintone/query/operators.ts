import type { ComparisonOperator, PredicateNode } from './ast.js';
import type { ResolvedField } from './fields.js';
import { KintoneError } from '../../errors/kintone-error.js';
import type { FieldType } from '../fields/types.js';

/** Operators as Kintone names them in GAIA_IQ03 messages. */
export type OperatorName =
  ComparisonOperator | 'in' | 'not in' | 'like' | 'not like' | 'is' | 'is not';

const ORDERING: readonly OperatorName[] = ['=', '!=', '>', '<', '>=', '<='];
const EQUALITY: readonly OperatorName[] = ['=', '!='];
const MEMBERSHIP: readonly OperatorName[] = ['in', 'not in'];
const MATCHING: readonly OperatorName[] = ['like', 'not like'];
const EMPTINESS: readonly OperatorName[] = ['is', 'is not'];

/**
 * Which operators each field type accepts, after the per-field table in Kintone's query
 * documentation (cybozu.dev, "クエリの書き方"). Types missing here accept none.
 */
const ALLOWED: ReadonlyMap<FieldType, ReadonlySet<OperatorName>> = new Map([
  ['RECORD_NUMBER', new Set([...ORDERING, ...MEMBERSHIP])],
  ['__ID__', new Set([...ORDERING, ...MEMBERSHIP])],
  ['__REVISION__', new Set([...ORDERING, ...MEMBERSHIP])],
  ['NUMBER', new Set([...ORDERING, ...MEMBERSHIP])],
  ['CALC', new Set([...ORDERING, ...MEMBERSHIP])],
  ['CREATED_TIME', new Set(ORDERING)],
  ['UPDATED_TIME', new Set(ORDERING)],
  ['DATE', new Set(ORDERING)],
  ['TIME', new Set(ORDERING)],
  ['DATETIME', new Set(ORDERING)],
  ['SINGLE_LINE_TEXT', new Set([...EQUALITY, ...MEMBERSHIP, ...MATCHING])],
  ['LINK', new Set([...EQUALITY, ...MEMBERSHIP, ...MATCHING])],
  ['MULTI_LINE_TEXT', new Set([...MATCHING, ...EMPTINESS])],
  ['RICH_TEXT', new Set([...MATCHING, ...EMPTINESS])],
  ['STATUS', new Set([...EQUALITY, ...MEMBERSHIP])],
  ['CREATOR', new Set(MEMBERSHIP)],
  ['MODIFIER', new Set(MEMBERSHIP)],
  ['DROP_DOWN', new Set(MEMBERSHIP)],
  ['RADIO_BUTTON', new Set(MEMBERSHIP)],
  ['CHECK_BOX', new Set(MEMBERSHIP)],
  ['MULTI_SELECT', new Set(MEMBERSHIP)],
  ['CATEGORY', new Set(MEMBERSHIP)],
  ['STATUS_ASSIGNEE', new Set(MEMBERSHIP)],
  ['USER_SELECT', new Set(MEMBERSHIP)],
  ['GROUP_SELECT', new Set(MEMBERSHIP)],
  ['ORGANIZATION_SELECT', new Set(MEMBERSHIP)],
  ['FILE', new Set([...MATCHING, ...EMPTINESS])],
]);

export function operatorOf(predicate: PredicateNode): OperatorName {
  switch (predicate.kind) {
    case 'compare':
      return predicate.operator;
    case 'in':
      return predicate.negated ? 'not in' : 'in';
    case 'like':
      return predicate.negated ? 'not like' : 'like';
    case 'empty':
      return predicate.negated ? 'is not' : 'is';
  }
}

/** GAIA_IQ03 unless the field's type accepts the operator. */
export function assertOperatorAllowed(field: ResolvedField, operator: OperatorName): void {
  // Fields in tables take membership tests in place of `=` and `!=` (which Kintone names
  // apart), and text fields in tables also `like`.
  if (field.kind === 'table') {
    if (operator === 'in' || operator === 'not in') return;
    if (operator === '=' || operator === '!=') {
      throw new KintoneError('GAIA_IQ07', { field: field.code, operator });
    }
    const matching = operator === 'like' || operator === 'not like';
    if (matching && ALLOWED.get(field.type)?.has(operator)) return;
    throw operatorNotAllowed(field, operator);
  }
  if (ALLOWED.get(field.type)?.has(operator)) return;
  throw operatorNotAllowed(field, operator);
}

export function operatorNotAllowed(field: ResolvedField, operator: string): KintoneError {
  return new KintoneError('GAIA_IQ03', { field: field.code, operator });
}
