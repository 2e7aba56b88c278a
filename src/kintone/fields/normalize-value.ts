import type { UserKind } from './field-kinds.js';
import type { FieldKeys } from './field-keys.js';
import type { FieldProperty } from './types.js';
import { normalizeMultiChoice, normalizeSingleChoice } from './values/choice.js';
import { normalizeDate } from './values/date.js';
import { normalizeDateTime } from './values/datetime.js';
import { accepted, type Normalized } from './values/normalized.js';
import { normalizeNumber } from './values/number.js';
import { normalizeText } from './values/text.js';
import { normalizeTime } from './values/time.js';

/** Checks one sent value against its field and puts it in its stored format. */
export function normalizeValue(
  raw: string | string[],
  field: FieldProperty,
  kind: UserKind,
  keys: FieldKeys,
): Normalized {
  if (kind === 'multi-choice') return normalizeMultiChoice(asList(raw), field, keys);
  // The keys as sent; which files they name is settled against the store when the record is
  // written, since that needs the write's transaction.
  if (kind === 'file') return accepted(asList(raw));
  // Whether the users and groups exist is settled against the store by the caller.
  // Tables are read row by row by normalizeSubtable; nothing here is one.
  if (kind === 'subtable') return accepted([]);
  if (kind === 'principals') return accepted([...new Set(asList(raw))].filter((c) => c !== ''));

  const text = typeof raw === 'string' ? raw : '';
  switch (kind) {
    case 'text':
      return normalizeText(text, field, keys);
    case 'number':
      return normalizeNumber(text, field, keys);
    case 'date':
      return normalizeDate(text, keys);
    case 'time':
      return normalizeTime(text, keys);
    case 'datetime':
      return normalizeDateTime(text, keys);
    case 'single-choice':
      return normalizeSingleChoice(text, field, keys);
  }
}

function asList(raw: string | string[]): string[] {
  return Array.isArray(raw) ? raw : [];
}
