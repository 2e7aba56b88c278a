import { KintoneError } from '../../src/errors/kintone-error.js';
import { defaultSystemFields } from '../../src/kintone/fields/index.js';
import type { WriteContext } from '../../src/kintone/fields/index.js';
import type { FieldOption, FieldProperties } from '../../src/kintone/fields/types.js';

export function options(...labels: string[]): Record<string, FieldOption> {
  return Object.fromEntries(labels.map((label, index) => [label, { label, index: String(index) }]));
}

/** One app with every supported field type, system fields in Japanese. */
export function appProperties(): FieldProperties {
  return {
    ...defaultSystemFields('ja'),
    title: {
      type: 'SINGLE_LINE_TEXT',
      code: 'title',
      label: 'Title',
      required: true,
      minLength: '2',
      maxLength: '5',
    },
    memo: { type: 'MULTI_LINE_TEXT', code: 'memo', label: 'Memo' },
    body: { type: 'RICH_TEXT', code: 'body', label: 'Body' },
    site: { type: 'LINK', code: 'site', label: 'Site', protocol: 'WEB' },
    amount: { type: 'NUMBER', code: 'amount', label: 'Amount', minValue: '-10', maxValue: '100' },
    day: { type: 'DATE', code: 'day', label: 'Day' },
    at: { type: 'TIME', code: 'at', label: 'At' },
    when: { type: 'DATETIME', code: 'when', label: 'When' },
    size: { type: 'DROP_DOWN', code: 'size', label: 'Size', options: options('S', 'M', 'L') },
    color: {
      type: 'RADIO_BUTTON',
      code: 'color',
      label: 'Color',
      options: options('red', 'green'),
      defaultValue: 'green',
    },
    tags: {
      type: 'CHECK_BOX',
      code: 'tags',
      label: 'Tags',
      required: true,
      options: options('a', 'b', 'c'),
    },
    pick: { type: 'MULTI_SELECT', code: 'pick', label: 'Pick', options: options('x', 'y') },
    total: { type: 'CALC', code: 'total', label: 'Total', expression: 'amount * 2' },
  };
}

export const NOW = new Date('2024-03-31T15:04:59.250Z');

export function writeContext(overrides: Partial<WriteContext> = {}): WriteContext {
  return {
    properties: appProperties(),
    keyPrefix: 'record',
    mode: 'add',
    now: NOW,
    timeZone: 'Asia/Tokyo',
    ...overrides,
  };
}

/** Values that satisfy every required field of `appProperties`. */
export const REQUIRED_FILLED = { title: { value: 'Hello' }, tags: { value: ['a'] } };

/** The error a call throws; fails the test when it throws none or another kind. */
export function caught(run: () => unknown): KintoneError {
  try {
    run();
  } catch (error) {
    if (error instanceof KintoneError) return error;
    throw error;
  }
  throw new Error('expected a KintoneError, got none');
}
