/**
 * Kintone field semantics: checking and normalizing record writes, computing calculated
 * fields, shaping stored rows back into Kintone's record JSON, and checking app field
 * definitions.
 */
export { calculatedValues, fieldCalculator } from './calc/calculate-fields.js';
export type { Calculator } from './calc/calculate-fields.js';
export { DEFAULT_PRECISION, readNumberPrecision } from './calc/number-precision.js';
export type { NumberPrecision } from './calc/number-precision.js';
export { checkFieldProperties } from './check-properties.js';
export { completeNewRecord } from './complete-record.js';
export { defaultSystemFields } from './system-fields.js';
export { fileKeysIn, principalCodesIn, toKintoneRecord } from './to-kintone-record.js';
export { validateRecordWrite } from './validate-record.js';
export type { RecordWrite, SystemOverrides, WriteContext } from './write-context.js';
