import { describe, expect, it } from 'vitest';

import { INPUT_MESSAGES, inputMessage } from '../../src/errors/input-messages.js';

describe('input messages', () => {
  it('fills placeholders in both languages', () => {
    expect(inputMessage('NOT_AN_OPTION', { value: 'Z' })).toEqual({
      ja: '"Z"は選択肢にありません。',
      en: 'The value, "Z", is not in options.',
    });
    expect(inputMessage('TOO_LONG', { limit: 6 })).toEqual({
      ja: '6文字より短くなければなりません。',
      en: 'Enter less than 6 characters.',
    });
  });

  it('leaves a placeholder without a parameter as written', () => {
    expect(inputMessage('TOO_LARGE').en).toBe('The value must be {max} or less.');
  });

  it('tells the record-field "Required." from the parameter "Required field."', () => {
    expect(inputMessage('REQUIRED')).toEqual({ ja: '必須です。', en: 'Required.' });
    expect(inputMessage('REQUIRED_PARAMETER')).toEqual({ ja: '必須です。', en: 'Required field.' });
  });

  it('has text in both languages for every row, and a reason for every chosen one', () => {
    for (const [name, row] of Object.entries(INPUT_MESSAGES)) {
      expect(row.ja, name).not.toBe('');
      expect(row.en, name).not.toBe('');
      if ('chosen' in row) expect(row.chosen, name).not.toBe('');
    }
  });

  it('uses the same placeholders in Japanese and English', () => {
    const placeholders = (text: string) => text.match(/\{\w+\}/g)?.sort() ?? [];

    for (const [name, row] of Object.entries(INPUT_MESSAGES)) {
      expect(placeholders(row.ja), name).toEqual(placeholders(row.en));
    }
  });
});
