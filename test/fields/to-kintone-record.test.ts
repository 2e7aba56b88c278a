import { describe, expect, it } from 'vitest';

import { toKintoneRecord } from '../../src/kintone/fields/index.js';
import type { RecordRow } from '../../src/kintone/fields/types.js';
import { appProperties } from './fixtures.js';

const ROW: RecordRow = {
  appId: 7,
  id: 12,
  revision: 3,
  values: {
    title: 'Hello',
    memo: 'a\nb',
    body: '<p>x</p>',
    site: 'https://example.com',
    amount: '15',
    day: '2024-07-05',
    at: '09:30',
    when: '2024-01-01T18:04:00Z',
    size: 'M',
    color: 'red',
    tags: ['a', 'c'],
    pick: ['y'],
  },
  creatorCode: 'sato',
  creatorName: '佐藤',
  createdAt: '2024-01-02T03:04:05Z',
  modifierCode: 'tanaka',
  modifierName: '田中',
  updatedAt: '2024-01-03T04:05:06Z',
};

describe('toKintoneRecord', () => {
  it('returns every field with its type, system fields from the row, and $id/$revision', () => {
    expect(toKintoneRecord(ROW, appProperties())).toEqual({
      レコード番号: { type: 'RECORD_NUMBER', value: '12' },
      作成者: { type: 'CREATOR', value: { code: 'sato', name: '佐藤' } },
      作成日時: { type: 'CREATED_TIME', value: '2024-01-02T03:04:00Z' },
      更新者: { type: 'MODIFIER', value: { code: 'tanaka', name: '田中' } },
      更新日時: { type: 'UPDATED_TIME', value: '2024-01-03T04:05:00Z' },
      title: { type: 'SINGLE_LINE_TEXT', value: 'Hello' },
      memo: { type: 'MULTI_LINE_TEXT', value: 'a\nb' },
      body: { type: 'RICH_TEXT', value: '<p>x</p>' },
      site: { type: 'LINK', value: 'https://example.com' },
      amount: { type: 'NUMBER', value: '15' },
      day: { type: 'DATE', value: '2024-07-05' },
      at: { type: 'TIME', value: '09:30' },
      when: { type: 'DATETIME', value: '2024-01-01T18:04:00Z' },
      size: { type: 'DROP_DOWN', value: 'M' },
      color: { type: 'RADIO_BUTTON', value: 'red' },
      tags: { type: 'CHECK_BOX', value: ['a', 'c'] },
      pick: { type: 'MULTI_SELECT', value: ['y'] },
      total: { type: 'CALC', value: '' },
      $id: { type: '__ID__', value: '12' },
      $revision: { type: '__REVISION__', value: '3' },
    });
  });

  it('leaves out status, categories and assignees while they are disabled', () => {
    const record = toKintoneRecord(ROW, appProperties());

    expect(record).not.toHaveProperty('ステータス');
    expect(record).not.toHaveProperty('カテゴリー');
    expect(record).not.toHaveProperty('作業者');
  });

  it('returns status, categories and assignees once enabled', () => {
    const properties = appProperties();
    for (const code of ['ステータス', 'カテゴリー', '作業者']) properties[code]!.enabled = true;
    const row = { ...ROW, values: { ...ROW.values, ステータス: '未処理', カテゴリー: ['営業'] } };

    expect(toKintoneRecord(row, properties, ['ステータス', 'カテゴリー', '作業者'])).toEqual({
      ステータス: { type: 'STATUS', value: '未処理' },
      カテゴリー: { type: 'CATEGORY', value: ['営業'] },
      作業者: { type: 'STATUS_ASSIGNEE', value: [] },
    });
  });

  it('shows fields the row holds no value for as empty', () => {
    const record = toKintoneRecord({ ...ROW, values: {} }, appProperties());

    expect(record.title).toEqual({ type: 'SINGLE_LINE_TEXT', value: '' });
    expect(record.amount).toEqual({ type: 'NUMBER', value: '' });
    expect(record.tags).toEqual({ type: 'CHECK_BOX', value: [] });
    expect(record.pick).toEqual({ type: 'MULTI_SELECT', value: [] });
  });

  it('returns only the listed fields, without $id and $revision unless listed', () => {
    expect(toKintoneRecord(ROW, appProperties(), ['title', 'tags', 'nope'])).toEqual({
      title: { type: 'SINGLE_LINE_TEXT', value: 'Hello' },
      tags: { type: 'CHECK_BOX', value: ['a', 'c'] },
    });
  });

  it('returns $id and $revision when listed', () => {
    expect(toKintoneRecord(ROW, appProperties(), ['$id'])).toEqual({
      $id: { type: '__ID__', value: '12' },
    });
    expect(toKintoneRecord(ROW, appProperties(), ['$revision', 'レコード番号'])).toEqual({
      レコード番号: { type: 'RECORD_NUMBER', value: '12' },
      $revision: { type: '__REVISION__', value: '3' },
    });
  });

  it('leaves out fields of types this server does not model', () => {
    const properties = appProperties();
    properties.rows = { type: 'REFERENCE_TABLE' as 'CALC', code: 'rows', label: 'Rows' };

    expect(toKintoneRecord(ROW, properties)).not.toHaveProperty('rows');
  });

  it('returns nothing for an empty field list', () => {
    expect(toKintoneRecord(ROW, appProperties(), [])).toEqual({});
  });

  it('does not share arrays with the stored row', () => {
    const record = toKintoneRecord(ROW, appProperties());

    (record.tags!.value as string[]).push('b');

    expect(ROW.values.tags).toEqual(['a', 'c']);
  });
});
