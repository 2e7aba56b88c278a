import { Command } from 'commander';
import { ConfigError } from '../config/load.js';
import { SeedError } from '../seed/read-seed.js';
import { registerAdmin } from './admin.js';
import { registerServe } from './serve.js';

/** Entry point of the `kintone-local` command. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('kintone-local')
    .description("A local server that speaks Kintone's REST API and authenticates as Kintone does");
  registerServe(program);
  registerAdmin(program);

  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    // Operator mistakes get one readable line, not a stack trace.
    const known =
      error instanceof ConfigError || error instanceof SeedError || error instanceof Error;
    process.stderr.write(`kintone-local: ${known ? (error as Error).message : String(error)}\n`);
    process.exit(1);
  }
}
