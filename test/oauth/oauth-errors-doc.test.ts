import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OAUTH_ERROR_TABLE } from '../../src/errors/table.js';

describe('docs/oauth.md', () => {
  const text = readFileSync(new URL('../../docs/oauth.md', import.meta.url), 'utf8');

  it.each(Object.entries(OAUTH_ERROR_TABLE))('documents %s as it is answered', (key, row) => {
    expect(text).toContain(`| ${[key, row.error, row.status, row.en, row.ja].join(' | ')} |`);
  });

  it('documents no key the table does not have', () => {
    const keys = [...text.matchAll(/^\| (OA_[A-Z_]+) \|/gm)].map((m) => m[1]);
    expect(keys.filter((k) => !(k! in OAUTH_ERROR_TABLE))).toEqual([]);
  });
});
