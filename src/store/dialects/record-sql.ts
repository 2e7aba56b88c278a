import { sql, type RawBuilder, type SqlBool } from 'kysely';

/**
 * The SQL pieces that read a record's stored values, one implementation per database.
 *
 * Records keep user-entered values in `field_values`, a JSON object from field code to a string
 * or an array of strings (SQLite: TEXT holding JSON; PostgreSQL: JSONB). Everything the query
 * compiler needs to know about that storage lives here, so the compiler never asks which
 * database it runs on.
 *
 * Every user-supplied value, field codes included, reaches the database as a bound parameter.
 * The only SQL text written here is fixed.
 */
export interface RecordSqlDialect {
  /** The field's stored text, or NULL when the key is missing or the value is "". */
  fieldText(code: string): RawBuilder<string | null>;

  /** The field's value as a number, or NULL when missing, "" or not a decimal. Never fails. */
  fieldNumber(code: string): RawBuilder<number | null>;

  /** A decimal literal, already validated by the caller, as a number the database compares. */
  decimal(value: string): RawBuilder<number>;

  /** Text compared and sorted by code point, the same on both databases. */
  codePointOrder(text: RawBuilder<string | null>): RawBuilder<string | null>;

  /** True when `text` equals one of `values`. */
  isAnyText(text: RawBuilder<string | null>, values: readonly string[]): RawBuilder<SqlBool>;

  /** True when `number` equals one of the validated decimal literals. */
  isAnyDecimal(number: RawBuilder<number | null>, values: readonly string[]): RawBuilder<SqlBool>;

  /** True when an integer column equals one of `values`. */
  isAnyInteger(column: RawBuilder<number>, values: readonly number[]): RawBuilder<SqlBool>;

  /** True when an array field (CHECK_BOX, MULTI_SELECT) holds at least one of `values`. */
  arrayHasAny(code: string, values: readonly string[]): RawBuilder<SqlBool>;

  /** True when an array field is missing or holds no element. */
  arrayIsEmpty(code: string): RawBuilder<SqlBool>;

  /** True when `text` is NULL or only spaces, tabs, line breaks or ideographic spaces. */
  isBlank(text: RawBuilder<string | null>): RawBuilder<SqlBool>;

  /**
   * Case-insensitive "contains". `needle` is plain text: a position search, not a LIKE
   * pattern, so `%` and `_` need no escaping and no pattern length limit applies.
   */
  containsText(text: RawBuilder<string | null>, needle: string): RawBuilder<SqlBool>;

  /** True when a file attached to the record's FILE field has a name containing `needle`. */
  fileNameContains(code: string, needle: string): RawBuilder<SqlBool>;

  /**
   * True when some row of a table holds one of `values` in its field `inner`: as its value,
   * or, for a list field, among its values.
   */
  tableHasAny(
    table: string,
    inner: string,
    list: boolean,
    values: readonly string[],
  ): RawBuilder<SqlBool>;

  /** True when some row of a table holds, in its text field `inner`, text containing `needle`. */
  tableContainsText(table: string, inner: string, needle: string): RawBuilder<SqlBool>;
}

/** The attached files of the record being tested in one of its FILE fields. */
function attachedFiles(code: string): RawBuilder<unknown> {
  return sql`files where files.app_id = records.app_id and files.record_id = records.id
    and files.field_code = ${code} and files.attached = 1`;
}

/**
 * SQLite JSON path for one top-level key. SQLite reads a quoted path label with JSON string
 * escapes, so JSON.stringify quotes any code, including codes with `"`, `\`, `.` or `[`.
 */
function sqliteKeyPath(code: string): string {
  return `$.${JSON.stringify(code)}`;
}

/** Characters `is empty` treats as blank: space, tab, LF, CR and the ideographic space. */
const SQLITE_BLANKS = sql`char(32, 9, 10, 13, 12288)`;
const POSTGRES_BLANKS = sql`chr(32) || chr(9) || chr(10) || chr(13) || chr(12288)`;

