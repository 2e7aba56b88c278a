import { z } from 'zod';
import { redirectUriProblem } from '../oauth/redirect-uri.js';
import { CLIENT_ID_PATTERN } from '../store/oauth-clients.js';

/** The permission names a seed file may give a token, as in an app's API token settings. */
export const TOKEN_PERMISSION_NAMES = ['view', 'add', 'edit', 'delete', 'manage'] as const;

/** Login names and passwords travel in headers and forms, where control characters are refused. */
export function hasNoControlCharacters(text: string): boolean {
  return !/[\u0000-\u001f\u007f]/.test(text);
}

const userSchema = z
  .object({
    loginName: z
      .string()
      .min(1)
      .max(128)
      .refine((s) => !s.includes(':'), 'must not contain ":"')
      .refine(hasNoControlCharacters, 'must not contain control characters'),
    // Login refuses control characters, so a password holding one could never be used.
    password: z
      .string()
      .min(1)
      .refine(hasNoControlCharacters, 'must not contain control characters'),
    name: z.string().min(1).optional(),
    admin: z.boolean().default(false),
    enabled: z.boolean().default(true),
  })
  .strict();

const spaceSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().min(1),
    isGuest: z.boolean().default(false),
    members: z.array(z.string().min(1)).default([]),
  })
  .strict();

const apiTokenSchema = z
  .object({
    token: z
      .string()
      .regex(/^[A-Za-z0-9]{40}$/, 'must be 40 letters and digits, as Kintone issues'),
    permissions: z.array(z.enum(TOKEN_PERMISSION_NAMES)).min(1).default(['view']),
    note: z.string().max(200).default(''),
  })
  .strict();

const customizeEntrySchema = z.discriminatedUnion('type', [
  z
    .object({ type: z.literal('URL'), url: z.string().regex(/^https?:\/\//, 'must be http(s)') })
    .strict(),
  z.object({ type: z.literal('FILE'), path: z.string().min(1) }).strict(),
]);

/**
 * An app's desktop JavaScript and CSS, loaded on its pages in order. FILE paths are relative to
 * the seed file and read when the seed is applied; URLs are loaded by the browser as given.
 */
const customizeSchema = z
  .object({
    desktop: z
      .object({
        js: z.array(customizeEntrySchema).max(30).default([]),
        css: z.array(customizeEntrySchema).max(30).default([]),
      })
      .strict()
      .default({ js: [], css: [] }),
  })
  .strict();

const groupSchema = z
  .object({
    code: z
      .string()
      .min(1)
      .max(100)
      .refine(
        (code) => code !== 'everyone' && code !== 'Administrators',
        'is a built-in group ("everyone" holds every user, "Administrators" the admin users)',
      ),
    name: z.string().min(1).optional(),
    members: z.array(z.string().min(1)).default([]),
  })
  .strict();

const aclEntitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('USER'), code: z.string().min(1) }).strict(),
  z.object({ type: z.literal('GROUP'), code: z.string().min(1) }).strict(),
  z.object({ type: z.literal('CREATOR'), code: z.null().default(null) }).strict(),
]);

/**
 * One entry of an app's permissions, as `GET app/acl.json` shows it. Rights left out are not
 * granted. Departments are not supported, so `includeSubs` can only be false.
 */
const aclEntrySchema = z
  .object({
    entity: aclEntitySchema,
    includeSubs: z.literal(false).default(false),
    appEditable: z.boolean().default(false),
    recordViewable: z.boolean().default(false),
    recordAddable: z.boolean().default(false),
    recordEditable: z.boolean().default(false),
    recordDeletable: z.boolean().default(false),
    recordImportable: z.boolean().default(false),
    recordExportable: z.boolean().default(false),
  })
  .strict()
  .refine((e) => e.recordViewable || !(e.recordEditable || e.recordDeletable), {
    message: 'recordEditable and recordDeletable need recordViewable, as in Kintone',
    path: ['recordViewable'],
  })
  .refine((e) => e.recordAddable || !e.recordImportable, {
    message: 'recordImportable needs recordAddable, as in Kintone',
    path: ['recordAddable'],
  });

const assigneeEntitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('USER'), code: z.string().min(1) }).strict(),
  z.object({ type: z.literal('GROUP'), code: z.string().min(1) }).strict(),
  z.object({ type: z.literal('FIELD_ENTITY'), code: z.string().min(1) }).strict(),
  z.object({ type: z.literal('CREATOR'), code: z.null().default(null) }).strict(),
]);

