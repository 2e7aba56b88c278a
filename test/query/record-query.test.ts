import { expect, test } from 'vitest';

import { ALL_IDS, allExcept } from './support/fixture.js';
import { describeOnEachDatabase, expectQueryError, kintoneErrorOf } from './support/harness.js';

const ALICE = [1, 3, 7, 10, 13, 16, 19];
const CAROL = [4, 5, 9, 12, 15, 18];

describeOnEachDatabase('record id and revision', ({ matching }) => {
  test.each([
    ['$id = 5', [5]],
    ['$id = "5"', [5]],
    ['レコード番号 = "05"', [5]],
    ['$id = "+5"', [5]],
    ['$id != 5', allExcept(5)],
    ['$id > 17', [18, 19, 20]],
    ['$id >= 18', [18, 19, 20]],
    ['$id < 3', [1, 2]],
    ['レコード番号 <= 2', [1, 2]],
    ['$id in (1, "3", 99)', [1, 3]],
    ['$id not in (1, 2, 3)', allExcept(1, 2, 3)],
    ['$revision > 1', [2, 5]],
    ['$revision in (2, 3)', [2, 5]],
  ])('%s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test.each([
    // Kintone reads record numbers as plain integers: these match nothing, even with !=.
    ['$id = "5.0"', []],
    ['$id = "abc"', []],
    ['$id != "abc"', []],
    ['$id in ("abc", "5e0")', []],
    ['$id not in ("abc")', ALL_IDS],
    // A record always has a number: never "", always different from it.
    ['$id = ""', []],
    ['$id != ""', ALL_IDS],
    // Beyond the column's range, settled without a database error.
    ['$id > 99999999999', []],
    ['$id < 99999999999', ALL_IDS],
    ['$id != 99999999999', ALL_IDS],
    ['$id = 99999999999', []],
    ['$id >= -99999999999', ALL_IDS],
    ['$id in (99999999999, 2)', [2]],
  ])('odd literal %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });
});

describeOnEachDatabase('NUMBER and CALC', ({ matching }) => {
  test.each([
    ['amount = 2', [11, 12]],
    ['amount = "02"', [11, 12]],
    ['amount = "2e0"', [11, 12]],
    ['amount = ".5"', [6]],
    ['amount = "-0"', [5]],
    ['amount = "999999.99"', [8]],
    ['amount > 10', [7, 8, 13, 14, 18, 19, 20]],
    ['amount >= 10', [1, 7, 8, 13, 14, 18, 19, 20]],
    ['amount > -0.3 and amount < 0.6', [5, 6, 9]],
    ['total >= 10', [1]],
    ['total = ""', allExcept(1)],
  ])('%s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test.each([
    // An empty number is its own value, below every number: it differs from 0 ...
    ['amount != 2', allExcept(11, 12)],
    ['amount = ""', [3, 4]],
    ['amount != ""', allExcept(3, 4)],
    // ... and `<` finds it.
    ['amount < 0', [2, 3, 4, 9]],
    ['amount <= 0', [2, 3, 4, 5, 9]],
    ['amount < -1000000', [3, 4]],
    ['amount in (0, "2", "")', [3, 4, 5, 11, 12]],
    ['amount not in (0, "2")', allExcept(5, 11, 12)],
    ['amount not in ("")', allExcept(3, 4)],
  ])('empty values: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test.each([
    ['amount = "abc"', []],
    ['amount != "abc"', []],
    ['amount > " 5"', []],
    ['amount in ("abc", "1,000")', []],
    ['amount not in ("abc")', ALL_IDS],
  ])('a literal that is not a number matches nothing: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });
});

