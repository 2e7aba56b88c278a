import type { Command } from 'commander';
import type { ConfigInput } from '../config/config.js';
import { ConfigError, loadConfig } from '../config/load.js';
import { startServer } from '../start.js';
import { commonStoreOptions, integer } from './options.js';

export function registerServe(program: Command): void {
  commonStoreOptions(
    program
      .command('serve')
      .description('Start the server; an empty store gets a demo user, app and API token')
      .option('--port <n>', 'port to listen on (default 3000, 0 for any free port)', integer)
      .option('--host <name>', 'host name to bind (default localhost)')
      .option('--seed <file>', 'JSON or YAML seed file applied to an empty store')
      .option('--reset', 'empty the store before seeding')
      .option('--language <ja|en>', 'message language without Accept-Language (default en)')
      .option('--legacy-status-codes', 'answer 520 where Kintone did before 2024')
      .option('--basic-auth <user:password>', 'require domain-wide Basic authentication')
      .option('--tls', 'serve HTTPS with a self-signed certificate kept in <data>/tls/')
      .option('--tls-name <name...>', 'extra host names for the self-signed certificate')
      .option('--tls-cert <file>', 'PEM certificate for HTTPS (with --tls-key)')
      .option('--tls-key <file>', 'PEM private key for HTTPS (with --tls-cert)')
      .option(
        '--concurrency-limit <n>',
        'concurrent API requests before 429 (default 100)',
        integer,
      )
      .option('--max-file-bytes <n>', 'largest file upload in bytes (default 100 MB)', integer)
      .option('--time-zone <zone>', 'IANA zone for TODAY() and date defaults (default UTC)')
      .option('--log-level <level>', 'fatal, error, warn, info, debug, trace or silent'),
  ).action(async (options) => {
    const config = loadConfig({
      port: options.port,
      host: options.host,
      dataDir: options.data,
      databaseUrl: options.databaseUrl,
      language: options.language,
      legacyStatusCodes: options.legacyStatusCodes,
      basicAuth: options.basicAuth ? splitPair(options.basicAuth) : undefined,
      tls: tlsOption(options),
      timeZone: options.timeZone,
      maxFileBytes: options.maxFileBytes,
      concurrencyLimit: options.concurrencyLimit,
      logLevel: options.logLevel,
    });

    const server = await startServer({ config, seed: options.seed, reset: options.reset });
    printBanner(server.url, server.demo);
    if (server.tls?.selfSigned) printCertificateNote(server.tls.certFile, server.tls.selfSigned);
    if (server.startedFrom === 'seed')
      process.stdout.write(`Applied the seed file ${options.seed}.\n`);
    if (server.startedFrom === 'existing') {
      printExistingStoreNote(Boolean(options.seed), Boolean(config.databaseUrl));
    }

    const stop = async () => {
      await server.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

interface TlsOptions {
  tls?: boolean;
  tlsName?: string[];
  tlsCert?: string;
  tlsKey?: string;
}

function tlsOption(options: TlsOptions): ConfigInput['tls'] {
  const { tls, tlsName, tlsCert, tlsKey } = options;
  if (tlsCert || tlsKey) {
    if (!tlsCert || !tlsKey) {
      throw new ConfigError(
        `${tlsCert ? '--tls-cert needs --tls-key' : '--tls-key needs --tls-cert'}: give the ` +
          'certificate and its private key together, or --tls alone for a generated certificate.',
      );
    }
    if (tlsName) throw new ConfigError('--tls-name applies to the generated certificate only.');
    return { certFile: tlsCert, keyFile: tlsKey };
  }
  if (tls || tlsName) return { selfSigned: { extraNames: tlsName ?? [] } };
  return undefined;
}

function splitPair(value: string): { username: string; password: string } {
  const colon = value.indexOf(':');
  if (colon <= 0) throw new Error('--basic-auth needs the form user:password');
  return { username: value.slice(0, colon), password: value.slice(colon + 1) };
}

function printBanner(
  url: string,
  demo: { loginName: string; password: string; token: string; appId: number } | null,
): void {
  const lines = [`kintone-local is listening on ${url}`];
  if (demo) {
    lines.push(
      '',
      'The store was empty, so a demo was created. These credentials are shown only once:',
      `  user:      ${demo.loginName}`,
      `  password:  ${demo.password}`,
      `  app:       ${demo.appId} (Customers)`,
      `  API token: ${demo.token}`,
      '',
      'Try it:',
      `  curl -H 'X-Cybozu-API-Token: ${demo.token}' '${url}/k/v1/records.json?app=${demo.appId}'`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printCertificateNote(certFile: string, selfSigned: 'created' | 'reused'): void {
  const origin = selfSigned === 'created' ? 'new' : 'kept from an earlier start';
  const lines = [
    '',
    `HTTPS certificate (self-signed, ${origin}): ${certFile}`,
    'Node clients such as @kintone/rest-api-client and cli-kintone trust it with:',
    `  NODE_EXTRA_CA_CERTS=${certFile} node your-script.mjs`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printExistingStoreNote(seedGiven: boolean, shared: boolean): void {
  const lines = [
    seedGiven
      ? 'The store already holds data, so the seed file was not applied ' +
        '(add --reset to start over).'
      : 'Using the existing store: sign in with the credentials printed when it was created,',
  ];
  if (!seedGiven) lines.push('or start with --reset for a fresh demo.');
  // Instances behind a balancer share one PostgreSQL store: a reset is not this instance's alone.
  if (shared) {
    lines.push(
      'On PostgreSQL --reset empties the store for every instance using this database ' +
        'and schema: their users, apps and records are gone too.',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