export const sqliteRecordSql: RecordSqlDialect = {
  fieldText(code) {
    return sql`nullif(json_extract(field_values, ${sqliteKeyPath(code)}), '')`;
  },

  // SQLite has no regular expressions: the GLOBs check the characters only, which is enough to
  // keep text such as "abc" from casting to 0.
  fieldNumber(code) {
    const text = sql`trim(json_extract(field_values, ${sqliteKeyPath(code)}))`;
    const numeric = sql`${text} glob '*[0-9]*' and ${text} not glob '*[^0-9.eE+-]*'`;
    return sql`(case when ${numeric} then cast(${text} as real) end)`;
  },

  decimal(value) {
    return sql`cast(${value} as real)`;
  },

  // SQLite's default BINARY collation already orders UTF-8 text by code point.
  codePointOrder(text) {
    return text;
  },

  // One JSON parameter holds the whole list, so a long list never hits the variable limit.
  isAnyText(text, values) {
    return sql`(${text} in (select value from json_each(${JSON.stringify(values)})))`;
  },

  isAnyDecimal(number, values) {
    const list = JSON.stringify(values);
    return sql`(${number} in (select cast(value as real) from json_each(${list})))`;
  },

  isAnyInteger(column, values) {
    return sql`(${column} in (select value from json_each(${JSON.stringify(values)})))`;
  },

  arrayHasAny(code, values) {
    const list = JSON.stringify(values);
    return sql`exists (
      select 1 from json_each(field_values, ${sqliteKeyPath(code)}) as element
      where element.value in (select value from json_each(${list}))
    )`;
  },

  arrayIsEmpty(code) {
    return sql`(coalesce(json_array_length(field_values, ${sqliteKeyPath(code)}), 0) = 0)`;
  },

  isBlank(text) {
    return sql`(trim(coalesce(${text}, ''), ${SQLITE_BLANKS}) = '')`;
  },

  // SQLite's lower() folds ASCII letters only; PostgreSQL's below also folds other scripts.
  containsText(text, needle) {
    return sql`(instr(lower(coalesce(${text}, '')), lower(${needle})) > 0)`;
  },

  fileNameContains(code, needle) {
    const match = sqliteRecordSql.containsText(sql.ref('files.name'), needle);
    return sql`exists (select 1 from ${attachedFiles(code)} and ${match})`;
  },

  tableHasAny(table, inner, list, values) {
    const rows = sql`json_each(field_values, ${sqliteKeyPath(table)}) as row`;
    const path = `$.value.${JSON.stringify(inner)}`;
    const wanted = sql`(select value from json_each(${JSON.stringify(values)}))`;
    const items = sql`json_each(row.value, ${path}) as item`;
    const match = list
      ? sql`exists (select 1 from ${items} where item.value in ${wanted})`
      : sql`json_extract(row.value, ${path}) in ${wanted}`;
    return sql`exists (select 1 from ${rows} where ${match})`;
  },

  tableContainsText(table, inner, needle) {
    const rows = sql`json_each(field_values, ${sqliteKeyPath(table)}) as row`;
    const cell = sql<string>`json_extract(row.value, ${`$.value.${JSON.stringify(inner)}`})`;
    const match = sqliteRecordSql.containsText(cell, needle);
    return sql`exists (select 1 from ${rows} where ${match})`;
  },
};

/**
 * A decimal as PostgreSQL's numeric input accepts it. Checking first keeps a malformed stored
 * value from failing the whole query with a cast error; the exponent is capped for the same
 * reason.
 */
const POSTGRES_DECIMAL = '^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?\\s*$';

/** A table field's rows, each as `row_value`; a stored value that is not a list has none. */
function postgresTableRows(table: string): RawBuilder<unknown> {
  const stored = sql`(field_values -> cast(${table} as text))`;
  const list = sql`case when jsonb_typeof(${stored}) = 'array' then ${stored} else '[]'::jsonb end`;
  return sql`jsonb_array_elements((${list})) as rows(row_value)`;
}

function postgresField(code: string): RawBuilder<string | null> {
  return sql`(field_values ->> cast(${code} as text))`;
}

export const postgresRecordSql: RecordSqlDialect = {
  fieldText(code) {
    return sql`nullif(${postgresField(code)}, '')`;
  },

  fieldNumber(code) {
    const text = postgresField(code);
    return sql`(case when ${text} ~ ${POSTGRES_DECIMAL} then cast(${text} as numeric) end)`;
  },

  decimal(value) {
    return sql`cast(${value} as numeric)`;
  },

  // The database's default collation may be linguistic; "C" compares code points like SQLite.
  codePointOrder(text) {
    return sql`(${text} collate "C")`;
  },

  isAnyText(text, values) {
    return sql`(${text} = any(cast(${values} as text[])))`;
  },

  isAnyDecimal(number, values) {
    return sql`(${number} = any(cast(${values} as numeric[])))`;
  },

  isAnyInteger(column, values) {
    return sql`(${column} = any(cast(${values} as bigint[])))`;
  },

  // `?|` matches array elements (and a lone string value), which is what CHECK_BOX holds.
  arrayHasAny(code, values) {
    const array = sql`(field_values -> cast(${code} as text))`;
    return sql`coalesce(${array} ?| cast(${values} as text[]), false)`;
  },

  arrayIsEmpty(code) {
    const array = sql`(field_values -> cast(${code} as text))`;
    return sql`(coalesce(${array}, '[]'::jsonb) in ('[]'::jsonb, 'null'::jsonb, '""'::jsonb))`;
  },

  isBlank(text) {
    return sql`(btrim(coalesce(${text}, ''), ${POSTGRES_BLANKS}) = '')`;
  },

  containsText(text, needle) {
    return sql`(strpos(lower(coalesce(${text}, '')), lower(${needle})) > 0)`;
  },

  fileNameContains(code, needle) {
    const match = postgresRecordSql.containsText(sql.ref('files.name'), needle);
    return sql`exists (select 1 from ${attachedFiles(code)} and ${match})`;
  },

  tableHasAny(table, inner, list, values) {
    const cell = sql`(row_value -> 'value' -> cast(${inner} as text))`;
    const match = list
      ? sql`coalesce(${cell} ?| cast(${values} as text[]), false)`
      : sql`((${cell} #>> '{}') = any(cast(${values} as text[])))`;
    return sql`exists (select 1 from ${postgresTableRows(table)} where ${match})`;
  },

  tableContainsText(table, inner, needle) {
    const cell = sql<string>`(row_value -> 'value' ->> cast(${inner} as text))`;
    const match = postgresRecordSql.containsText(cell, needle);
    return sql`exists (select 1 from ${postgresTableRows(table)} where ${match})`;
  },
};
