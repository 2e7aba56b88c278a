// Rewrites the table in docs/errors.md from src/errors/table.ts (through the build in dist/).
// The prose above the table is kept; test/errors/error-table.test.ts checks the two agree.
import { readFileSync, writeFileSync } from 'node:fs';

const { ERROR_TABLE } = await import('../dist/errors/table.js');
const file = new URL('../docs/errors.md', import.meta.url);
const current = readFileSync(file, 'utf8');
const prose = current.slice(0, current.indexOf('| Code |'));

const cell = (text) => text.replace(/\|/g, '\\|');
const rows = Object.entries(ERROR_TABLE).map(
  ([code, row]) =>
    `| ${[code, row.status, row.legacyStatus, cell(row.en), cell(row.ja), row.chosen ? `*chosen:* ${cell(row.chosen)}` : ''].join(' | ')} |`,
);
writeFileSync(
  file,
  `${prose}| Code | Status | Legacy | English | Japanese | Note |\n|---|---|---|---|---|---|\n${rows.join('\n')}\n`,
);
