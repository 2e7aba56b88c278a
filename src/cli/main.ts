import { Command } from 'commander';
import { ConfigError } from '../config/load.js';
import { ClientRegistrationError } from '../oauth/client-registry.js';
import { SeedError } from '../seed/read-seed.js';
import { registerAdmin } from './admin.js';
import { registerAudit } from './audit.js';
import { registerPermissionCommands } from './permissions.js';
import { registerOAuthClients } from './oauth-clients.js';
import { registerServe } from './serve.js';

/** Entry point of the `kintone-local` command. */
export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command()
    .name('kintone-local')
    .description("A local server that speaks Kintone's REST API and authenticates as Kintone does");
  registerServe(program);
  registerAdmin(program);
  registerAudit(program);
  registerPermissionCommands(program);
  registerOAuthClients(program);

  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    // Operator mistakes get one readable line, not a stack trace.
    process.stderr.write(`kintone-local: ${describe(error)}\n`);
    process.exit(1);
  }
}

function describe(error: unknown): string {
  if (error instanceof ConfigError || error instanceof SeedError) return error.message;
  if (error instanceof ClientRegistrationError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: string } | null)?.code === 'EADDRINUSE' || /EADDRINUSE/.test(message)) {
    const port = /:(\d+)\s*$/.exec(message)?.[1];
    return `port ${port ?? ''} is already in use: choose another with --port or PORT.`;
  }
  return message;
}
