import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed, readSeedFile, SeedError } from '../../src/seed/read-seed.js';
import { applySeed } from '../../src/seed/apply-seed.js';
import { openStore } from '../../src/store/store.js';

function writeTemp(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'kl-seed-')), name);
  writeFileSync(file, text);
  return file;
}

describe('seed files', () => {
  it('reads the example seed shipped with the project', () => {
    const seed = readSeedFile(new URL('../../examples/seed.json', import.meta.url).pathname);
    expect(seed.users.map((u) => u.loginName)).toEqual(['alice', 'bob']);
    expect(seed.apps[0]?.apiTokens[0]?.permissions).toEqual(['view', 'add']);
    expect(seed.apps[0]?.recordAcl?.[0]?.entities[1]).toEqual({
      entity: { type: 'GROUP', code: 'everyone' },
      viewable: true,
      editable: false,
      deletable: false,
      includeSubs: false,
    });
  });

  it('applies the example seed, permissions included', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    try {
      const seed = readSeedFile(new URL('../../examples/seed.json', import.meta.url).pathname);
      await applySeed(store, seed, { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'UTC' });
      expect(await store.permissions.find(1, 'field', 'live')).toEqual([
        {
          code: 'total',
          entities: [
            { entity: { type: 'USER', code: 'alice' }, accessibility: 'WRITE', includeSubs: false },
            {
              entity: { type: 'GROUP', code: 'everyone' },
              accessibility: 'READ',
              includeSubs: false,
            },
          ],
        },
      ]);
      expect(await store.permissions.find(2, 'record', 'live')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('reads YAML by extension', () => {
    const file = writeTemp('seed.yaml', 'users:\n  - loginName: ann\n    password: pw\n');
    expect(readSeedFile(file).users[0]).toMatchObject({
      loginName: 'ann',
      admin: false,
      enabled: true,
    });
  });

  it('names an unknown key and where it is', () => {
    const run = () => parseSeed({ users: [{ loginName: 'a', password: 'b', passwrd: 'typo' }] });
    expect(run).toThrow(SeedError);
    expect(run).toThrow(/users\[0\].*passwrd/s);
  });

  it('names a bad value', () => {
    expect(() =>
      parseSeed({ apps: [{ id: 1, name: 'x', apiTokens: [{ token: 'short' }] }] }),
    ).toThrow(/apps\[0\]\.apiTokens\[0\]\.token: must be 40 letters and digits/);
  });

  it('refuses a password with a control character, which could never log in', () => {
    expect(() => parseSeed({ users: [{ loginName: 'a', password: 'x\u0000y' }] })).toThrow(
      /users\[0\]\.password: must not contain control characters/,
    );
  });

  it('says when the file is not valid JSON', () => {
    const file = writeTemp('seed.json', '{ "users": [ ');
    expect(() => readSeedFile(file)).toThrow(/is not valid JSON/);
  });

  it("refuses a record that breaks its app's fields before writing anything", async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const seed = parseSeed({
      users: [{ loginName: 'a', password: 'b' }],
      apps: [
        {
          id: 1,
          name: 'x',
          properties: { n: { type: 'NUMBER', code: 'n', label: 'N' } },
          records: [{ n: { value: 'not a number' } }],
        },
      ],
    });
    await expect(applySeed(store, seed, { now: new Date(), timeZone: 'UTC' })).rejects.toThrow(
      /apps\[0\]\.records\[0\]/,
    );
    expect(await store.users.count()).toBe(0);
    await store.close();
  });

  it('refuses files in seed records, which could only name files that do not exist', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const seed = parseSeed({
      users: [{ loginName: 'a', password: 'b' }],
      apps: [
        {
          id: 1,
          name: 'x',
          properties: { f: { type: 'FILE', code: 'f', label: 'F' } },
          records: [{ f: { value: [] } }, { f: { value: [{ fileKey: 'k' }] } }],
        },
      ],
    });
    await expect(applySeed(store, seed, { now: new Date(), timeZone: 'UTC' })).rejects.toThrow(
      /apps\[0\]\.records\[1\]\.f\.value: a seed cannot hold files/,
    );
    await store.close();
  });

  it('refuses a space member who is not a user', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const seed = parseSeed({ spaces: [{ id: 1, name: 's', members: ['ghost'] }] });
    await expect(applySeed(store, seed, { now: new Date(), timeZone: 'UTC' })).rejects.toThrow(
      /spaces\[0\]\.members: unknown user "ghost"/,
    );
    await store.close();
  });

  it('refuses app permissions naming an unknown user or group', async () => {
    const store = await openStore({ kind: 'sqlite', file: ':memory:' });
    const options = { now: new Date(), timeZone: 'UTC' };
    const withEntity = (entity: unknown) =>
      parseSeed({
        users: [{ loginName: 'a', password: 'b' }],
        groups: [{ code: 'staff', members: ['a'] }],
        apps: [{ id: 1, name: 'x', acl: [{ entity, recordViewable: true }] }],
      });
    await expect(
      applySeed(store, withEntity({ type: 'USER', code: 'ghost' }), options),
    ).rejects.toThrow(/apps\[0\]\.acl\[0\]\.entity\.code: unknown user "ghost"/);
    await expect(
      applySeed(store, withEntity({ type: 'GROUP', code: 'nobody' }), options),
    ).rejects.toThrow(/apps\[0\]\.acl\[0\]\.entity\.code: unknown group "nobody"/);
    expect(await store.users.count()).toBe(0);
    await store.close();
  });

  it('keeps the built-in group codes for the built-in groups', () => {
    expect(() => parseSeed({ groups: [{ code: 'everyone' }] })).toThrow(/groups\[0\]\.code/);
    expect(() => parseSeed({ groups: [{ code: 'Administrators' }] })).toThrow(/built-in group/);
  });
});
