import type { Command } from 'commander';
import { hashPassword } from '../auth/password-hash.js';
import { sha256Hex } from '../crypto/digest.js';
import { randomAlphanumeric } from '../crypto/random.js';
import { defaultSystemFields, checkFieldProperties } from '../kintone/fields/index.js';
import { hasNoControlCharacters, TOKEN_PERMISSION_NAMES } from '../seed/seed-schema.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CustomizeEntry } from '../store/customizations.js';
import type { Store } from '../store/store.js';
import { registerAccountCommands, registerTokenRemoval } from './accounts.js';
import { commonStoreOptions, integer } from './options.js';
import { NotInStoreError, now, withStore } from './with-store.js';

/** Commands that change an existing store without a running server. */
export function registerAdmin(program: Command): void {
  const user = program.command('user').description('Manage users');
  commonStoreOptions(
    user
      .command('add')
      .description('Add a user')
      .requiredOption('--login <name>', 'login name')
      .option('--name <display>', 'display name (default: the login name)')
      .option('--password <password>', 'password (default: env KINTONE_LOCAL_PASSWORD)')
      .option('--admin', 'make the user an administrator'),
  ).action(async (options) => {
    const password = options.password ?? process.env.KINTONE_LOCAL_PASSWORD;
    if (!password) throw new Error('Give --password or set KINTONE_LOCAL_PASSWORD.');
    if (!hasNoControlCharacters(password) || !hasNoControlCharacters(options.login)) {
      throw new Error('Login names and passwords must not contain control characters.');
    }
    await withStore(options, async (store) => {
      if (await store.users.findByLoginName(options.login)) {
        throw new Error(`A user with the login name "${options.login}" already exists.`);
      }
      const created = await store.users.create(
        {
          loginName: options.login,
          displayName: options.name ?? options.login,
          passwordHash: await hashPassword(password),
          isAdmin: Boolean(options.admin),
          enabled: true,
        },
        now(),
      );
      process.stdout.write(`Added user ${created.loginName} (id ${created.id}).\n`);
    });
  });
  registerAccountCommands(user);

  const app = program.command('app').description('Manage apps');
  commonStoreOptions(
    app
      .command('add')
      .description('Add an app')
      .requiredOption('--name <name>', 'app name')
      .option('--fields <file>', "JSON file with the fields in Kintone's properties shape")
      .option('--space <id>', 'space the app belongs to', integer)
      .option('--creator <login>', 'user who created the app and so manages it', 'Administrator'),
  ).action(async (options) => {
    const fields = options.fields ? JSON.parse(readFileSync(options.fields, 'utf8')) : {};
    const properties = { ...defaultSystemFields('ja'), ...(fields.properties ?? fields) };
    const problems = checkFieldProperties(properties);
    if (problems.length > 0) throw new Error(`Invalid fields:\n${problems.join('\n')}`);
    await withStore(options, async (store) => {
      const created = await store.apps.create({
        name: options.name,
        spaceId: options.space ?? null,
        properties,
        creator: await creatorOf(store, options.creator),
        createdAt: now(),
      });
      process.stdout.write(`Added app ${created.id} (${created.name}).\n`);
    });
  });

  commonStoreOptions(
    app
      .command('customize')
      .description("Set an app's JavaScript and CSS customization (replaces the current one)")
      .requiredOption('--app <id>', 'app id', integer)
      .option('--js <file-or-url...>', 'JavaScript files or https:// URLs, in load order', [])
      .option('--css <file-or-url...>', 'CSS files or https:// URLs, in load order', []),
  ).action(async (options) => {
    const toEntries = (items: string[]): CustomizeEntry[] =>
      items.map((item) =>
        /^https?:\/\//.test(item)
          ? { type: 'URL', url: item }
          : { type: 'FILE', fileName: path.basename(item), content: readFileSync(item, 'utf8') },
      );
    const customize = { js: toEntries(options.js), css: toEntries(options.css) };

    await withStore(options, async (store) => {
      if (!(await store.apps.find(options.app)))
        throw new NotInStoreError(`No app ${options.app}.`);
      await store.customize.replace(options.app, customize);
      process.stdout.write(
        `App ${options.app} now loads ${customize.js.length} JavaScript and ` +
          `${customize.css.length} CSS customizations.\n`,
      );
    });
  });

  const token = program.command('token').description('Manage API tokens');
  commonStoreOptions(
    token
      .command('add')
      .description('Generate an API token for an app and print it once')
      .requiredOption('--app <id>', 'app id', integer)
      .option('--permissions <list>', `comma list of ${TOKEN_PERMISSION_NAMES.join(', ')}`, 'view')
      .option('--note <text>', 'a note kept with the token', ''),
  ).action(async (options) => {
    const names = String(options.permissions)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = names.filter((n) => !(TOKEN_PERMISSION_NAMES as readonly string[]).includes(n));
    if (unknown.length > 0) throw new Error(`Unknown permissions: ${unknown.join(', ')}`);

    await withStore(options, async (store) => {
      if (!(await store.apps.find(options.app)))
        throw new NotInStoreError(`No app ${options.app}.`);
      const value = randomAlphanumeric(40);
      await store.apiTokens.create(
        {
          appId: options.app,
          digest: sha256Hex(value),
          permissions: {
            view: names.includes('view'),
            add: names.includes('add'),
            edit: names.includes('edit'),
            delete: names.includes('delete'),
            manage: names.includes('manage'),
          },
          note: options.note,
          hint: value.slice(-4),
        },
        true,
        now(),
      );
      process.stdout.write(`${value}\n`);
    });
  });
  registerTokenRemoval(token);
}

/**
 * The app's creator, who manages it under Kintone's default permissions. "Administrator" is
 * the name writes by API tokens carry; any other must be an existing user.
 */
async function creatorOf(store: Store, login: string): Promise<{ code: string; name: string }> {
  if (login === 'Administrator') return { code: login, name: login };
  const user = await store.users.findByLoginName(login);
  if (!user) throw new NotInStoreError(`No user with the login name "${login}".`);
  return { code: user.loginName, name: user.displayName };
}
