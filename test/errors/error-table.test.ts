import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_TABLE } from '../../src/errors/table.js';
import { INPUT_MESSAGES } from '../../src/errors/input-messages.js';
import { KintoneError } from '../../src/errors/kintone-error.js';

/** The rows of the table in docs/errors.md, keyed by code. */
function documentedRows(): Map<string, string[]> {
  const text = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^\| ([A-Z]+_[A-Z0-9]+) \|/.exec(line);
    if (!match?.[1]) continue;
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    rows.set(match[1], cells);
  }
  return rows;
}

describe('the error table', () => {
  const documented = documentedRows();

  it.each(Object.entries(ERROR_TABLE))(
    'documents %s with its statuses and messages',
    (code, row) => {
      const cells = documented.get(code);
      expect(cells, `docs/errors.md lacks ${code}`).toBeDefined();
      expect(cells!.slice(0, 5)).toEqual([
        code,
        String(row.status),
        String(row.legacyStatus),
        row.en,
        row.ja,
      ]);
    },
  );

  it('documents no code the table does not have', () => {
    const stale = [...documented.keys()].filter((code) => !(code in ERROR_TABLE));
    expect(stale).toEqual([]);
  });

  it('uses 4xx statuses for everything but the internal error', () => {
    for (const [code, row] of Object.entries(ERROR_TABLE)) {
      if (code === 'KL_IN01') continue;
      expect(row.status, code).toBeGreaterThanOrEqual(400);
      expect(row.status, code).toBeLessThan(500);
    }
  });

  it('fills placeholders in both languages', () => {
    const error = new KintoneError('GAIA_AP01', { app: 42 });
    expect(error.messageIn('en')).toBe(
      'The app (ID: 42) not found. The app may have been deleted.',
    );
    expect(error.messageIn('ja')).toBe(
      '指定したアプリ（id: 42）が見つかりません。削除されている可能性があります。',
    );
  });

  it('groups several messages for one input key', () => {
    const error = new KintoneError('CB_VA01', {}, [
      { key: 'record.a.value', text: INPUT_MESSAGES.REQUIRED },
      { key: 'record.a.value', text: { ja: '二つ目', en: 'second' } },
    ]);
    expect(error.errorsIn('en')).toEqual({
      'record.a.value': { messages: ['Required.', 'second'] },
    });
  });
});

describe('field errors', () => {
  it('keeps inputs named like Object.prototype members as plain keys', () => {
    const error = new KintoneError('CB_VA01', {}, [
      { key: 'toString', text: INPUT_MESSAGES.REQUIRED },
      { key: '__proto__', text: INPUT_MESSAGES.REQUIRED },
    ]);
    const errors = error.errorsIn('en')!;
    expect(JSON.parse(JSON.stringify(errors))).toEqual({
      toString: { messages: ['Required.'] },
      ['__proto__']: { messages: ['Required.'] },
    });
  });
});
