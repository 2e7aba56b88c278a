import type { SettingsBody } from '../../store/app-settings.js';
import { invalidInput } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import { readIntegerText, readNamedObjects } from './setting-readers.js';
import type { SettingKind } from './setting-kind.js';

/**
 * Views, graphs (reports) and actions: objects keyed by name that a PUT replaces as a whole.
 * Each gets an id that it keeps while its name stays, as in Kintone, and a PUT answers the ids.
 */
function namedKind(path: string, listKey: string, liveReadNeeds: SettingKind['liveReadNeeds']) {
  const kind: SettingKind = {
    path,
    liveReadNeeds,
    initial: () => ({ [listKey]: {} }),
    update(call, _app, current) {
      const given = readNamedObjects(call.params[listKey], listKey);
      const before = (current[listKey] ?? {}) as Record<string, { id?: string }>;
      let nextId = highestId(before) + 1;

      const entries: Record<string, SettingsBody> = {};
      for (const [name, entry] of given) {
        const key = `${listKey}.${name}.index`;
        if (entry.index === undefined) {
          throw invalidInput([{ key, text: inputMessage('REQUIRED_PARAMETER') }]);
        }
        const index = readIntegerText(entry.index, key, '0', { min: 0, max: 1000 });
        // The key names the entry as it was; `name` renames it, keeping its id.
        const newName = typeof entry.name === 'string' && entry.name !== '' ? entry.name : name;
        if (Object.hasOwn(entries, newName)) {
          throw invalidInput([
            { key: `${listKey}.${name}.name`, text: inputMessage('CODE_TAKEN', { code: newName }) },
          ]);
        }
        const id = before[name]?.id ?? String(nextId++);
        entries[newName] = { ...entry, name: newName, id, index };
      }
      return { [listKey]: entries };
    },
    putAnswer(body) {
      const entries = body[listKey] as Record<string, { id: string }>;
      return {
        [listKey]: Object.fromEntries(Object.entries(entries).map(([n, e]) => [n, { id: e.id }])),
      };
    },
  };
  return kind;
}

function highestId(entries: Record<string, { id?: string }>): number {
  return Math.max(0, ...Object.values(entries).map((e) => Number(e.id ?? 0)));
}

export const views = namedKind('app/views', 'views', 'readForm');
export const reports = namedKind('app/reports', 'reports', 'manage');
export const actions = namedKind('app/actions', 'actions', 'manage');
