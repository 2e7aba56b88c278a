import type { FieldProperties } from './types.js';

/** The fields every Kintone app has, in the order `GET app/form/fields.json` lists them. */
const SYSTEM_FIELD_TYPES = [
  'RECORD_NUMBER',
  'CREATOR',
  'CREATED_TIME',
  'MODIFIER',
  'UPDATED_TIME',
  'STATUS',
  'CATEGORY',
  'STATUS_ASSIGNEE',
] as const;

type SystemFieldType = (typeof SYSTEM_FIELD_TYPES)[number];

/**
 * Code and label of each, in the language of the user who created the app. Codes hold no
 * spaces, so the English ones join words with "_"; the process-management fields keep their
 * names as codes.
 */
const SYSTEM_FIELD_NAMES: Record<'ja' | 'en', Record<SystemFieldType, [string, string]>> = {
  ja: {
    RECORD_NUMBER: ['レコード番号', 'レコード番号'],
    CREATOR: ['作成者', '作成者'],
    CREATED_TIME: ['作成日時', '作成日時'],
    MODIFIER: ['更新者', '更新者'],
    UPDATED_TIME: ['更新日時', '更新日時'],
    STATUS: ['ステータス', 'ステータス'],
    CATEGORY: ['カテゴリー', 'カテゴリー'],
    STATUS_ASSIGNEE: ['作業者', '作業者'],
  },
  en: {
    RECORD_NUMBER: ['Record_number', 'Record number'],
    CREATOR: ['Created_by', 'Created by'],
    CREATED_TIME: ['Created_datetime', 'Created datetime'],
    MODIFIER: ['Updated_by', 'Updated by'],
    UPDATED_TIME: ['Updated_datetime', 'Updated datetime'],
    STATUS: ['Status', 'Status'],
    CATEGORY: ['Categories', 'Categories'],
    STATUS_ASSIGNEE: ['Assignee', 'Assignee'],
  },
};

// Process management and categories are off in a new app; Kintone still lists their fields,
// marked `enabled: false` and without `noLabel`.
const SWITCHABLE: ReadonlySet<SystemFieldType> = new Set(['STATUS', 'CATEGORY', 'STATUS_ASSIGNEE']);

/** The system fields of a new app, exactly as `GET app/form/fields.json` shows them. */
export function defaultSystemFields(language: 'ja' | 'en'): FieldProperties {
  const properties: FieldProperties = {};

  for (const type of SYSTEM_FIELD_TYPES) {
    const [code, label] = SYSTEM_FIELD_NAMES[language][type];
    properties[code] = SWITCHABLE.has(type)
      ? { type, code, label, enabled: false }
      : { type, code, label, noLabel: false };
  }
  return properties;
}

export function isSystemFieldType(type: string): type is SystemFieldType {
  return (SYSTEM_FIELD_TYPES as readonly string[]).includes(type);
}