describeOnEachDatabase('text fields', ({ database, matching }) => {
  test.each([
    ['title = "apple"', [13]],
    ['title != "apple"', allExcept(13)],
    ['title = ""', [4]],
    ['title in ("Banana", "apple", "")', [3, 4, 13]],
    ['title not in ("Banana", "")', allExcept(3, 4)],
    ['title = "say \\"hi\\""', [8]],
    ['title = "back\\\\slash"', [9]],
    ['title = "tab\\there"', [16]],
    ['title = "trailing "', [15]],
    ['title = "日本語タイトル"', [11]],
    ['url = "https://example.com/a"', [1]],
    ['url = ""', allExcept(1, 2, 11)],
    ['url like "EXAMPLE"', [1, 2]],
    ['url not like "例え"', allExcept(11)],
  ])('%s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test.each([
    ['title like "APPLE"', [1, 2, 13, 14, 18]],
    ['title not like "apple"', allExcept(1, 2, 13, 14, 18)],
    ['title like "%"', [5, 17]],
    ['title like "_"', [6]],
    ['title like "!"', []],
    ['title like "\\\\"', [9]],
    ['title like "\\""', [8]],
    ['title like "😀"', [10]],
    ['title like "本語"', [11]],
    ['title like ""', ALL_IDS],
  ])('like is a case-insensitive "contains" with no wildcards: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test('letters outside ASCII fold case on PostgreSQL only', async () => {
    // SQLite's lower() knows ASCII alone; PostgreSQL also folds "Å" to "å".
    const folded = database().name === 'postgres' ? [20] : [];
    expect(await matching('title like "åsa"')).toEqual(folded);
    expect(await matching('title like "Åsa"')).toEqual([20]);
  });

  test.each([
    ['notes is empty', allExcept(1, 10, 11)],
    ['notes is not empty', [1, 10, 11]],
    ['notes like "SECOND"', [1]],
    ['notes like "line\\nsecond"', [1]],
    ['notes not like "line"', allExcept(1)],
    ['notes like "😀"', [10]],
    ['rich like "world"', [1]],
    ['rich like "<b>"', [1]],
    ['rich like "重要"', [11]],
    ['rich is empty', allExcept(1, 11, 18)],
  ])('multi-line and rich text: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });
});

describeOnEachDatabase('choices, lists, status and users', ({ matching }) => {
  test.each([
    ['priority in ("High", "Low")', [1, 2, 7, 11]],
    ['priority in ("")', allExcept(1, 2, 5, 7, 11)],
    ['priority not in ("High")', allExcept(1, 7)],
    ['size in ("S", "L")', [1, 13]],
    ['size not in ("S", "")', [2, 13]],
    ['ステータス = "Open"', [1, 3]],
    ['ステータス != "Done"', allExcept(2, 13)],
    ['ステータス in ("Done", "In progress")', [2, 5, 13]],
    ['ステータス not in ("Open")', allExcept(1, 3)],
  ])('single choices: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test.each([
    ['tags in ("red")', [1, 2, 12]],
    ['tags in ("green", "yellow")', [5, 12, 14]],
    ['tags in ("")', allExcept(1, 2, 5, 8, 12, 14)],
    ['tags in ("blue", "")', allExcept(2, 5, 14)],
    ['tags not in ("red")', allExcept(1, 2, 12)],
    ['tags not in ("")', [1, 2, 5, 8, 12, 14]],
    ['tags not in ("red", "")', [5, 8, 14]],
    ['langs in ("en")', [2, 12]],
    ['langs in ("JA")', []],
    ['langs not in ("ja", "fr")', allExcept(1, 2, 8, 12)],
  ])('lists: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test.each([
    ['作成者 in (LOGINUSER())', ALICE],
    ['作成者 in ("bob", LOGINUSER())', allExcept(...CAROL)],
    ['作成者 not in (LOGINUSER())', allExcept(...ALICE)],
    ['更新者 in ("carol")', [4, 6, 9, 12, 15, 18]],
    ['更新者 in (LOGINUSER())', [3, 5, 7, 10, 13, 16, 19]],
  ])('users: %s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });

  test('without a login user, LOGINUSER() matches nobody', async () => {
    expect(await matching('作成者 in (LOGINUSER())', { loginUser: null })).toEqual([]);
    expect(await matching('作成者 not in (LOGINUSER())', { loginUser: null })).toEqual(ALL_IDS);
    expect(await matching('作成者 in (LOGINUSER(), "carol")', { loginUser: null })).toEqual(CAROL);
  });
});

describeOnEachDatabase('and, or and parentheses', ({ matching }) => {
  test.each([
    ['amount > 10 and title like "apple"', [13, 14, 18]],
    ['title = "zeta" or amount < 0 and tags in ("red")', [2, 19]],
    ['(title = "zeta" or amount < 0) and tags in ("red")', [2]],
    ['(title = "zeta" or amount < 0) and tags in ("")', [3, 4, 9, 19]],
    ['$id < 3 or $id > 18 or $id = 10', [1, 2, 10, 19, 20]],
    ['((($id = 1)))', [1]],
  ])('%s', async (condition, expected) => {
    expect(await matching(condition)).toEqual(expected);
  });
});

