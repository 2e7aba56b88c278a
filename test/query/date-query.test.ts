import { expect, test } from 'vitest';

import { allExcept } from './support/fixture.js';
import { describeOnEachDatabase, expectQueryError } from './support/harness.js';

// The fixture clock: Wednesday 2024-05-15, 12:00 in Tokyo (03:00 UTC).

describeOnEachDatabase('DATE', ({ matching }) => {
  test.each([
    ['due = "2024-05-15"', [1]],
    ['due = "2024-02-29"', [20]],
    ['due = TODAY()', [1]],
    ['due = YESTERDAY()', [2]],
    ['due = TOMORROW()', [17]],
    ['due > TODAY()', [5, 6, 8, 10, 12, 14, 15, 16, 17]],
    ['due >= TODAY()', [1, 5, 6, 8, 10, 12, 14, 15, 16, 17]],
    ['due < TODAY()', [2, 7, 9, 11, 13, 18, 19, 20]],
    ['due <= TODAY()', [1, 2, 7, 9, 11, 13, 18, 19, 20]],
    ['due != TODAY()', allExcept(1)],
    ['due = ""', [3, 4]],
    ['due != ""', allExcept(3, 4)],
  ])('%s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test.each([
    // Weeks run from Sunday 05-12 to Saturday 05-18.
    ['due = THIS_WEEK()', [1, 2, 7, 8, 17, 18]],
    ['due = THIS_WEEK(SUNDAY)', [7]],
    ['due = THIS_WEEK(SATURDAY)', [8]],
    ['due = LAST_WEEK()', [9]],
    ['due = NEXT_WEEK()', [10, 15]],
    ['due = NEXT_WEEK(MONDAY)', [15]],
    ['due = THIS_MONTH()', [1, 2, 5, 7, 8, 9, 10, 15, 17, 18, 19]],
    ['due >= THIS_MONTH() and due < NEXT_MONTH()', [1, 2, 5, 7, 8, 9, 10, 15, 17, 18, 19]],
    ['due = THIS_MONTH(1)', [19]],
    ['due = THIS_MONTH(LAST)', [5]],
    ['due = LAST_MONTH()', [11]],
    ['due = LAST_MONTH(LAST)', [11]],
    // April has no 31st: the day rolls into May.
    ['due = LAST_MONTH(31)', [19]],
    ['due = NEXT_MONTH()', [6, 12, 16]],
    ['due = NEXT_MONTH(1)', [6]],
    ['due = THIS_YEAR()', allExcept(3, 4, 13, 14)],
    ['due = LAST_YEAR()', [13]],
    ['due = NEXT_YEAR()', [14]],
    ['due = FROM_TODAY(5, DAYS)', [15]],
    ['due = FROM_TODAY(-4, DAYS)', [9]],
    ['due = FROM_TODAY(-3, WEEKS)', []],
    ['due = FROM_TODAY(1, MONTHS)', [16]],
    ['due > FROM_TODAY(7, MONTHS)', [14]],
    ['due < FROM_TODAY(-1, YEARS)', []],
  ])('date functions: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test('the time zone decides the day: 20:00 UTC on the 14th is the 15th in Tokyo', async () => {
    const lateUtc = { now: new Date('2024-05-14T20:00:00Z') };
    expect(await matching('due = TODAY()', lateUtc)).toEqual([1]);
    expect(await matching('due = TODAY()', { ...lateUtc, timeZone: 'UTC' })).toEqual([2]);
  });
});