const statusStateSchema = z
  .object({
    name: z.string().min(1).max(64),
    /** Order of the state; the lowest is where new records start. Defaults to its position. */
    index: z
      .string()
      .regex(/^\d{1,4}$/, 'must be decimal digits')
      .optional(),
    assignee: z
      .object({
        type: z.enum(['ONE', 'ALL', 'ANY']),
        entities: z
          .array(
            z
              .object({
                entity: assigneeEntitySchema,
                includeSubs: z.literal(false).default(false),
              })
              .strict(),
          )
          .max(100)
          .default([]),
      })
      .strict()
      .default({ type: 'ONE', entities: [] }),
  })
  .strict();

const statusActionSchema = z
  .object({
    name: z.string().min(1).max(64),
    from: z.string().min(1),
    to: z.string().min(1),
    filterCond: z.string().default(''),
    type: z.enum(['PRIMARY', 'SECONDARY']).default('PRIMARY'),
  })
  .strict();

/**
 * An app's process management, as `GET app/status.json` shows it: states keyed by their
 * names, and the actions that move a record from one state to another.
 */
const statusSchema = z
  .object({
    enable: z.boolean().default(true),
    states: z.record(z.string(), statusStateSchema),
    actions: z.array(statusActionSchema).max(255).default([]),
  })
  .strict();

const permissionEntitySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('USER'), code: z.string().min(1) }).strict(),
  z.object({ type: z.literal('GROUP'), code: z.string().min(1) }).strict(),
  z.object({ type: z.literal('FIELD_ENTITY'), code: z.string().min(1) }).strict(),
]);

/**
 * One rule of an app's record permissions, as `GET record/acl.json` shows it: the records
 * `filterCond` matches (Kintone's query language, condition only; empty for all records) and
 * who may do what with them, in priority order. FIELD_ENTITY names a Created by or Updated by
 * field: the user it holds.
 */
const recordAclRuleSchema = z
  .object({
    filterCond: z.string().default(''),
    entities: z
      .array(
        z
          .object({
            entity: permissionEntitySchema,
            viewable: z.boolean().default(false),
            editable: z.boolean().default(false),
            deletable: z.boolean().default(false),
            includeSubs: z.literal(false).default(false),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

/** One field's permissions, as `GET field/acl.json` shows them; users and groups only. */
const fieldAclRuleSchema = z
  .object({
    code: z.string().min(1),
    entities: z
      .array(
        z
          .object({
            entity: z.discriminatedUnion('type', [
              z.object({ type: z.literal('USER'), code: z.string().min(1) }).strict(),
              z.object({ type: z.literal('GROUP'), code: z.string().min(1) }).strict(),
            ]),
            accessibility: z.enum(['READ', 'WRITE', 'NONE']),
            includeSubs: z.literal(false).default(false),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

const appSchema = z
  .object({
    id: z.number().int().positive(),
    name: z.string().min(1).max(64),
    code: z.string().default(''),
    description: z.string().default(''),
    spaceId: z.number().int().positive().optional(),
    properties: z.record(z.string(), z.unknown()).default({}),
    records: z.array(z.record(z.string(), z.unknown())).default([]),
    apiTokens: z.array(apiTokenSchema).max(20).default([]),
    customize: customizeSchema.optional(),
    acl: z.array(aclEntrySchema).max(100).optional(),
    status: statusSchema.optional(),
    recordAcl: z.array(recordAclRuleSchema).max(100).optional(),
    fieldAcl: z.array(fieldAclRuleSchema).max(1000).optional(),
  })
  .strict();

/**
 * An OAuth client with fixed credentials, for test suites and demos; clients registered with
 * the CLI get generated ones. Allowed users are login names from this seed.
 */
const oauthClientSchema = z
  .object({
    clientId: z
      .string()
      .regex(CLIENT_ID_PATTERN, 'must be 1 to 128 letters, digits or the characters - . _ ~'),
    clientSecret: z
      .string()
      .min(16)
      .max(256)
      .refine(hasNoControlCharacters, 'must not contain control characters'),
    name: z
      .string()
      .min(1)
      .max(100)
      .refine(hasNoControlCharacters, 'must not contain control characters'),
    redirectUri: z.string().superRefine((uri, context) => {
      const problem = redirectUriProblem(uri);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    }),
    allowedUsers: z.array(z.string().min(1)).default([]),
    requirePkce: z.boolean().default(false),
  })
  .strict();

/** A seed file: the whole starting state of a store, for demos and test suites. */
export const seedSchema = z
  .object({
    users: z.array(userSchema).default([]),
    groups: z.array(groupSchema).optional(),
    spaces: z.array(spaceSchema).default([]),
    apps: z.array(appSchema).default([]),
    oauthClients: z.array(oauthClientSchema).optional(),
  })
  .strict();

export type Seed = z.infer<typeof seedSchema>;

/** A seed as written, before defaults are applied. */
export type SeedInput = z.input<typeof seedSchema>;
