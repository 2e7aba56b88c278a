import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ADMINISTRATORS_GROUP, EVERYONE_GROUP } from '../auth/app-permissions.js';
import { groupMemberLogins } from '../auth/directory.js';
import { hashPassword } from '../auth/password-hash.js';
import { sha256Hex } from '../crypto/digest.js';
import { describeForOperator, KintoneError } from '../errors/kintone-error.js';
import {
  calculatedValues,
  checkFieldProperties,
  completeNewRecord,
  DEFAULT_PRECISION,
  defaultSystemFields,
  validateRecordWrite,
} from '../kintone/fields/index.js';
import type { FieldProperties, StoredValues } from '../kintone/fields/types.js';
import { stringList } from '../kintone/fields/field-kinds.js';
import { withStartingStatus } from '../kintone/process/starting-status.js';
import type { AppCustomize, CustomizeEntry } from '../store/customizations.js';
import type { Store } from '../store/store.js';
import type { Actor, NewRecord, TokenPermissions } from '../store/types.js';
import { readFieldAclInput, readRecordAclInput } from '../api/permission-input.js';
import type { PermissionReferences } from '../api/permission-input.js';
import type { FieldAclRule, RecordAclRule } from '../store/types.js';
import { SeedError } from './read-seed.js';
import type { Seed } from './seed-schema.js';
import { readStatusSettings, withProcessFields } from './seed-status.js';

export interface SeedOptions {
  now: Date;
  timeZone: string;
}

/**
 * Writes a seed into the store. Everything that can be checked without writing (field
 * definitions, records, references between users, spaces and apps) is checked first, so a bad
 * seed stops before it has written anything.
 */
