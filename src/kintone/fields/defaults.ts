import { emptyValue, isUserKind, kindOf, type UserKind } from './field-kinds.js';
import type { FieldProperty, StoredValues } from './types.js';
import { optionLabels } from './values/choice.js';
import { parseDate } from './values/date.js';
import { formatUtcMinute, parseDateTime } from './values/datetime.js';
import { formatDecimal, parseDecimal } from './values/decimal.js';
import { parseTime } from './values/time.js';
import { wallClock } from './values/wall-clock.js';
import type { WriteContext } from './write-context.js';

type Clock = Pick<WriteContext, 'now' | 'timeZone'>;

/**
 * The values a new record starts from: what was sent, and for every user field not sent at all
 * its default. A field sent empty stays empty, as in Kintone.
 */
export function withDefaults(sent: StoredValues, context: WriteContext): StoredValues {
  const values: StoredValues = {};
  for (const [code, field] of Object.entries(context.properties)) {
    const kind = kindOf(field.type);
    if (!isUserKind(kind)) continue;

    const own = Object.hasOwn(sent, code) ? sent[code] : undefined;
    values[code] = own ?? defaultValueOf(field, kind, context);
  }
  return values;
}

/** One field's initial value: `defaultNowValue` wins over `defaultValue`, as in Kintone. */
export function defaultValueOf(
  field: FieldProperty,
  kind: UserKind,
  clock: Clock,
): string | string[] {
  const configured = field.defaultValue;
  const text = typeof configured === 'string' ? configured : '';
  const now = field.defaultNowValue === true;

  switch (kind) {
    case 'text':
      return text;
    case 'number':
      return formatOrEmpty(text);
    case 'date':
      return now ? wallClock(clock.now, clock.timeZone).date : (parseDate(text) ?? '');
    case 'time':
      return now ? wallClock(clock.now, clock.timeZone).time : (parseTime(text) ?? '');
    case 'datetime':
      // Kintone's "now" for a datetime is to the minute, like every datetime it stores.
      return (now ? formatUtcMinute(clock.now) : parseDateTime(text)) ?? '';
    case 'single-choice':
      return singleChoiceDefault(field, text);
    case 'multi-choice':
      return Array.isArray(configured) ? [...configured] : emptyValue(kind);
    case 'file':
      return emptyValue(kind);
    case 'principals':
      return principalDefaults(configured);
    case 'subtable':
      return [];
  }
}

// A radio button always has one option selected in Kintone: without a default, the first.
function singleChoiceDefault(field: FieldProperty, configured: string): string {
  if (configured !== '' || field.type !== 'RADIO_BUTTON') return configured;
  return optionLabels(field)[0] ?? '';
}

/**
 * The users, groups or organizations a selection starts with. Entries of type FUNCTION
 * (LOGINUSER()) need the caller, which defaults do not know, so they are left out.
 */
function principalDefaults(configured: FieldProperty['defaultValue']): string[] {
  if (!Array.isArray(configured)) return [];
  return (configured as unknown[]).flatMap((entry) => {
    const { code, type } = (entry ?? {}) as { code?: unknown; type?: unknown };
    return typeof code === 'string' && type !== 'FUNCTION' ? [code] : [];
  });
}

function formatOrEmpty(text: string): string {
  const decimal = text === '' ? undefined : parseDecimal(text);
  return decimal ? formatDecimal(decimal) : '';
}
