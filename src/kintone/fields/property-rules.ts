import { kindOf } from './field-kinds.js';
import type { FieldProperty } from './types.js';
import { optionLabels } from './values/choice.js';
import { parseDate } from './values/date.js';
import { parseDateTime } from './values/datetime.js';
import { compareDecimals, parseDecimal } from './values/decimal.js';
import { parseTime } from './values/time.js';

/** Records one problem with the field being checked, naming the key. */
export type Report = (key: string, message: string) => void;

export const FLAG_KEYS = [
  'noLabel',
  'required',
  'unique',
  'defaultNowValue',
  'digit',
  'hideExpression',
  'enabled',
];

// Kintone offers "prohibit duplicate values" on these types only.
const UNIQUE_TYPES = new Set(['SINGLE_LINE_TEXT', 'NUMBER', 'DATE', 'DATETIME', 'LINK']);

const ALLOWED_WORDS: Readonly<Record<string, readonly string[]>> = {
  protocol: ['WEB', 'CALL', 'MAIL'],
  unitPosition: ['BEFORE', 'AFTER'],
  align: ['HORIZONTAL', 'VERTICAL'],
  format: ['NUMBER', 'NUMBER_DIGIT', 'DATETIME', 'DATE', 'TIME', 'HOUR_MINUTE', 'DAY_HOUR_MINUTE'],
};

// Kintone documents no limit. Every save parses and computes each formula again, so a formula
// of megabytes would hold the server for seconds per record; this is far beyond real formulas.
const LONGEST_EXPRESSION = 4000;

/** Checks the type-specific keys of a field whose code, type and label are already sound. */
export function checkFieldRules(field: FieldProperty, report: Report): void {
  checkFlags(field, report);
  checkWords(field, report);
  if (field.unique === true && !UNIQUE_TYPES.has(field.type)) {
    report('unique', `is available only on ${[...UNIQUE_TYPES].join(', ')}`);
  }

  const kind = kindOf(field.type);
  if (kind === 'text') checkWholeNumberRange(field, 'minLength', 'maxLength', report);
  if (kind === 'number') checkDecimalRange(field, report);
  if (kind === 'calc') checkExpression(field, report);
  if (kind === 'single-choice' || kind === 'multi-choice') checkOptions(field, report);
  if (field.lookup !== undefined) checkLookup(field, report);
  checkDefaultValue(field, report);
}

/** A lookup: which app to read, by which of its fields, and what to copy where. */
function checkLookup(field: FieldProperty, report: Report): void {
  if (field.type !== 'SINGLE_LINE_TEXT' && field.type !== 'NUMBER') {
    report('lookup', 'is available only on SINGLE_LINE_TEXT and NUMBER');
    return;
  }
  const lookup = field.lookup as Record<string, unknown> | null;
  const app = (lookup?.relatedApp as { app?: unknown } | undefined)?.app;
  if (typeof lookup !== 'object' || lookup === null || !/^[1-9]\d*$/.test(String(app))) {
    report('lookup.relatedApp.app', `must be an app id, got ${show(app)}`);
    return;
  }
  (lookup.relatedApp as { app: string }).app = String(app);
  if (typeof lookup.relatedKeyField !== 'string' || lookup.relatedKeyField === '') {
    report('lookup.relatedKeyField', `must be a field code, got ${show(lookup.relatedKeyField)}`);
  }
  const mappings = lookup.fieldMappings ?? [];
  const sound =
    Array.isArray(mappings) &&
    mappings.every(
      (m) =>
        typeof m === 'object' &&
        m !== null &&
        typeof (m as { field?: unknown }).field === 'string' &&
        typeof (m as { relatedField?: unknown }).relatedField === 'string',
    );
  if (!sound) report('lookup.fieldMappings', 'must be a list of {field, relatedField}');
  else lookup.fieldMappings = mappings;
}

function checkFlags(field: FieldProperty, report: Report): void {
  for (const key of FLAG_KEYS) {
    if (field[key] !== undefined && typeof field[key] !== 'boolean') {
      report(key, `must be true or false, got ${show(field[key])}`);
    }
  }
}

function checkExpression(field: FieldProperty, report: Report): void {
  const expression = field.expression;
  if (expression === undefined) return;
  if (typeof expression !== 'string') {
    report('expression', `must be a string, got ${show(expression)}`);
  } else if (expression.length > LONGEST_EXPRESSION) {
    report('expression', `must be ${LONGEST_EXPRESSION} characters or fewer`);
  }
}