export async function applySeed(store: Store, seed: Seed, options: SeedOptions): Promise<void> {
  const createdAt = options.now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const loginNames = new Set(seed.users.map((u) => u.loginName));
  const spaceIds = new Set(seed.spaces.map((s) => s.id));
  const owner = ownerOf(seed);
  const groups = seed.groups ?? [];

  const groupCodes = new Set([EVERYONE_GROUP, ADMINISTRATORS_GROUP]);
  for (const [i, group] of groups.entries()) {
    if (groupCodes.has(group.code)) fail(`groups[${i}].code: duplicate group "${group.code}"`);
    groupCodes.add(group.code);
    for (const member of group.members) {
      if (!loginNames.has(member)) fail(`groups[${i}].members: unknown user "${member}"`);
    }
  }

  for (const [i, space] of seed.spaces.entries()) {
    for (const member of space.members) {
      if (!loginNames.has(member)) fail(`spaces[${i}].members: unknown user "${member}"`);
    }
    for (const admin of space.admins ?? []) {
      if (!space.members.includes(admin)) fail(`spaces[${i}].admins: "${admin}" is not a member`);
    }
  }

  const apps = seed.apps.map((app, i) => {
    if (app.spaceId !== undefined && !spaceIds.has(app.spaceId)) {
      fail(`apps[${i}].spaceId: no space with id ${app.spaceId} in this seed`);
    }
    const declared = withSystemFields(app.properties as FieldProperties);
    const problems = checkFieldProperties(declared);
    if (problems.length > 0) fail(problems.map((p) => `apps[${i}].properties: ${p}`).join('\n'));

    const properties = withProcessFields(declared, app.status?.enable === true);
    const status = app.status
      ? readStatusSettings(app.status, properties, `apps[${i}].status`, { loginNames, groupCodes })
      : undefined;
    if (status && status.problems.length > 0) fail(status.problems.join('\n'));

    const records = app.records.map((record, j) =>
      toNewRecord(record, properties, `apps[${i}].records[${j}]`, owner, createdAt, options),
    );
    for (const [j, record] of records.entries()) {
      const unknown = unknownPrincipals(record.values, properties, { loginNames, groupCodes });
      if (unknown) fail(`apps[${i}].records[${j}].${unknown}`);
    }
    const customize = readCustomize(app.customize?.desktop, `apps[${i}].customize.desktop`);
    for (const [j, { entity }] of (app.acl ?? []).entries()) {
      const where = `apps[${i}].acl[${j}].entity.code`;
      if (entity.type === 'USER' && !loginNames.has(entity.code)) {
        fail(`${where}: unknown user "${entity.code}"`);
      }
      if (entity.type === 'GROUP' && !groupCodes.has(entity.code)) {
        fail(`${where}: unknown group "${entity.code}"`);
      }
    }
    return { app, properties, status: status?.settings ?? null, records, customize };
  });

  for (const { app, properties } of apps) {
    const problems = lookupProblems(properties, apps);
    if (problems.length > 0) fail(problems.map((p) => `apps[id ${app.id}].${p}`).join('\n'));
  }

  const permissions = [];
  for (const [i, { app, properties }] of apps.entries()) {
    permissions.push(
      await checkPermissions(app, properties, `apps[${i}]`, {
        loginNames,
        groupCodes,
        store,
        options,
      }),
    );
  }

  const clientIds = new Set<string>();
  for (const [i, client] of (seed.oauthClients ?? []).entries()) {
    if (clientIds.has(client.clientId)) {
      fail(`oauthClients[${i}].clientId: duplicate client "${client.clientId}"`);
    }
    clientIds.add(client.clientId);
    for (const login of client.allowedUsers) {
      if (!loginNames.has(login)) fail(`oauthClients[${i}].allowedUsers: unknown user "${login}"`);
    }
  }

  const userIds = new Map<string, number>();
  for (const user of seed.users) {
    const created = await store.users.create(
      {
        loginName: user.loginName,
        displayName: user.name ?? user.loginName,
        passwordHash: await hashPassword(user.password),
        isAdmin: user.admin,
        enabled: user.enabled,
      },
      createdAt,
    );
    userIds.set(user.loginName, created.id);
  }

  for (const group of groups) {
    const members = group.members.map((login) => userIds.get(login)!);
    await store.groups.create({ code: group.code, name: group.name ?? group.code }, members);
  }

  for (const client of seed.oauthClients ?? []) {
    await store.oauthClients.create(
      {
        id: client.clientId,
        name: client.name,
        redirectUri: client.redirectUri,
        secretDigest: sha256Hex(client.clientSecret),
        requirePkce: client.requirePkce,
      },
      [...new Set(client.allowedUsers)].map((login) => userIds.get(login)!),
      createdAt,
    );
  }

  for (const space of seed.spaces) {
    const members = space.members.map((login) => ({
      userId: userIds.get(login)!,
      isAdmin: space.admins?.includes(login) ?? false,
    }));
    await store.spaces.create({ id: space.id, name: space.name, isGuest: space.isGuest }, members);
  }

  for (const [i, { app, properties, status, records, customize }] of apps.entries()) {
    await store.apps.create({
      id: app.id,
      name: app.name,
      code: app.code,
      description: app.description,
      spaceId: app.spaceId ?? null,
      properties,
      status,
      creator: owner,
      createdAt,
    });
    const started: NewRecord[] = [];
    for (const record of records) {
      const values = await withStartingStatus(
        status,
        properties,
        { values: record.values, creatorCode: owner.code, modifierCode: owner.code },
        (group) => groupMemberLogins(store, group),
      );
      started.push({ ...record, values });
    }
    await store.records.write(app.id, (writer) => writer.insert(started));
    await store.customize.replace(app.id, customize);
    if (app.acl) await store.permissions.replace(app.id, 'app', 'live', app.acl);
    const { recordAcl, fieldAcl } = permissions[i]!;
    if (recordAcl) await store.permissions.replace(app.id, 'record', 'live', recordAcl);
    if (fieldAcl) await store.permissions.replace(app.id, 'field', 'live', fieldAcl);
    for (const token of app.apiTokens) {
      await store.apiTokens.create(
        {
          appId: app.id,
          digest: sha256Hex(token.token),
          permissions: permissionsOf(token.permissions),
          note: token.note,
          hint: token.token.slice(-4),
        },
        true,
        createdAt,
      );
    }
  }
}

