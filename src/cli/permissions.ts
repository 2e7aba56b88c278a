import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  readAppAclInput,
  readFieldAclInput,
  readRecordAclInput,
  referencesInStore,
} from '../api/permission-input.js';
import { liveSetting } from '../api/permission-settings.js';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP } from '../auth/app-permissions.js';
import { describeForOperator, KintoneError } from '../errors/kintone-error.js';
import type { QueryContext } from '../kintone/query/index.js';
import type { Store } from '../store/store.js';
import type { App, PermissionKind } from '../store/types.js';
import { NotInStoreError, withStore } from './with-store.js';
import { commonStoreOptions, integer } from './options.js';

const KINDS: readonly PermissionKind[] = ['app', 'record', 'field'];

const READERS = {
  app: readAppAclInput,
  record: readRecordAclInput,
  field: readFieldAclInput,
} as const;

/** Commands for groups and their members, and for the permissions of an app. */
export function registerPermissionCommands(program: Command): void {
  const group = program.command('group').description('Manage groups of users');
  commonStoreOptions(
    group
      .command('add')
      .description('Add a group')
      .requiredOption('--code <code>', 'group code, as permissions name it')
      .option('--name <name>', 'group name (default: the code)')
      .option('--member <login...>', 'login names of its members', []),
  ).action(async (options) => {
    const code = String(options.code);
    if (code === EVERYONE_GROUP || code === ADMINISTRATORS_GROUP) {
      throw new Error(`"${code}" is a built-in group.`);
    }
    await withStore(options, async (store) => {
      if (await store.groups.exists(code)) throw new Error(`A group "${code}" already exists.`);
      const memberIds = await userIdsOf(store, options.member);
      await store.groups.create({ code, name: options.name ?? code }, memberIds);
      process.stdout.write(`Added group ${code} with ${memberIds.length} member(s).\n`);
    });
  });

  commonStoreOptions(
    group
      .command('add-member')
      .description('Add users to a group')
      .requiredOption('--code <code>', 'group code')
      .requiredOption('--member <login...>', 'login names to add'),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      if (!(await store.groups.exists(options.code))) {
        throw new NotInStoreError(`No group "${options.code}".`);
      }
      for (const id of await userIdsOf(store, options.member)) {
        await store.groups.addMember(options.code, id);
      }
      process.stdout.write(`Group ${options.code} now includes ${options.member.join(', ')}.\n`);
    });
  });

  const permissions = program
    .command('permissions')
    .description("Show or set an app's app, record or field permissions (what is in force)");
  commonStoreOptions(
    permissions
      .command('show')
      .description('Print the permissions as GET app/acl.json, record/acl.json or field/acl.json')
      .requiredOption('--app <id>', 'app id', integer)
      .requiredOption('--kind <kind>', 'app, record or field'),
  ).action(async (options) => {
    const kind = kindOf(options.kind);
    await withStore(options, async (store) => {
      const answer = await liveSetting(store, await appOf(store, options.app), kind);
      process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
    });
  });

  commonStoreOptions(
    permissions
      .command('set')
      .description('Replace the permissions with the `rights` of a JSON file, checked as the API')
      .requiredOption('--app <id>', 'app id', integer)
      .requiredOption('--kind <kind>', 'app, record or field')
      .requiredOption('--file <file>', 'JSON file: { "rights": [...] } as the PUT API takes'),
  ).action(async (options) => {
    const kind = kindOf(options.kind);
    const body = JSON.parse(readFileSync(options.file, 'utf8')) as { rights?: unknown };
    await withStore(options, async (store) => {
      const app = await appOf(store, options.app);
      const rights = await checked<unknown[]>(() =>
        READERS[kind](body.rights, referencesInStore(store, app, queryContextIn(store, app))),
      );
      await store.permissions.replace(app.id, kind, 'live', rights as never);
      process.stdout.write(`App ${app.id} now has ${rights.length} ${kind} permission rule(s).\n`);
    });
  });
}

function kindOf(value: string): PermissionKind {
  if (!(KINDS as readonly string[]).includes(value)) {
    throw new Error(`--kind must be one of ${KINDS.join(', ')}.`);
  }
  return value as PermissionKind;
}

async function appOf(store: Store, id: number): Promise<App> {
  const app = await store.apps.find(id);
  if (!app) throw new NotInStoreError(`No app ${id}.`);
  return app;
}

/** Conditions are checked without a caller or clock: LOGINUSER() and TODAY() stay symbolic. */
function queryContextIn(store: Store, app: App): QueryContext {
  return {
    fields: app.properties,
    dialect: store.recordSql,
    loginUser: null,
    now: new Date(),
    timeZone: 'UTC',
  };
}

async function userIdsOf(store: Store, logins: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const login of logins) {
    const user = await store.users.findByLoginName(login);
    if (!user) throw new NotInStoreError(`No user with the login name "${login}".`);
    ids.push(user.id);
  }
  return ids;
}

/** The API's input errors, as one line an operator can act on. */
async function checked<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof KintoneError) throw new Error(describeForOperator(error));
    throw error;
  }
}
