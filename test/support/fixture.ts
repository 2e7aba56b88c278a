import type { Seed } from '../../src/seed/seed-schema.js';

/** A 40-character token made readable: a name padded with zeros. */
export function fixtureToken(name: string): string {
  return (name + '0'.repeat(40)).slice(0, 40);
}

export const TOKENS = {
  app1Full: fixtureToken('app1full'),
  app1View: fixtureToken('app1view'),
  app1Add: fixtureToken('app1add'),
  app1Manage: fixtureToken('app1manage'),
  app1Second: fixtureToken('app1second'),
  guestAppFull: fixtureToken('guestapp'),
  spaceAppFull: fixtureToken('spaceapp'),
  app4View: fixtureToken('app4view'),
  app4Second: fixtureToken('app4second'),
};

export const USERS = {
  alice: { loginName: 'alice', password: 'alice-password' },
  bob: { loginName: 'bob', password: 'bob-password' },
  carol: { loginName: 'carol', password: 'carol-password' },
  yuki: { loginName: 'ゆき', password: 'パスワード１２３' },
};

export const APP_PROPERTIES = {
  title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title', required: true },
  code: { type: 'SINGLE_LINE_TEXT', code: 'code', label: 'Code', unique: true },
  body: { type: 'MULTI_LINE_TEXT', code: 'body', label: 'Body' },
  amount: { type: 'NUMBER', code: 'amount', label: 'Amount' },
  due: { type: 'DATE', code: 'due', label: 'Due' },
  at: { type: 'DATETIME', code: 'at', label: 'At' },
  state: {
    type: 'DROP_DOWN',
    code: 'state',
    label: 'State',
    options: { Open: { label: 'Open', index: '0' }, Closed: { label: 'Closed', index: '1' } },
  },
  tags: {
    type: 'CHECK_BOX',
    code: 'tags',
    label: 'Tags',
    options: {
      red: { label: 'red', index: '0' },
      green: { label: 'green', index: '1' },
      blue: { label: 'blue', index: '2' },
    },
  },
  priority: {
    type: 'RADIO_BUTTON',
    code: 'priority',
    label: 'Priority',
    defaultValue: 'Low',
    options: { Low: { label: 'Low', index: '0' }, High: { label: 'High', index: '1' } },
  },
};

function records(prefix: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    title: { value: `${prefix} ${i + 1}` },
    code: { value: `${prefix}-${i + 1}` },
    amount: { value: String((i + 1) * 10) },
    state: { value: i % 2 === 0 ? 'Open' : 'Closed' },
  }));
}

/**
 * Known starting state for HTTP tests: a plain app (1), an app in a guest space (2), an app in
 * a normal space (3) and a second plain app (4), with tokens of varied permissions.
 */
export function fixtureSeed(): Seed {
  return {
    users: [
      { ...USERS.alice, name: 'Alice Admin', admin: true, enabled: true },
      { ...USERS.bob, name: 'Bob', admin: false, enabled: true },
      { ...USERS.carol, name: 'Carol', admin: false, enabled: false },
      { ...USERS.yuki, name: '雪', admin: false, enabled: true },
    ],
    spaces: [
      { id: 1, name: 'Sales space', isGuest: false, members: ['alice', 'bob'] },
      { id: 2, name: 'Partner guest space', isGuest: true, members: ['alice'] },
    ],
    apps: [
      {
        id: 1,
        name: 'Tasks',
        code: 'TASKS',
        description: '',
        properties: APP_PROPERTIES,
        records: records('Task', 5),
        apiTokens: [
          { token: TOKENS.app1Full, permissions: ['view', 'add', 'edit', 'delete'], note: '' },
          { token: TOKENS.app1View, permissions: ['view'], note: '' },
          { token: TOKENS.app1Add, permissions: ['add'], note: '' },
          { token: TOKENS.app1Manage, permissions: ['manage'], note: '' },
          { token: TOKENS.app1Second, permissions: ['view'], note: 'second view token' },
        ],
      },
      {
        id: 2,
        name: 'Guest tasks',
        code: '',
        description: '',
        spaceId: 2,
        properties: APP_PROPERTIES,
        records: records('Guest', 3),
        apiTokens: [
          { token: TOKENS.guestAppFull, permissions: ['view', 'add', 'edit', 'delete'], note: '' },
        ],
      },
      {
        id: 3,
        name: 'Space tasks',
        code: '',
        description: '',
        spaceId: 1,
        properties: APP_PROPERTIES,
        records: records('Space', 2),
        apiTokens: [
          { token: TOKENS.spaceAppFull, permissions: ['view', 'add', 'edit', 'delete'], note: '' },
        ],
      },
      {
        id: 4,
        name: 'Contacts',
        code: '',
        description: '',
        properties: APP_PROPERTIES,
        records: records('Contact', 2),
        apiTokens: [
          { token: TOKENS.app4View, permissions: ['view'], note: '' },
          { token: TOKENS.app4Second, permissions: ['view'], note: '' },
        ],
      },
    ],
  };
}