describeOnEachDatabase('errors', ({ compile }) => {
  test('an unknown field is GAIA_IQ11, and codes are case-sensitive', () => {
    for (const query of ['nothing = "x"', 'Title = "x"', 'order by nothing asc']) {
      const error = kintoneErrorOf(() => compile(query));
      expect(error.code).toBe('GAIA_IQ11');
    }
    expect(kintoneErrorOf(() => compile('Title = "x"')).params).toEqual({ field: 'Title' });
  });

  test('codes that name Object.prototype members are unknown fields too', () => {
    expect(kintoneErrorOf(() => compile('constructor = "x"')).code).toBe('GAIA_IQ11');
    expect(kintoneErrorOf(() => compile('__proto__ = "x"')).code).toBe('GAIA_IQ11');
  });

  test.each([
    ['title > "a"', 'title', '>'],
    ['title is empty', 'title', 'is'],
    ['notes = "x"', 'notes', '='],
    ['rich in ("x")', 'rich', 'in'],
    ['priority = "High"', 'priority', '='],
    ['tags = "red"', 'tags', '='],
    ['tags like "red"', 'tags', 'like'],
    ['tags is not empty', 'tags', 'is not'],
    ['作成者 = "alice"', '作成者', '='],
    ['ステータス like "O"', 'ステータス', 'like'],
    ['$id like "1"', '$id', 'like'],
    ['amount not like "1"', 'amount', 'not like'],
    ['due in ("2024-05-15")', 'due', 'in'],
    ['作成日時 not in ("x")', '作成日時', 'not in'],
    ['attachments = "x"', 'attachments', '='],
    ['attachments in ("x")', 'attachments', 'in'],
    ['order by tags asc', 'tags', 'order by'],
    ['order by attachments asc', 'attachments', 'order by'],
  ])('%s is GAIA_IQ03', (query, field, operator) => {
    const error = kintoneErrorOf(() => compile(query));
    expect(error.code).toBe('GAIA_IQ03');
    expect(error.params).toEqual({ field, operator });
  });

  test('limit above 500 is GAIA_QU01; offset above 10,000 is GAIA_QU02', () => {
    expect(kintoneErrorOf(() => compile('limit 501')).code).toBe('GAIA_QU01');
    expect(kintoneErrorOf(() => compile('limit 99999999999999999999')).code).toBe('GAIA_QU01');
    expect(kintoneErrorOf(() => compile('offset 10001')).code).toBe('GAIA_QU02');
    expect(compile('limit 500 offset 10000')).toMatchObject({ limit: 500, offset: 10000 });
  });

  test.each([
    ['$id > ""', 'cannot be compared with "" using ">"'],
    ['amount <= ""', 'cannot be compared with "" using "<="'],
    ['title = LOGINUSER()', 'The function "LOGINUSER()" cannot be used with the field "title"'],
    ['amount in (TODAY())', 'The function "TODAY()" cannot be used with the field "amount"'],
    ['title = SOMEDAY()', 'there is no function "SOMEDAY()"'],
    ['tags in (NOW())', 'The function "NOW()" cannot be used with the field "tags"'],
  ])('%s is CB_VA01 with a message under query', (query, message) => {
    expectQueryError(() => compile(query), message);
  });
});

describeOnEachDatabase('size limits', ({ compile, matching }) => {
  const chain = (count: number, joiner: string) =>
    Array.from({ length: count }, (_, index) => `$id = ${index + 1}`).join(joiner);

  test('1,000 conditions run, though SQLite refuses expressions 1,000 deep', async () => {
    expect(await matching(chain(1000, ' or '))).toEqual(ALL_IDS);
    expect(await matching(`$id > 0 and (${chain(999, ' or ')})`)).toEqual(ALL_IDS);
    expect(await matching(chain(1000, ' and '))).toEqual([]);
  });

  test('more conditions, more sort keys or deeper parentheses are CB_VA01', () => {
    expectQueryError(() => compile(chain(1001, ' or ')), 'at most 1000 conditions');
    expectQueryError(() => compile(`order by ${Array(101).fill('$id').join(', ')}`), 'at most 100');
    expectQueryError(
      () => compile(`${'('.repeat(101)}$id = 1${')'.repeat(101)}`),
      'character 101: parentheses nest at most 100 deep',
    );
  });

  test('100 levels of parentheses are fine', async () => {
    expect(await matching(`${'('.repeat(100)}$id = 1${')'.repeat(100)}`)).toEqual([1]);
  });
});
