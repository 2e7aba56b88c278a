import type { FieldProperty, FieldType } from './types.js';
import { optionLabels } from './values/choice.js';

const LABELLED = { noLabel: false, required: false };
const NUMBER_DISPLAY = { displayScale: '', unit: '', unitPosition: 'BEFORE' };

/**
 * The keys Kintone fills in when a field is created without them, with their values, as
 * `GET app/form/fields.json` then shows them.
 */
const FILLED_KEYS: Readonly<Record<FieldType, Readonly<Record<string, unknown>>>> = {
  SINGLE_LINE_TEXT: {
    ...LABELLED,
    unique: false,
    minLength: '',
    maxLength: '',
    expression: '',
    hideExpression: false,
    defaultValue: '',
  },
  MULTI_LINE_TEXT: { ...LABELLED, defaultValue: '' },
  RICH_TEXT: { ...LABELLED, defaultValue: '' },
  LINK: {
    ...LABELLED,
    unique: false,
    protocol: 'WEB',
    minLength: '',
    maxLength: '',
    defaultValue: '',
  },
  NUMBER: {
    ...LABELLED,
    ...NUMBER_DISPLAY,
    unique: false,
    minValue: '',
    maxValue: '',
    digit: false,
    defaultValue: '',
  },
  DATE: { ...LABELLED, unique: false, defaultValue: '', defaultNowValue: false },
  TIME: { ...LABELLED, defaultValue: '', defaultNowValue: false },
  DATETIME: { ...LABELLED, unique: false, defaultValue: '', defaultNowValue: false },
  DROP_DOWN: { ...LABELLED, defaultValue: '' },
  // RADIO_BUTTON's defaultValue is filled from its options, below.
  RADIO_BUTTON: { ...LABELLED, align: 'HORIZONTAL' },
  CHECK_BOX: { ...LABELLED, align: 'HORIZONTAL', defaultValue: [] },
  MULTI_SELECT: { ...LABELLED, defaultValue: [] },
  FILE: { ...LABELLED, thumbnailSize: '150' },
  USER_SELECT: { ...LABELLED, entities: [], defaultValue: [] },
  GROUP_SELECT: { ...LABELLED, entities: [], defaultValue: [] },
  ORGANIZATION_SELECT: { ...LABELLED, entities: [], defaultValue: [] },
  SUBTABLE: { noLabel: false },
  CALC: { ...LABELLED, ...NUMBER_DISPLAY, expression: '', format: 'NUMBER', hideExpression: false },
  RECORD_NUMBER: { noLabel: false },
  CREATOR: { noLabel: false },
  CREATED_TIME: { noLabel: false },
  MODIFIER: { noLabel: false },
  UPDATED_TIME: { noLabel: false },
  STATUS: { enabled: false },
  CATEGORY: { enabled: false },
  STATUS_ASSIGNEE: { enabled: false },
  __ID__: {},
  __REVISION__: {},
};

/** Adds, in place, every key Kintone would have filled in for a checked field. */
export function fillProperty(field: FieldProperty): void {
  for (const [key, value] of Object.entries(FILLED_KEYS[field.type])) {
    if (!Object.hasOwn(field, key)) field[key] = Array.isArray(value) ? [...value] : value;
  }

  // A radio button always has one option selected in Kintone: by default the first.
  if (field.type === 'RADIO_BUTTON' && !field.defaultValue) {
    field.defaultValue = optionLabels(field)[0] ?? '';
  }
}
