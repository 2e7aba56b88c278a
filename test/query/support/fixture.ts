import type { QueryContext } from '../../../src/kintone/query/index.js';
import type { FieldProperties, FieldType } from '../../../src/kintone/fields/types.js';
import type { RecordSqlDialect } from '../../../src/store/dialects/record-sql.js';
import type { StoredRecord } from './databases.js';

function field(code: string, type: FieldType) {
  return { code, type, label: code };
}

/** One app with a field of every type the query language reads, system fields included. */
export const FIELDS: FieldProperties = {
  レコード番号: field('レコード番号', 'RECORD_NUMBER'),
  作成者: field('作成者', 'CREATOR'),
  更新者: field('更新者', 'MODIFIER'),
  作成日時: field('作成日時', 'CREATED_TIME'),
  更新日時: field('更新日時', 'UPDATED_TIME'),
  title: field('title', 'SINGLE_LINE_TEXT'),
  notes: field('notes', 'MULTI_LINE_TEXT'),
  rich: field('rich', 'RICH_TEXT'),
  amount: field('amount', 'NUMBER'),
  total: field('total', 'CALC'),
  due: field('due', 'DATE'),
  start: field('start', 'TIME'),
  meeting: field('meeting', 'DATETIME'),
  priority: field('priority', 'DROP_DOWN'),
  size: field('size', 'RADIO_BUTTON'),
  tags: field('tags', 'CHECK_BOX'),
  langs: field('langs', 'MULTI_SELECT'),
  url: field('url', 'LINK'),
  ステータス: field('ステータス', 'STATUS'),
  attachments: field('attachments', 'FILE'),
};

/** Wednesday 2024-05-15, 12:00 in Tokyo: this week runs Sunday 05-12 to Saturday 05-18. */
export const NOW = new Date('2024-05-15T03:00:00Z');
export const TIME_ZONE = 'Asia/Tokyo';

export function contextFor(dialect: RecordSqlDialect, overrides: Partial<QueryContext> = {}) {
  const base: QueryContext = {
    fields: FIELDS,
    dialect,
    loginUser: { code: 'alice', name: 'Alice' },
    now: NOW,
    timeZone: TIME_ZONE,
  };
  return { ...base, ...overrides };
}

/**
 * Twenty records chosen to sit on the edges the queries test: Tokyo midnight against UTC,
 * week and month ends, empty against missing values, case, and characters LIKE treats as
 * wildcards. Comments give Tokyo wall-clock times where they matter.
 */
