import type { FunctionCall } from './ast.js';
import { isDateFunction } from './date-functions.js';
import type { ResolvedField } from './fields.js';
import { functionNotAllowed, unknownFunction } from './query-errors.js';
import type { FieldType } from '../fields/types.js';

/** Kintone functions for users and organizations. PRIMARY_ORGANIZATION() has no field here. */
const USER_FUNCTIONS: ReadonlySet<string> = new Set(['LOGINUSER', 'PRIMARY_ORGANIZATION']);

const USER_FIELDS: ReadonlySet<FieldType> = new Set([
  'CREATOR',
  'MODIFIER',
  'STATUS_ASSIGNEE',
  'USER_SELECT',
]);

const DATE_TIME_FIELDS: ReadonlySet<FieldType> = new Set([
  'DATETIME',
  'CREATED_TIME',
  'UPDATED_TIME',
]);

/**
 * Throws unless `call` may stand for a value of `field`: LOGINUSER() for user fields, the
 * date functions for dates and date-times. NOW() has no meaning for a DATE field.
 */
export function assertFunctionAllowed(call: FunctionCall, field: ResolvedField): void {
  if (!USER_FUNCTIONS.has(call.name) && !isDateFunction(call.name)) {
    throw unknownFunction(call.name);
  }

  if (call.name === 'LOGINUSER' && USER_FIELDS.has(field.type)) return;
  if (isDateFunction(call.name) && DATE_TIME_FIELDS.has(field.type)) return;
  if (isDateFunction(call.name) && call.name !== 'NOW' && field.type === 'DATE') return;

  throw functionNotAllowed(call.name, field.code);
}
