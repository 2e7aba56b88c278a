import { invalidInput, type KintoneError, type LocalText } from '../../errors/kintone-error.js';

/**
 * Errors about the query text itself. Kintone answers them with CB_VA01 and a message under
 * `errors.query`; ours also say where the problem is and what was expected there.
 */
export function invalidQuery(text: LocalText): KintoneError {
  return invalidInput([{ key: 'query', text }]);
}

/** Where a token starts, as a 1-based character count (an emoji counts as one). */
function characterPosition(query: string, index: number): number {
  return Array.from(query.slice(0, index)).length + 1;
}

/** What the parser found at a position: a token's source text, or the end of the query. */
type Found = { text: string } | 'end';

export function unexpectedToken(
  query: string,
  index: number,
  found: Found,
  expected: LocalText,
): KintoneError {
  const position = characterPosition(query, index);
  const shown = found === 'end' ? null : shorten(found.text);
  const foundJa = shown === null ? 'クエリの末尾' : `「${shown}」`;
  const foundEn = shown === null ? 'the end of the query' : `"${shown}"`;

  return invalidQuery({
    ja: `クエリ記法が間違っています。${position}文字目の${foundJa}の位置には${expected.ja}が必要です。`,
    en: `Query syntax error at character ${position}: expected ${expected.en}, found ${foundEn}.`,
  });
}

export function incompleteOperator(query: string, index: number): KintoneError {
  const position = characterPosition(query, index);
  return invalidQuery({
    ja: `クエリ記法が間違っています。${position}文字目の「!」の後には「=」が必要です。`,
    en: `Query syntax error at character ${position}: "!" must be followed by "=".`,
  });
}

export function rawLineBreakInString(query: string, index: number): KintoneError {
  const position = characterPosition(query, index);
  return invalidQuery({
    ja:
      `クエリ記法が間違っています。${position}文字目: 文字列の中のタブや改行は` +
      '「\\t」「\\n」「\\r」と書いてください。',
    en:
      `Query syntax error at character ${position}: write a tab or line break inside ` +
      'a string as \\t, \\n or \\r.',
  });
}

export function unclosedString(query: string, start: number): KintoneError {
  const position = characterPosition(query, start);
  return invalidQuery({
    ja: `クエリ記法が間違っています。${position}文字目から始まる文字列が「"」で閉じられていません。`,
    en: `Query syntax error: the string starting at character ${position} has no closing quote.`,
  });
}

export function nestedTooDeeply(query: string, index: number, limit: number): KintoneError {
  const position = characterPosition(query, index);
  return invalidQuery({
    ja: `クエリ記法が間違っています。${position}文字目: 括弧の入れ子は${limit}段までです。`,
    en: `Query syntax error at character ${position}: parentheses nest at most ${limit} deep.`,
  });
}

/** Long literals are cut so one bad token cannot flood the error body. */
function shorten(text: string): string {
  const characters = Array.from(text);
  return characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : text;
}

/** The pieces the parser says it expected, in both languages. */
export const EXPECTED = {
  field: { ja: 'フィールドコード', en: 'a field code' },
  operator: {
    ja: '演算子（=, !=, >, <, >=, <=, in, not in, like, not like, is）',
    en: 'an operator (=, !=, >, <, >=, <=, in, not in, like, not like, is)',
  },
  inOrLike: { ja: '「in」または「like」', en: '"in" or "like"' },
  empty: { ja: '「empty」', en: '"empty"' },
  value: { ja: '値（"文字列"、数値、関数）', en: 'a value ("text", a number or a function)' },
  listStart: { ja: '「(」', en: '"("' },
  listNext: { ja: '「,」または「)」', en: '"," or ")"' },
  argument: { ja: '関数の引数', en: 'a function argument' },
  firstArgument: { ja: '関数の引数または「)」', en: 'a function argument or ")"' },
  closing: { ja: '「)」', en: '")"' },
  by: { ja: '「by」', en: '"by"' },
  count: { ja: '0以上の整数', en: 'a whole number of 0 or more' },
  continuation: {
    ja: '「and」「or」「order by」「limit」「offset」またはクエリの末尾',
    en: '"and", "or", "order by", "limit", "offset" or the end of the query',
  },
  afterOrderKey: {
    ja: '「asc」「desc」「,」「limit」「offset」またはクエリの末尾',
    en: '"asc", "desc", ",", "limit", "offset" or the end of the query',
  },
  afterLimit: { ja: '「offset」またはクエリの末尾', en: '"offset" or the end of the query' },
  end: { ja: 'クエリの末尾', en: 'the end of the query' },
} as const satisfies Record<string, LocalText>;

/** kintone-local's own cap, so a huge query is refused instead of failing in the database. */
export function tooManyConditions(limit: number): KintoneError {
  return invalidQuery({
    ja: `クエリに指定できる条件は${limit}個までです。`,
    en: `A query may combine at most ${limit} conditions.`,
  });
}

export function tooManySortKeys(limit: number): KintoneError {
  return invalidQuery({
    ja: `order by に指定できるフィールドは${limit}個までです。`,
    en: `"order by" takes at most ${limit} fields.`,
  });
}

export function unknownFunction(name: string): KintoneError {
  return invalidQuery({
    ja: `クエリ記法が間違っています。関数「${shorten(name)}()」はありません。`,
    en: `Query syntax error: there is no function "${shorten(name)}()".`,
  });
}

export function functionNotAllowed(name: string, field: string): KintoneError {
  return invalidQuery({
    ja: `フィールド「${field}」には関数「${name}()」を使用できません。`,
    en: `The function "${name}()" cannot be used with the field "${field}".`,
  });
}

export function invalidFunctionArguments(name: string, expected: LocalText): KintoneError {
  return invalidQuery({
    ja: `関数「${name}()」の引数が正しくありません。${expected.ja}`,
    en: `The arguments of "${name}()" are not valid. ${expected.en}`,
  });
}

/** A literal that cannot be read as the field's kind of value, such as a malformed date. */
export function invalidFieldValue(field: string, value: string, expected: LocalText): KintoneError {
  return invalidQuery({
    ja: `フィールド「${field}」の値「${shorten(value)}」が正しくありません。${expected.ja}`,
    en: `The value "${shorten(value)}" is not valid for the field "${field}". ${expected.en}`,
  });
}

/** `>`, `<`, `>=` and `<=` against "" have no meaning; Kintone rejects them too. */
export function emptyNotComparable(field: string, operator: string): KintoneError {
  return invalidQuery({
    ja: `フィールド「${field}」を空文字と演算子「${operator}」で比較することはできません。`,
    en: `The field "${field}" cannot be compared with "" using "${operator}".`,
  });
}