function checkWords(field: FieldProperty, report: Report): void {
  for (const [key, words] of Object.entries(ALLOWED_WORDS)) {
    const value = field[key];
    if (value !== undefined && !words.includes(value as string)) {
      report(key, `must be one of ${words.join(', ')}, got ${show(value)}`);
    }
  }
}

function checkWholeNumberRange(field: FieldProperty, low: string, high: string, report: Report) {
  const min = wholeNumberAt(field, low, report);
  const max = wholeNumberAt(field, high, report);
  if (min !== undefined && max !== undefined && min > max) {
    report(low, `must not be greater than ${high}`);
  }
}

function wholeNumberAt(field: FieldProperty, key: string, report: Report): number | undefined {
  const value = field[key];
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);

  report(key, `must be a whole number written as a string, got ${show(value)}`);
  return undefined;
}

function checkDecimalRange(field: FieldProperty, report: Report): void {
  const bounds = (['minValue', 'maxValue'] as const).map((key) => {
    const value = field[key];
    if (value === undefined || value === '') return undefined;
    const decimal = typeof value === 'string' ? parseDecimal(value) : undefined;
    if (!decimal) report(key, `must be a number written as a string, got ${show(value)}`);
    return decimal;
  });

  const [min, max] = bounds;
  if (min && max && compareDecimals(min, max) > 0) {
    report('minValue', 'must not be greater than maxValue');
  }
  wholeNumberAt(field, 'displayScale', report);
}

function checkOptions(field: FieldProperty, report: Report): void {
  const options: unknown = field.options;
  const isObject = typeof options === 'object' && options !== null && !Array.isArray(options);
  if (!isObject || Object.keys(options).length === 0) {
    report('options', 'must be an object with at least one option, keyed by label');
    return;
  }

  const indexes = new Set<string>();
  for (const [label, option] of Object.entries(options as Record<string, unknown>)) {
    const where = `options["${label}"]`;
    if (typeof option !== 'object' || option === null) {
      report(where, 'must be an object with label and index');
      continue;
    }

    const { label: ownLabel, index } = option as { label?: unknown; index?: unknown };
    if (ownLabel !== label) report(`${where}.label`, `must equal its key, got ${show(ownLabel)}`);
    if (typeof index !== 'string' || !/^\d+$/.test(index)) {
      report(`${where}.index`, `must be a whole number written as a string, got ${show(index)}`);
    } else if (indexes.has(index)) {
      report(`${where}.index`, `${index} is used by another option`);
    }
    if (typeof index === 'string') indexes.add(index);
  }
}

function checkDefaultValue(field: FieldProperty, report: Report): void {
  const value = field.defaultValue;
  if (value === undefined) return;

  const kind = kindOf(field.type);
  if (kind === 'principals') {
    const entries = Array.isArray(value) ? (value as unknown[]) : undefined;
    const valid = entries?.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof (entry as { code?: unknown }).code === 'string' &&
        typeof (entry as { type?: unknown }).type === 'string',
    );
    if (!valid) report('defaultValue', `must be a list of {code, type}, got ${show(value)}`);
    return;
  }
  if (kind === 'multi-choice') {
    const labels = optionLabels(field);
    const valid = Array.isArray(value) && value.every((item) => labels.includes(item));
    if (!valid) report('defaultValue', `must be a list of option labels, got ${show(value)}`);
    return;
  }
  if (kind === 'calc' || kind === 'system') return;

  if (typeof value !== 'string') {
    report('defaultValue', `must be a string, got ${show(value)}`);
    return;
  }
  const expected = describeBadDefault(field, value);
  if (expected) report('defaultValue', `must be ${expected}, got ${show(value)}`);
}

/** What a scalar default should have been, or undefined when it is fine. */
function describeBadDefault(field: FieldProperty, value: string): string | undefined {
  if (value === '') return undefined;

  switch (kindOf(field.type)) {
    case 'number':
      return parseDecimal(value) ? undefined : 'a number';
    case 'date':
      return parseDate(value) ? undefined : 'a date (YYYY-MM-DD)';
    case 'time':
      return parseTime(value) ? undefined : 'a time (HH:MM)';
    case 'datetime':
      return parseDateTime(value) ? undefined : 'a datetime (YYYY-MM-DDTHH:MMZ)';
    case 'single-choice':
      return optionLabels(field).includes(value) ? undefined : 'one of the option labels';
    default:
      return undefined;
  }
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
