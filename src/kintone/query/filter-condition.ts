import type { RawBuilder, SqlBool } from 'kysely';

import { invalidInput, KintoneError } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import { countConditions } from './compile.js';
import { compileCondition } from './condition.js';
import type { QueryContext } from './context.js';
import { parseRecordQuery } from './parser.js';

/**
 * How many comparisons a condition holds. Every condition of an app's record permissions joins
 * each record read, so together they stay under one query's cap (MAX_CONDITIONS).
 */
export function filterConditionSize(condition: string): number {
  return countConditions(parseRecordQuery(condition).condition);
}

/**
 * Compiles a condition alone, as record permissions hold them (`filterCond`): the part of a
 * query before `order by`, `limit` and `offset`, which it may not have. An empty condition
 * matches every record and compiles to null. Throws like a query (CB_VA01, GAIA_IQ11,
 * GAIA_IQ03), with CB_VA01's messages under `key` rather than `query`.
 */
export function compileFilterCondition(
  condition: string,
  context: QueryContext,
  key: string,
): RawBuilder<SqlBool> | null {
  return underKey(key, () => {
    const ast = parseRecordQuery(condition);
    if (ast.orderBy.length > 0 || ast.limit !== null || ast.offset !== null) {
      throw invalidInput([{ key, text: inputMessage('CONDITION_ONLY') }]);
    }
    return ast.condition === null ? null : compileCondition(ast.condition, context);
  });
}

/** A query's input errors, named after the setting the condition came from. */
function underKey<T>(key: string, compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (!(error instanceof KintoneError) || error.code !== 'CB_VA01') throw error;
    throw invalidInput(
      error.fieldErrors.map((problem) => (problem.key === 'query' ? { ...problem, key } : problem)),
    );
  }
}
