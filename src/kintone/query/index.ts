/** Kintone's record query language: parsing, and compiling to SQL over the records table. */
export { compileRecordQuery, MAX_CONDITIONS } from './compile.js';
export { parseRecordQuery } from './parser.js';
export type { CompiledOrderKey, CompiledRecordQuery, QueryContext } from './context.js';
export type {
  CompareNode,
  ComparisonOperator,
  ConditionNode,
  EmptyNode,
  FunctionArgument,
  FunctionCall,
  InNode,
  LikeNode,
  LogicalNode,
  NumberValue,
  OrderKey,
  PredicateNode,
  QueryAst,
  StringValue,
  ValueNode,
} from './ast.js';
export { compileFilterCondition, filterConditionSize } from './filter-condition.js';
