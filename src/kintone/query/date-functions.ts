import type { FunctionCall } from './ast.js';
import {
  addDays,
  addMonths,
  calendarDateAt,
  dateFromParts,
  dayOfWeek,
  isSupportedYear,
  lastDayOfMonth,
  type CalendarDate,
} from './calendar.js';
import { invalidFunctionArguments } from './query-errors.js';

/**
 * What a date function stands for: a run of whole days on the calendar of the query's time
 * zone, or (for NOW()) a span of instants. `end` is exclusive in both.
 */
export type Period =
  | { kind: 'days'; first: CalendarDate; end: CalendarDate }
  | { kind: 'instants'; start: number; end: number };

export interface Clock {
  now: Date;
  timeZone: string;
}

type Evaluator = (call: FunctionCall, today: CalendarDate, clock: Clock) => Period;

const MINUTE_MS = 60_000;

/** Kintone's weeks run from Sunday to Saturday. */
const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

/** FROM_TODAY's reach; anything larger leaves the years 1 to 9999 anyway. */
const MAX_FROM_TODAY = 4_000_000;

const EVALUATORS: ReadonlyMap<string, Evaluator> = new Map<string, Evaluator>([
  ['NOW', now],
  ['TODAY', (call, today) => singleDay(call, today, 0)],
  ['YESTERDAY', (call, today) => singleDay(call, today, -1)],
  ['TOMORROW', (call, today) => singleDay(call, today, 1)],
  ['FROM_TODAY', fromToday],
  ['THIS_WEEK', (call, today) => week(call, today, 0)],
  ['LAST_WEEK', (call, today) => week(call, today, -1)],
  ['NEXT_WEEK', (call, today) => week(call, today, 1)],
  ['THIS_MONTH', (call, today) => month(call, today, 0)],
  ['LAST_MONTH', (call, today) => month(call, today, -1)],
  ['NEXT_MONTH', (call, today) => month(call, today, 1)],
  ['THIS_YEAR', (call, today) => year(call, today, 0)],
  ['LAST_YEAR', (call, today) => year(call, today, -1)],
  ['NEXT_YEAR', (call, today) => year(call, today, 1)],
]);

export function isDateFunction(name: string): boolean {
  return EVALUATORS.has(name);
}

/** Resolves a date function against the clock. The caller has checked the name exists. */
export function evaluateDateFunction(call: FunctionCall, clock: Clock): Period {
  const evaluate = EVALUATORS.get(call.name);
  if (!evaluate) throw new Error(`${call.name} is not a date function`);

  const today = calendarDateAt(clock.now.getTime(), clock.timeZone);
  const period = evaluate(call, today, clock);

  if (period.kind === 'days' && !(isSupportedYear(period.first) && isSupportedYear(period.end))) {
    throw invalidFunctionArguments(call.name, {
      ja: '結果の日付が1年から9999年の範囲を超えています。',
      en: 'The resulting date falls outside the years 1 to 9999.',
    });
  }
  return period;
}

/** NOW() covers the current minute: Kintone's date-times carry no finer precision. */
function now(call: FunctionCall, _today: CalendarDate, clock: Clock): Period {
  expectNoArguments(call);

  const instant = clock.now.getTime();
  const start = instant - (((instant % MINUTE_MS) + MINUTE_MS) % MINUTE_MS);
  return { kind: 'instants', start, end: start + MINUTE_MS };
}

function singleDay(call: FunctionCall, today: CalendarDate, shift: number): Period {
  expectNoArguments(call);
  return days(addDays(today, shift), 1);
}

function fromToday(call: FunctionCall, today: CalendarDate): Period {
  const [amount, unit] = call.args;
  const count = amount?.kind === 'number' ? wholeNumber(amount.text) : null;
  if (call.args.length !== 2 || count === null || Math.abs(count) > MAX_FROM_TODAY) {
    throw invalidFunctionArguments(call.name, {
      ja: '1つ目に整数、2つ目に DAYS、WEEKS、MONTHS、YEARS のいずれかを指定してください。',
      en: 'Give a whole number, then one of DAYS, WEEKS, MONTHS or YEARS.',
    });
  }

  switch (unit?.kind === 'word' ? unit.text : '') {
    case 'DAYS':
      return days(addDays(today, count), 1);
    case 'WEEKS':
      return days(addDays(today, count * 7), 1);
    case 'MONTHS':
      return days(addMonths(today, count), 1);
    case 'YEARS':
      return days(addMonths(today, count * 12), 1);
    default:
      throw invalidFunctionArguments(call.name, {
        ja: '2つ目の引数には DAYS、WEEKS、MONTHS、YEARS のいずれかを指定してください。',
        en: 'The second argument must be DAYS, WEEKS, MONTHS or YEARS.',
      });
  }
}

/** The whole week, or one weekday of it when the argument names a day. */
function week(call: FunctionCall, today: CalendarDate, shift: number): Period {
  const sunday = addDays(today, shift * 7 - dayOfWeek(today));
  if (call.args.length === 0) return days(sunday, 7);

  const [weekday] = call.args;
  const index = weekday?.kind === 'word' ? WEEKDAYS.indexOf(weekday.text) : -1;
  if (call.args.length !== 1 || index < 0) {
    throw invalidFunctionArguments(call.name, {
      ja: '引数は省略するか、SUNDAY から SATURDAY までの曜日を1つ指定してください。',
      en: 'Give no argument, or one weekday from SUNDAY to SATURDAY.',
    });
  }
  return days(addDays(sunday, index), 1);
}

/**
 * The whole month, its last day for LAST, or the given day. A day the month lacks (31 in
 * April) rolls into the next month, as Kintone's own filter does.
 */
function month(call: FunctionCall, today: CalendarDate, shift: number): Period {
  const first = dateFromParts(today.year, today.month + shift, 1);
  if (call.args.length === 0) return { kind: 'days', first, end: addMonths(first, 1) };

  const [day] = call.args;
  if (call.args.length === 1 && day?.kind === 'word' && day.text === 'LAST') {
    return days({ ...first, day: lastDayOfMonth(first.year, first.month) }, 1);
  }

  const number = day?.kind === 'number' ? wholeNumber(day.text) : null;
  if (call.args.length !== 1 || number === null || number < 1 || number > 31) {
    throw invalidFunctionArguments(call.name, {
      ja: '引数は省略するか、1から31までの整数または LAST を指定してください。',
      en: 'Give no argument, a whole number from 1 to 31, or LAST.',
    });
  }
  return days(dateFromParts(first.year, first.month, number), 1);
}

function year(call: FunctionCall, today: CalendarDate, shift: number): Period {
  expectNoArguments(call);

  const first = { year: today.year + shift, month: 1, day: 1 };
  return { kind: 'days', first, end: { year: first.year + 1, month: 1, day: 1 } };
}

function days(first: CalendarDate, count: number): Period {
  return { kind: 'days', first, end: addDays(first, count) };
}

function expectNoArguments(call: FunctionCall): void {
  if (call.args.length === 0) return;

  throw invalidFunctionArguments(call.name, {
    ja: 'この関数は引数を取りません。',
    en: 'This function takes no arguments.',
  });
}

function wholeNumber(text: string): number | null {
  return /^[+-]?\d{1,9}$/.test(text) ? Number(text) : null;
}
