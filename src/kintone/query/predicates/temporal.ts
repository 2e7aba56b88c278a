import type { RawBuilder, SqlBool } from 'kysely';

import type { PredicateNode, ValueNode } from '../ast.js';
import { addDays, calendarDateAt, formatDate, formatInstant, startOfDay } from '../calendar.js';
import type { QueryContext } from '../context.js';
import { evaluateDateFunction, type Period } from '../date-functions.js';
import type { TemporalField } from '../fields.js';
import { assertFunctionAllowed } from '../function-rules.js';
import { operatorNotAllowed, operatorOf } from '../operators.js';
import { emptyNotComparable, invalidFieldValue } from '../query-errors.js';
import { allOf, anyOf, compare, isNotNull, isNull } from '../sql-conditions.js';
import { parseDateLiteral, parseDateTimeLiteral, parseTimeLiteral } from '../temporal-literals.js';
import { literalText } from '../values.js';

/** A span in the field's stored text form: `from` included, `until` excluded. */
interface Bounds {
  from: string;
  until: string;
}

const EXPECTED_FORMAT = {
  date: { ja: 'YYYY-MM-DD の形式で指定してください。', en: 'Use the form YYYY-MM-DD.' },
  time: { ja: 'HH:MM の形式で指定してください。', en: 'Use the form HH:MM.' },
  datetime: {
    ja: 'YYYY-MM-DDTHH:MM:SSZ または YYYY-MM-DD の形式で指定してください。',
    en: 'Use the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD.',
  },
} as const;

/**
 * DATE, TIME, DATETIME and the record timestamps. Every value on the right names a span (a
 * day, a month, a minute), so `= TODAY()` means "during today", `> TODAY()` "after today
 * ends" and `< TODAY()` "before today starts". Stored values are fixed-width text, so text
 * order is time order. An empty value only matches `= ""` and `!=`.
 */
export function temporalPredicate(
  node: PredicateNode,
  field: TemporalField,
  context: QueryContext,
): RawBuilder<SqlBool> {
  if (node.kind !== 'compare') throw operatorNotAllowed(field, operatorOf(node));

  const { value } = field;
  if (node.value.kind !== 'function' && literalText(node.value, field) === '') {
    if (node.operator === '=') return isNull(value);
    if (node.operator === '!=') return isNotNull(value);
    throw emptyNotComparable(field.code, node.operator);
  }

  const { from, until } = boundsOf(node.value, field, context);
  const ordered = context.dialect.codePointOrder(value);

  switch (node.operator) {
    case '=':
      return allOf([compare(ordered, '>=', from), compare(ordered, '<', until)]);
    case '!=':
      return anyOf([isNull(value), compare(ordered, '<', from), compare(ordered, '>=', until)]);
    case '>':
      return compare(ordered, '>=', until);
    case '>=':
      return compare(ordered, '>=', from);
    case '<':
      return compare(ordered, '<', from);
    case '<=':
      return compare(ordered, '<', until);
  }
}

function boundsOf(value: ValueNode, field: TemporalField, context: QueryContext): Bounds {
  if (field.kind === 'time') return timeBounds(value, field);

  const period = periodOf(value, field, context);
  if (field.kind === 'date') return dateBounds(period, context.timeZone);
  return instantBounds(period, context.timeZone);
}

function periodOf(value: ValueNode, field: TemporalField, context: QueryContext): Period {
  if (value.kind === 'function') {
    assertFunctionAllowed(value, field);
    return evaluateDateFunction(value, context);
  }

  const text = literalText(value, field);
  const period =
    field.kind === 'date' ? dayPeriod(text) : parseDateTimeLiteral(text, context.timeZone);
  if (period === null) throw invalidFieldValue(field.code, text, EXPECTED_FORMAT[field.kind]);
  return period;
}

function dayPeriod(text: string): Period | null {
  const day = parseDateLiteral(text);
  return day === null ? null : { kind: 'days', first: day, end: addDays(day, 1) };
}

/** TIME values are `HH:MM`; a literal names one minute, and "24:00" sorts after "23:59". */
function timeBounds(value: ValueNode, field: TemporalField): Bounds {
  const text = literalText(value, field);
  const minute = parseTimeLiteral(text);
  if (minute === null) throw invalidFieldValue(field.code, text, EXPECTED_FORMAT.time);

  return { from: clockText(minute), until: clockText(minute + 1) };
}

function dateBounds(period: Period, timeZone: string): Bounds {
  if (period.kind === 'days') {
    return { from: formatDate(period.first), until: formatDate(period.end) };
  }

  // A span of instants covers the calendar days it touches.
  const first = calendarDateAt(period.start, timeZone);
  const last = calendarDateAt(period.end - 1, timeZone);
  return { from: formatDate(first), until: formatDate(addDays(last, 1)) };
}

/** Days start at midnight in the query's time zone; stored date-times are UTC. */
function instantBounds(period: Period, timeZone: string): Bounds {
  if (period.kind === 'instants') {
    return { from: formatInstant(period.start), until: formatInstant(period.end) };
  }

  const from = formatInstant(startOfDay(period.first, timeZone));
  return { from, until: formatInstant(startOfDay(period.end, timeZone)) };
}

function clockText(minuteOfDay: number): string {
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  return `${hours}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
