import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store.js';

const BIN = new URL('../../bin/kintone-local.js', import.meta.url).pathname;
const run = promisify(execFile);

describe('kintone-local group and permissions commands', () => {
  it('adds groups and members, and sets permissions checked as the API checks them', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kl-cli-acl-'));
    const cli = (...args: string[]) => run(process.execPath, [BIN, ...args, '--data', data]);

    await cli('user', 'add', '--login', 'alice', '--password', 'pw', '--admin');
    await cli('user', 'add', '--login', 'bob', '--password', 'pw');
    expect((await cli('app', 'add', '--name', 'Tasks', '--creator', 'alice')).stdout).toBe(
      'Added app 1 (Tasks).\n',
    );
    await cli('group', 'add', '--code', 'staff', '--member', 'bob');
    await cli('group', 'add-member', '--code', 'staff', '--member', 'alice');

    const rules = path.join(data, 'record-acl.json');
    const rights = [
      {
        filterCond: 'Created_by in (LOGINUSER())',
        entities: [{ entity: { type: 'GROUP', code: 'staff' }, viewable: true }],
      },
    ];
    writeFileSync(rules, JSON.stringify({ rights }));
    const refused = await cli(
      'permissions',
      'set',
      '--app',
      '1',
      '--kind',
      'record',
      '--file',
      rules,
    )
      .then(() => 'accepted')
      .catch((error: { stderr: string }) => error.stderr);
    expect(refused).toMatch(/^kintone-local: .*Created_by/);

    rights[0]!.filterCond = '作成者 in (LOGINUSER())';
    writeFileSync(rules, JSON.stringify({ rights }));
    await cli('permissions', 'set', '--app', '1', '--kind', 'record', '--file', rules);
    const shown = await cli('permissions', 'show', '--app', '1', '--kind', 'record');
    expect(JSON.parse(shown.stdout).revision).toBe('1');
    expect(JSON.parse(shown.stdout).rights[0].entities[0]).toEqual({
      entity: { type: 'GROUP', code: 'staff' },
      viewable: true,
      editable: false,
      deletable: false,
      includeSubs: false,
    });

    // An app without a setting of its own shows the default, as GET field/acl.json and
    // app/acl.json answer it.
    const fields = await cli('permissions', 'show', '--app', '1', '--kind', 'field');
    expect(JSON.parse(fields.stdout)).toEqual({ rights: [], revision: '1' });
    const appAcl = await cli('permissions', 'show', '--app', '1', '--kind', 'app');
    expect(
      JSON.parse(appAcl.stdout).rights.map((entry: { entity: unknown }) => entry.entity),
    ).toEqual([
      { type: 'CREATOR', code: null },
      { type: 'GROUP', code: 'everyone' },
    ]);

    const store = await openStore({ kind: 'sqlite', file: path.join(data, 'kintone-local.db') });
    try {
      const app = (await store.apps.find(1))!;
      expect(app.creator).toEqual({ code: 'alice', name: 'alice' });
      const bob = (await store.users.findByLoginName('bob'))!;
      const alice = (await store.users.findByLoginName('alice'))!;
      expect(await store.groups.isMember('staff', bob.id)).toBe(true);
      expect(await store.groups.isMember('staff', alice.id)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('names the store it looked in when the command found it empty', async () => {
    const data = path.join(mkdtempSync(path.join(tmpdir(), 'kl-cli-acl-')), 'elsewhere');
    const failure = await run(process.execPath, [
      BIN,
      ...['permissions', 'show', '--app', '1', '--kind', 'app', '--data', data],
    ]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toBe(
      `kintone-local: No app 1. The store at ${data} was empty (this command created it): ` +
        'give the --data folder or --database-url the server uses.\n',
    );
  });
});
