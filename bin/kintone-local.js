#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('kintone-local is not built yet: run `npm install` (or `npm run build`).\n');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv);
