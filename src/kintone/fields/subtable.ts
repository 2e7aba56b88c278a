import { KintoneError } from '../../errors/kintone-error.js';
import { withDefaults } from './defaults.js';
import { isPlainObject, malformedRecord } from './read-entry.js';
import type { FieldProperties, FieldProperty, SubtableRow } from './types.js';
import { validateRecordWrite } from './validate-record.js';
import type { Problem, WriteContext } from './write-context.js';

/** A table's own fields, as its definition lists them under `fields`. */
export function innerFields(table: FieldProperty): FieldProperties {
  return isPlainObject(table.fields) ? (table.fields as FieldProperties) : {};
}

/**
 * A SUBTABLE value: the rows sent replace the table's rows. A row keeps its id when that id
 * names one of the record's current rows (and its values not sent stay as they were);
 * any other row, with no id, an id the record does not have or an id an earlier row of the
 * same write already kept, is a new row under a new id (two rows never share an id),
 * with defaults for what it leaves out. Each row's fields are checked like a record's, keyed
 * `record.<table>.value[<i>].value.<code>.value`.
 */
export function normalizeSubtable(
  entry: unknown,
  table: FieldProperty,
  context: WriteContext,
): { value: SubtableRow[]; problems: Problem[] } {
  if (!isPlainObject(entry)) throw malformedRecord();
  const sent = entry.value ?? [];
  if (!Array.isArray(sent)) throw malformedRecord();

  const current = currentRows(context.existing?.[table.code]);
  let nextId = Math.max(0, ...current.map((row) => Number(row.id))) + 1;
  const value: SubtableRow[] = [];
  const problems: Problem[] = [];
  const keptIds = new Set<string>();

  for (const [index, row] of sent.entries()) {
    if (!isPlainObject(row)) throw malformedRecord();
    const sentId = row.id === undefined || row.id === null ? '' : String(row.id);
    const kept = keptIds.has(sentId)
      ? undefined
      : current.find((existing) => existing.id === sentId && sentId !== '');
    if (kept) keptIds.add(kept.id);
    const rowContext: WriteContext = {
      properties: innerFields(table),
      keyPrefix: `${context.keyPrefix}.${table.code}.value[${index}].value`,
      mode: kept ? 'update' : 'add',
      now: context.now,
      timeZone: context.timeZone,
      ...(kept ? { existing: kept.value } : {}),
    };

    try {
      const written = validateRecordWrite(row.value ?? {}, rowContext).values as RowValues;
      const values = kept
        ? { ...kept.value, ...written }
        : (withDefaults(written, rowContext) as RowValues);
      const id = kept ? kept.id : String(nextId++);
      value.push({ id, value: values });
    } catch (error) {
      if (!(error instanceof KintoneError) || error.code !== 'CB_VA01') throw error;
      problems.push(...error.fieldErrors);
    }
  }
  return { value, problems };
}

type RowValues = SubtableRow['value'];

function currentRows(stored: unknown): SubtableRow[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(
    (row): row is SubtableRow => isPlainObject(row) && typeof row.id === 'string',
  );
}