/**
 * Checks an app's record and field permissions as `PUT record/acl.json` and
 * `PUT field/acl.json` would (users, groups and fields exist, conditions compile), before
 * anything is written.
 */
async function checkPermissions(
  app: Seed['apps'][number],
  properties: FieldProperties,
  where: string,
  known: { loginNames: Set<string>; groupCodes: Set<string>; store: Store; options: SeedOptions },
): Promise<{ recordAcl?: RecordAclRule[]; fieldAcl?: FieldAclRule[] }> {
  const refs: PermissionReferences = {
    userExists: (login) => known.loginNames.has(login),
    groupExists: (code) => known.groupCodes.has(code),
    properties,
    queryContext: {
      fields: properties,
      dialect: known.store.recordSql,
      loginUser: null,
      now: known.options.now,
      timeZone: known.options.timeZone,
    },
  };
  return {
    ...(app.recordAcl && {
      recordAcl: await asSeedCheck(`${where}.recordAcl`, () =>
        readRecordAclInput(app.recordAcl, refs),
      ),
    }),
    ...(app.fieldAcl && {
      fieldAcl: await asSeedCheck(`${where}.fieldAcl`, () => readFieldAclInput(app.fieldAcl, refs)),
    }),
  };
}

/** Runs an API input check on seed data, naming a failure by where it is in the seed. */
async function asSeedCheck<T>(where: string, check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (!(error instanceof KintoneError)) throw error;
    const described = describeForOperator(error, (key) => key.replace(/^rights/, where));
    return fail(error.fieldErrors.length > 0 ? described : `${where}: ${described}`);
  }
}

type SeedCustomize = NonNullable<Seed['apps'][number]['customize']>['desktop'];

/** Reads FILE entries now, so a missing file stops the seed before anything is written. */
function readCustomize(desktop: SeedCustomize | undefined, where: string): AppCustomize {
  const read = (list: SeedCustomize['js'], kind: string): CustomizeEntry[] =>
    list.map((entry, i) => {
      if (entry.type === 'URL') return entry;
      try {
        const content = readFileSync(entry.path, 'utf8');
        return { type: 'FILE', fileName: path.basename(entry.path), content };
      } catch (error) {
        return fail(
          `${where}.${kind}[${i}]: cannot read ${entry.path}: ${(error as Error).message}`,
        );
      }
    });
  return { js: read(desktop?.js ?? [], 'js'), css: read(desktop?.css ?? [], 'css') };
}

/** A seed's apps are created by its first administrator, or by "Administrator". */
function ownerOf(seed: Seed): Actor {
  const admin = seed.users.find((u) => u.admin);
  return admin
    ? { code: admin.loginName, name: admin.name ?? admin.loginName }
    : { code: 'Administrator', name: 'Administrator' };
}

/** Apps always have Kintone's system fields; a seed may leave them out. */
function withSystemFields(properties: FieldProperties): FieldProperties {
  const system = defaultSystemFields('ja');
  const presentTypes = new Set(Object.values(properties).map((p) => p?.type));
  const missing = Object.fromEntries(
    Object.entries(system).filter(([, field]) => !presentTypes.has(field.type)),
  );
  return { ...missing, ...properties };
}