describeOnEachDatabase('DATETIME and record timestamps', ({ matching }) => {
  test.each([
    // Tokyo's 05-15 runs from 05-14T15:00Z to 05-15T15:00Z.
    ['meeting = TODAY()', [1, 8, 9, 17, 18]],
    ['meeting > TODAY()', [19]],
    ['meeting < TODAY()', [2]],
    ['meeting != TODAY()', allExcept(1, 8, 9, 17, 18)],
    ['meeting = "2024-05-15"', [1, 8, 9, 17, 18]],
    // NOW() is the current minute.
    ['meeting = NOW()', [8]],
    ['meeting > NOW()', [9, 18, 19]],
    ['meeting < NOW()', [1, 2, 17]],
    ['meeting = "2024-05-15T03:01:00Z"', [9]],
    ['meeting = "2024-05-15T12:01:00+09:00"', [9]],
    ['meeting = "2024-05-15T12:01"', [9]],
    ['meeting >= "2024-05-15T03:00:30Z"', [8, 9, 18, 19]],
    ['meeting = ""', allExcept(1, 2, 8, 9, 17, 18, 19)],
    ['meeting != ""', [1, 2, 8, 9, 17, 18, 19]],
  ])('%s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test('days follow the time zone', async () => {
    expect(await matching('meeting = TODAY()', { timeZone: 'UTC' })).toEqual([1, 8, 9, 18, 19]);
    expect(await matching('作成日時 = THIS_MONTH()', { timeZone: 'UTC' })).toEqual([
      1, 2, 3, 9, 10,
    ]);
  });

  test.each([
    ['作成日時 = TODAY()', [1]],
    ['作成日時 = YESTERDAY()', [2]],
    ['作成日時 = THIS_WEEK()', [1, 2, 10]],
    ['作成日時 = THIS_MONTH()', [1, 2, 3, 4, 9, 10]],
    ['作成日時 = LAST_MONTH()', [5]],
    ['作成日時 = THIS_YEAR()', allExcept(7)],
    ['作成日時 = LAST_YEAR()', [7]],
    ['作成日時 < THIS_YEAR()', [7]],
    ['作成日時 > "2024-05-14T15:00:00Z"', [1]],
    ['作成日時 >= "2024-05-14T14:59:59Z"', [1, 2]],
    ['更新日時 = TODAY()', [1]],
    ['更新日時 = TOMORROW()', [5]],
    ['更新日時 > NOW()', [5]],
  ])('timestamps: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });
});

describeOnEachDatabase('TIME', ({ matching }) => {
  test.each([
    ['start = "09:00"', [1]],
    ['start > "09:00"', [2, 9, 15]],
    ['start >= "09:00"', [1, 2, 9, 15]],
    ['start < "09:00"', [6, 16]],
    ['start <= "09:00:59"', [1, 6, 16]],
    ['start > "23:58"', [2]],
    ['start != "09:00"', allExcept(1)],
    ['start = ""', allExcept(1, 2, 6, 9, 15, 16)],
  ])('%s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });
});

describeOnEachDatabase('date errors', ({ compile }) => {
  test.each([
    ['due = "2024-02-30"', 'The value "2024-02-30" is not valid for the field "due"'],
    ['due = "2024/05/15"', 'Use the form YYYY-MM-DD.'],
    ['meeting = "yesterday"', 'Use the form YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD.'],
    ['start = "24:00"', 'Use the form HH:MM.'],
    ['due > ""', 'cannot be compared with "" using ">"'],
    ['due = NOW()', 'The function "NOW()" cannot be used with the field "due"'],
    ['start = TODAY()', 'The function "TODAY()" cannot be used with the field "start"'],
    ['作成日時 = LOGINUSER()', 'The function "LOGINUSER()" cannot be used'],
    ['due = TODAY(1)', 'This function takes no arguments.'],
    ['due = THIS_MONTH(32)', 'a whole number from 1 to 31, or LAST'],
    ['due = THIS_MONTH(1, 2)', 'a whole number from 1 to 31, or LAST'],
    ['due = THIS_WEEK(FUNDAY)', 'one weekday from SUNDAY to SATURDAY'],
    ['due = FROM_TODAY(1, HOURS)', 'must be DAYS, WEEKS, MONTHS or YEARS'],
    ['due = FROM_TODAY(1.5, DAYS)', 'Give a whole number, then one of DAYS'],
    ['due = FROM_TODAY(DAYS)', 'Give a whole number, then one of DAYS'],
    ['due = FROM_TODAY(3000000, YEARS)', 'outside the years 1 to 9999'],
  ])('%s', (query, message) => {
    expectQueryError(() => compile(query), message);
  });
});
