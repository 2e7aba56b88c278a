import { KintoneRestAPIClient } from '@kintone/rest-api-client';
import type { Seed } from '../../src/seed/seed-schema.js';
import { APP_PROPERTIES, fixtureToken } from '../support/fixture.js';

export const ACL_TOKEN_VIEW = fixtureToken('aclrecordview');
export const ACL_TOKEN_MANAGE = fixtureToken('aclrecordmanage');

export const ACL_USERS = ['admin', 'member', 'viewer', 'outsider', 'disabled'] as const;
export type AclLogin = (typeof ACL_USERS)[number];

const ALL_RECORDS = {
  recordViewable: true,
  recordAddable: true,
  recordEditable: true,
  recordDeletable: true,
  recordImportable: true,
  recordExportable: true,
};

/** Seeded records of app 1, by id. */
export const RECORD = { open: 1, closed: 2, locked: 3, plain: 4 } as const;

/**
 * App 1: "admin" (its creator) manages it; group "staff" (member, viewer) may do everything
 * with records, but "viewer" is held to viewing by an entry above; "outsider" and "disabled"
 * have no right.
 *
 * Record permissions, top-down: Closed records only for admin (everyone else named, and
 * refused); "locked" records viewable by staff, editable by nobody (admin is not named, so
 * it sees nothing there); records titled "own" for the user in the 作成者 (Created by) field only.
 *
 * Field permissions: `amount` is writable by admin, read-only for staff; `body` and
 * `privateFile` are admin's.
 */
export function recordAclSeed(): Seed {
  return {
    users: ACL_USERS.map((login) => ({
      loginName: login,
      password: `${login}-password`,
      admin: login === 'admin',
      enabled: login !== 'disabled',
    })),
    groups: [{ code: 'staff', name: 'Staff', members: ['member', 'viewer', 'disabled'] }],
    spaces: [],
    apps: [
      {
        id: 1,
        name: 'Guarded',
        code: '',
        description: '',
        properties: {
          ...APP_PROPERTIES,
          attachment: { type: 'FILE', code: 'attachment', label: 'Attachment' },
          privateFile: { type: 'FILE', code: 'privateFile', label: 'Private file' },
        },
        records: [
          { title: { value: 'open' }, state: { value: 'Open' }, amount: { value: '10' } },
          { title: { value: 'closed' }, state: { value: 'Closed' }, amount: { value: '20' } },
          { title: { value: 'locked' }, state: { value: 'Open' }, body: { value: 'b' } },
          { title: { value: 'plain' }, state: { value: 'Open' }, body: { value: 'secret' } },
        ],
        apiTokens: [
          { token: ACL_TOKEN_VIEW, permissions: ['view'], note: '' },
          { token: ACL_TOKEN_MANAGE, permissions: ['view', 'manage'], note: '' },
        ],
        acl: [
          {
            entity: { type: 'CREATOR', code: null },
            includeSubs: false,
            appEditable: true,
            ...ALL_RECORDS,
          },
          {
            entity: { type: 'USER', code: 'viewer' },
            includeSubs: false,
            appEditable: false,
            ...ALL_RECORDS,
            recordAddable: false,
            recordEditable: false,
            recordDeletable: false,
            recordImportable: false,
            recordExportable: false,
          },
          {
            entity: { type: 'GROUP', code: 'staff' },
            includeSubs: false,
            appEditable: false,
            ...ALL_RECORDS,
          },
        ],
        recordAcl: [
          {
            filterCond: 'state in ("Closed")',
            entities: [
              {
                entity: { type: 'GROUP', code: 'everyone' },
                viewable: false,
                editable: false,
                deletable: false,
                includeSubs: false,
              },
              {
                entity: { type: 'USER', code: 'admin' },
                viewable: true,
                editable: true,
                deletable: true,
                includeSubs: false,
              },
            ],
          },
          {
            filterCond: 'title = "locked"',
            entities: [
              {
                entity: { type: 'GROUP', code: 'staff' },
                viewable: true,
                editable: false,
                deletable: false,
                includeSubs: false,
              },
            ],
          },
          {
            filterCond: 'title = "own"',
            entities: [
              {
                entity: { type: 'FIELD_ENTITY', code: '作成者' },
                viewable: true,
                editable: true,
                deletable: true,
                includeSubs: false,
              },
            ],
          },
        ],
        fieldAcl: [
          {
            code: 'amount',
            entities: [
              {
                entity: { type: 'USER', code: 'admin' },
                accessibility: 'WRITE',
                includeSubs: false,
              },
              {
                entity: { type: 'GROUP', code: 'staff' },
                accessibility: 'READ',
                includeSubs: false,
              },
            ],
          },
          {
            code: 'privateFile',
            entities: [
              {
                entity: { type: 'USER', code: 'admin' },
                accessibility: 'WRITE',
                includeSubs: false,
              },
            ],
          },
          {
            code: 'body',
            entities: [
              {
                entity: { type: 'USER', code: 'admin' },
                accessibility: 'WRITE',
                includeSubs: false,
              },
            ],
          },
        ],
      },
    ],
  };
}

export function clientAs(url: string, login: AclLogin): KintoneRestAPIClient {
  return new KintoneRestAPIClient({
    baseUrl: url,
    auth: { username: login, password: `${login}-password` },
  });
}

export function clientWithToken(url: string, apiToken: string): KintoneRestAPIClient {
  return new KintoneRestAPIClient({ baseUrl: url, auth: { apiToken } });
}