export const RECORDS: StoredRecord[] = [
  {
    id: 1,
    creator: 'alice',
    modifier: 'bob',
    createdAt: '2024-05-14T15:30:00Z', // 05-15 00:30, today
    updatedAt: '2024-05-15T02:59:00Z',
    values: {
      title: 'Apple pie',
      notes: 'first line\nsecond line',
      rich: '<p>Hello <b>World</b></p>',
      amount: '10',
      total: '10',
      due: '2024-05-15',
      start: '09:00',
      meeting: '2024-05-15T01:00:00Z', // 05-15 10:00
      priority: 'High',
      size: 'S',
      tags: ['red', 'blue'],
      langs: ['ja'],
      url: 'https://example.com/a',
      ステータス: 'Open',
    },
  },
  {
    id: 2,
    revision: 3,
    creator: 'bob',
    createdAt: '2024-05-14T14:59:59Z', // 05-14 23:59:59, yesterday
    values: {
      title: 'apple tart',
      notes: '  \t\n ',
      amount: '-5',
      due: '2024-05-14',
      start: '23:59',
      meeting: '2024-05-14T14:59:00Z', // 05-14 23:59
      priority: 'Low',
      size: 'M',
      tags: ['red'],
      langs: ['en', 'ja'],
      url: 'https://example.com/b',
      ステータス: 'Done',
    },
  },
  {
    id: 3,
    creator: 'alice',
    createdAt: '2024-05-01T00:00:00Z',
    values: {
      title: 'Banana',
      notes: '',
      rich: '',
      amount: '',
      total: '',
      due: '',
      start: '',
      meeting: '',
      priority: '',
      size: '',
      tags: [],
      langs: [],
      url: '',
      ステータス: 'Open',
    },
  },
  { id: 4, creator: 'carol', createdAt: '2024-04-30T15:00:00Z', values: {} }, // 05-01 00:00
  {
    id: 5,
    revision: 2,
    creator: 'carol',
    modifier: 'alice',
    createdAt: '2024-04-30T14:59:59Z', // 04-30 23:59:59, last month
    updatedAt: '2024-05-16T00:00:00Z', // 05-16 09:00, tomorrow
    values: {
      title: '100% sure',
      amount: '0',
      due: '2024-05-31',
      tags: ['green'],
      priority: 'Medium',
      ステータス: 'In progress',
    },
  },
  {
    id: 6,
    creator: 'bob',
    modifier: 'carol',
    createdAt: '2024-01-01T00:00:00Z',
    values: { title: 'under_score', amount: '0.5', due: '2024-06-01', start: '00:00' },
  },
  {
    id: 7,
    createdAt: '2023-12-31T14:59:59Z', // 2023-12-31 23:59:59, last year
    values: { title: 'Ｆｕｌｌ width', amount: '1000', due: '2024-05-12', priority: 'High' },
  },
  {
    id: 8,
    creator: 'bob',
    createdAt: '2023-12-31T15:00:00Z', // 2024-01-01 00:00, this year
    values: {
      title: 'say "hi"',
      amount: '999999.99',
      due: '2024-05-18',
      meeting: '2024-05-15T03:00:30Z', // within NOW()'s minute
      tags: ['blue'],
      langs: ['fr'],
    },
  },
  {
    id: 9,
    creator: 'carol',
    createdAt: '2024-05-10T00:00:00Z',
    values: {
      title: 'back\\slash',
      amount: '-0.25',
      due: '2024-05-11',
      start: '12:30',
      meeting: '2024-05-15T03:01:00Z',
    },
  },
  {
    id: 10,
    createdAt: '2024-05-12T00:00:00Z',
    values: { title: 'emoji 😀 party', notes: 'Remember the 😀', amount: '3', due: '2024-05-19' },
  },
  {
    id: 11,
    creator: 'bob',
    values: {
      title: '日本語タイトル',
      notes: '重要なお知らせ',
      rich: '<div>重要</div>',
      amount: '2',
      due: '2024-04-30',
      priority: 'Low',
      url: 'https://例え.jp',
    },
  },
  {
    id: 12,
    creator: 'carol',
    values: {
      title: 'UPPER lower',
      amount: '2.0',
      due: '2024-06-30',
      tags: ['red', 'green', 'blue'],
      langs: ['ja', 'en', 'fr'],
    },
  },
  {
    id: 13,
    values: { title: 'apple', amount: '20', due: '2023-12-31', size: 'L', ステータス: 'Done' },
  },
  {
    id: 14,
    creator: 'bob',
    values: { title: 'Pineapple', amount: '15', due: '2025-01-01', tags: ['yellow'] },
  },
  {
    id: 15,
    creator: 'carol',
    values: { title: 'trailing ', amount: '7', due: '2024-05-20', start: '09:01' },
  },
  { id: 16, values: { title: 'tab\there', amount: '8', due: '2024-06-15', start: '08:59' } },
  {
    id: 17,
    creator: 'bob',
    values: {
      title: 'percent %',
      amount: '9',
      due: '2024-05-16',
      meeting: '2024-05-14T15:00:00Z', // 05-15 00:00
    },
  },
  {
    id: 18,
    creator: 'carol',
    values: {
      title: 'Apple',
      amount: '11',
      due: '2024-05-13',
      meeting: '2024-05-15T14:59:59Z', // 05-15 23:59:59
      rich: '<i>apple</i>',
    },
  },
  {
    id: 19,
    values: { title: 'zeta', amount: '12', due: '2024-05-01', meeting: '2024-05-15T15:00:00Z' },
  },
  {
    id: 20,
    creator: 'bob',
    values: { title: 'Åsa', amount: '100', due: '2024-02-29', langs: ['de'] },
  },
];

export const ALL_IDS = RECORDS.map((record) => record.id);

/** Every id except the given ones, ascending. */
export function allExcept(...ids: number[]): number[] {
  return ALL_IDS.filter((id) => !ids.includes(id));
}
