import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { seedSchema, type Seed } from './seed-schema.js';

export class SeedError extends Error {}

/**
 * Reads a seed file (JSON, or YAML by extension). Any unknown key or bad value stops here with
 * a message naming where it is, so a typo never silently starts a different state.
 */
export function readSeedFile(file: string): Seed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SeedError(`Cannot read seed file ${file}: ${(error as Error).message}`);
  }

  let data: unknown;
  try {
    data = isYaml(file) ? YAML.parse(text) : JSON.parse(text);
  } catch (error) {
    throw new SeedError(
      `Seed file ${file} is not valid ${isYaml(file) ? 'YAML' : 'JSON'}: ` +
        (error as Error).message,
    );
  }
  return withFilesFrom(parseSeed(data, file), path.dirname(path.resolve(file)));
}

/** Customization FILE paths are written relative to the seed file. */
function withFilesFrom(seed: Seed, folder: string): Seed {
  for (const app of seed.apps) {
    for (const list of [app.customize?.desktop.js, app.customize?.desktop.css]) {
      for (const entry of list ?? []) {
        if (entry.type === 'FILE') entry.path = path.resolve(folder, entry.path);
      }
    }
  }
  return seed;
}

export function parseSeed(data: unknown, source = 'seed'): Seed {
  const parsed = seedSchema.safeParse(data);
  if (parsed.success) return parsed.data;

  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('');
    return `  ${where.replace(/^\./, '') || '(top level)'}: ${issue.message}`;
  });
  throw new SeedError(`Seed file ${source} is invalid:\n${problems.join('\n')}`);
}

function isYaml(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}
