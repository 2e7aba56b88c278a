import { describe, expect, it } from 'vitest';

import { checkFieldProperties, defaultSystemFields } from '../../src/kintone/fields/index.js';

describe('defaultSystemFields', () => {
  it('lists the fields of a new app in Japanese', () => {
    const fields = defaultSystemFields('ja');

    expect(Object.keys(fields)).toEqual([
      'レコード番号',
      '作成者',
      '作成日時',
      '更新者',
      '更新日時',
      'ステータス',
      'カテゴリー',
      '作業者',
    ]);
    expect(fields).toEqual({
      レコード番号: {
        type: 'RECORD_NUMBER',
        code: 'レコード番号',
        label: 'レコード番号',
        noLabel: false,
      },
      作成者: { type: 'CREATOR', code: '作成者', label: '作成者', noLabel: false },
      作成日時: { type: 'CREATED_TIME', code: '作成日時', label: '作成日時', noLabel: false },
      更新者: { type: 'MODIFIER', code: '更新者', label: '更新者', noLabel: false },
      更新日時: { type: 'UPDATED_TIME', code: '更新日時', label: '更新日時', noLabel: false },
      ステータス: { type: 'STATUS', code: 'ステータス', label: 'ステータス', enabled: false },
      カテゴリー: { type: 'CATEGORY', code: 'カテゴリー', label: 'カテゴリー', enabled: false },
      作業者: { type: 'STATUS_ASSIGNEE', code: '作業者', label: '作業者', enabled: false },
    });
  });

  it('lists the fields of a new app in English', () => {
    expect(defaultSystemFields('en')).toEqual({
      Record_number: {
        type: 'RECORD_NUMBER',
        code: 'Record_number',
        label: 'Record number',
        noLabel: false,
      },
      Created_by: { type: 'CREATOR', code: 'Created_by', label: 'Created by', noLabel: false },
      Created_datetime: {
        type: 'CREATED_TIME',
        code: 'Created_datetime',
        label: 'Created datetime',
        noLabel: false,
      },
      Updated_by: { type: 'MODIFIER', code: 'Updated_by', label: 'Updated by', noLabel: false },
      Updated_datetime: {
        type: 'UPDATED_TIME',
        code: 'Updated_datetime',
        label: 'Updated datetime',
        noLabel: false,
      },
      Status: { type: 'STATUS', code: 'Status', label: 'Status', enabled: false },
      Categories: { type: 'CATEGORY', code: 'Categories', label: 'Categories', enabled: false },
      Assignee: { type: 'STATUS_ASSIGNEE', code: 'Assignee', label: 'Assignee', enabled: false },
    });
  });

  it('returns a fresh object each time', () => {
    const first = defaultSystemFields('ja');
    first.作成者!.label = 'changed';

    expect(defaultSystemFields('ja').作成者!.label).toBe('作成者');
  });

  it('passes checkFieldProperties unchanged', () => {
    for (const language of ['ja', 'en'] as const) {
      const fields = defaultSystemFields(language);

      expect(checkFieldProperties(fields)).toEqual([]);
      expect(fields).toEqual(defaultSystemFields(language));
    }
  });
});