function toNewRecord(
  record: Record<string, unknown>,
  properties: FieldProperties,
  where: string,
  owner: Actor,
  createdAt: string,
  options: SeedOptions,
): NewRecord {
  const context = { properties, keyPrefix: where, mode: 'add' as const, ...options };
  try {
    const written = validateRecordWrite(record, context);
    refuseFiles(written.values, properties, where);
    const completed = completeNewRecord(written.values, context);
    // A seed sets no app settings, so formulas round to a new app's precision.
    const values = { ...completed, ...calculatedValues(completed, properties, DEFAULT_PRECISION) };
    return { values, creator: owner, createdAt, modifier: owner, updatedAt: createdAt };
  } catch (error) {
    if (!(error instanceof KintoneError)) throw error;
    const details = Object.entries(error.errorsIn('en') ?? {})
      .map(([key, { messages }]) => `${key}: ${messages.join(' ')}`)
      .join('; ');
    // The keys already name the record (`apps[0].records[2].total.value`).
    return fail(details || `${where}: ${error.messageIn('en')}`);
  }
}

/** A seed holds no file contents, so a FILE value could only name a file that does not exist. */
function refuseFiles(values: StoredValues, properties: FieldProperties, where: string): void {
  for (const field of Object.values(properties)) {
    const value = values[field.code];
    if (field.type === 'FILE' && Array.isArray(value) && value.length > 0) {
      fail(`${where}.${field.code}.value: a seed cannot hold files; leave FILE fields empty`);
    }
  }
}

/** A lookup names an app of the seed, a field of it as key, and fields on both sides. */
function lookupProblems(
  properties: FieldProperties,
  apps: ReadonlyArray<{ app: { id: number }; properties: FieldProperties }>,
): string[] {
  const problems: string[] = [];
  for (const field of Object.values(properties)) {
    const lookup = field.lookup as
      | {
          relatedApp: { app: string };
          relatedKeyField: string;
          fieldMappings: Array<{ field: string; relatedField: string }>;
        }
      | undefined;
    if (!lookup) continue;
    const where = `properties.${field.code}.lookup`;
    const source = apps.find(({ app }) => String(app.id) === lookup.relatedApp.app);
    if (!source) {
      problems.push(
        `${where}.relatedApp.app: no app with id ${lookup.relatedApp.app} in this seed`,
      );
      continue;
    }
    const sourceApp = `app ${lookup.relatedApp.app}`;
    if (!Object.hasOwn(source.properties, lookup.relatedKeyField)) {
      problems.push(
        `${where}.relatedKeyField: no field "${lookup.relatedKeyField}" in ${sourceApp}`,
      );
    }
    for (const [i, mapping] of lookup.fieldMappings.entries()) {
      if (!Object.hasOwn(properties, mapping.field)) {
        problems.push(
          `${where}.fieldMappings[${i}].field: no field "${mapping.field}" in this app`,
        );
      }
      if (!Object.hasOwn(source.properties, mapping.relatedField)) {
        const at = `${where}.fieldMappings[${i}].relatedField`;
        problems.push(`${at}: no field "${mapping.relatedField}" in ${sourceApp}`);
      }
    }
  }
  return problems;
}

/** The first user, group or organization a seed record selects that the seed does not hold. */
function unknownPrincipals(
  values: StoredValues,
  properties: FieldProperties,
  known: { loginNames: ReadonlySet<string>; groupCodes: ReadonlySet<string> },
): string | undefined {
  for (const field of Object.values(properties)) {
    for (const code of stringList(values[field.code])) {
      if (field.type === 'USER_SELECT' && !known.loginNames.has(code)) {
        return `${field.code}.value: unknown user "${code}"`;
      }
      if (field.type === 'GROUP_SELECT' && !known.groupCodes.has(code)) {
        return `${field.code}.value: unknown group "${code}"`;
      }
      if (field.type === 'ORGANIZATION_SELECT') {
        return `${field.code}.value: there are no organizations to select ("${code}")`;
      }
    }
  }
  return undefined;
}

function permissionsOf(names: readonly string[]): TokenPermissions {
  return {
    view: names.includes('view'),
    add: names.includes('add'),
    edit: names.includes('edit'),
    delete: names.includes('delete'),
    manage: names.includes('manage'),
  };
}

function fail(message: string): never {
  throw new SeedError(`Seed is invalid: ${message}`);
}
