import { InvalidArgumentError, type Command } from 'commander';

/** Options every command that opens the store takes. */
export function commonStoreOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'SQLite store folder (default .kintone-local in the current directory)')
    .option('--database-url <url>', 'PostgreSQL URL; overrides --data (env DATABASE_URL)');
}

export function integer(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new InvalidArgumentError('Not an integer.');
  return parsed;
}
