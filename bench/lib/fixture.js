/**
 * What every benchmark server holds and every request sends: one admin, one app with a few
 * typed fields and one record, and one view-only API token.
 */

export const LOGIN = 'bench-admin';
export const PASSWORD = 'bench-password';
/** 40 letters and digits, the only shape Kintone issues. */
export const TOKEN = 'BenchToken0123456789abcdefghijklmnopqrst';
/** View, add and edit, for the mixed load of `npm run load`. */
export const WRITE_TOKEN = 'BenchWriter123456789abcdefghijklmnopqrst';

/** The seek app's own token: Kintone tokens belong to one app each. */
export const SEEK_TOKEN = 'BenchSeekToken0123456789abcdefghijklmnop';

export const RECORD_PATH = '/k/v1/record.json?app=1&id=1';

/** The app the seek case reads: empty in the seed, filled in bulk through the store. */
export const SEEK_APP = 2;
export const SEEK_RECORDS = 100_000;
export const SEEK_PAGE = 500;

/** One page of Kintone's seek paging, as `getAllRecords` asks for it, after record `after`. */
export function seekPath(after) {
  const query = `$id > ${after} order by $id asc limit ${SEEK_PAGE}`;
  return `/k/v1/records.json?app=${SEEK_APP}&query=${encodeURIComponent(query)}`;
}

export const TOKEN_HEADERS = { 'x-cybozu-api-token': TOKEN };
export const PASSWORD_HEADERS = {
  'x-cybozu-authorization': Buffer.from(`${LOGIN}:${PASSWORD}`, 'utf8').toString('base64'),
};

/**
 * Spelled out in full: startServer takes a seed object as given, without the defaults that
 * reading a seed file would fill in (a user left without `enabled` could not log in).
 */
export function benchSeed() {
  return {
    users: [
      { loginName: LOGIN, password: PASSWORD, name: 'Bench Admin', admin: true, enabled: true },
    ],
    spaces: [],
    apps: [
      {
        id: 1,
        name: 'Bench',
        code: '',
        description: '',
        properties: {
          title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
          amount: { type: 'NUMBER', code: 'amount', label: 'Amount' },
          due: { type: 'DATE', code: 'due', label: 'Due' },
          state: {
            type: 'DROP_DOWN',
            code: 'state',
            label: 'State',
            options: {
              Open: { label: 'Open', index: '0' },
              Closed: { label: 'Closed', index: '1' },
            },
          },
        },
        records: [
          {
            title: { value: 'Benchmark record' },
            amount: { value: '1234.5' },
            due: { value: '2025-04-01' },
            state: { value: 'Open' },
          },
        ],
        apiTokens: [
          { token: TOKEN, permissions: ['view'], note: 'bench' },
          { token: WRITE_TOKEN, permissions: ['view', 'add', 'edit'], note: 'load' },
        ],
      },
      {
        id: SEEK_APP,
        name: 'Seek',
        code: '',
        description: '',
        properties: {
          title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
          amount: { type: 'NUMBER', code: 'amount', label: 'Amount' },
        },
        records: [],
        apiTokens: [{ token: SEEK_TOKEN, permissions: ['view'], note: 'bench seek' }],
      },
    ],
  };
}
