import { randomUUID } from 'node:crypto';
import { invalidInput } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import { readBody, type Deployer, type SettingsBody } from '../../store/app-settings.js';
import { writePageFiles, type CustomizeEntry } from '../../store/customizations.js';
import type { Store } from '../../store/store.js';
import type { App } from '../../store/types.js';
import type { ApiCall } from '../endpoint.js';
import { readObject, readOptionalString } from '../param-readers.js';
import { readChoice, readObjectList } from './setting-readers.js';
import type { SettingKind } from './setting-kind.js';

/** A customization file as the settings keep it: its description plus its text. */
interface FileEntry {
  type: 'FILE';
  file: { fileKey: string; name: string; contentType: string; size: string };
  content: string;
}
type Entry = { type: 'URL'; url: string } | FileEntry;
type Files = { js: Entry[]; css: Entry[] };

const SCOPES = ['ALL', 'ADMIN', 'NONE'] as const;
const PATH = 'app/customize';

/**
 * `app/customize`: JavaScript and CSS for desktop and mobile, as URLs or files uploaded with
 * `file.json`. Deployed desktop files are what the app's pages load.
 */
export const customize: SettingKind = {
  path: PATH,
  liveReadNeeds: 'manage',
  initial: () => ({ scope: 'ALL', desktop: { js: [], css: [] }, mobile: { js: [], css: [] } }),
  live: liveCustomize,
  present(body) {
    return {
      scope: body.scope,
      desktop: withoutContent(body.desktop as Files),
      mobile: withoutContent(body.mobile as Files),
    };
  },
  async update(call, app, current) {
    const p = call.params;
    const next: SettingsBody = {
      ...current,
      scope: readChoice(p.scope, 'scope', SCOPES, current.scope as (typeof SCOPES)[number]),
    };
    const lists: Array<{ device: 'desktop' | 'mobile'; kind: 'js' | 'css'; given: Given[] }> = [];
    for (const device of ['desktop', 'mobile'] as const) {
      if (p[device] === undefined) continue;
      const given = readObject(p[device], device);
      for (const kind of ['js', 'css'] as const) {
        if (given[kind] !== undefined) {
          lists.push({ device, kind, given: readEntries(given[kind], `${device}.${kind}`) });
        }
      }
    }

    const files = await filesFor(
      call,
      app.id,
      knownFiles(current),
      lists.flatMap((l) => l.given),
    );
    for (const { device, kind, given } of lists) {
      const entries = given.map((entry) =>
        entry.type === 'UPLOAD' ? (files.get(entry.fileKey) as FileEntry) : entry,
      );
      next[device] = { ...(next[device] as Files), [kind]: entries };
    }
    return next;
  },
};

/** Live settings: deployed ones, or what the store's customization table holds for pages. */
async function liveCustomize(app: App, store: Store): Promise<SettingsBody> {
  const stored = await store.appSettings.read(app.id, PATH, 'live');
  if (stored) return stored;

  const pages = await store.customize.forApp(app.id);
  const toEntry = (kind: 'js' | 'css', entry: (typeof pages)['js'][number], i: number): Entry =>
    entry.type === 'URL'
      ? entry
      : {
          type: 'FILE',
          file: {
            fileKey: `customize-${app.id}-${kind}-${i}`,
            name: entry.fileName,
            contentType: kind === 'js' ? 'text/javascript' : 'text/css',
            size: String(Buffer.byteLength(entry.content)),
          },
          content: entry.content,
        };
  return {
    scope: 'ALL',
    desktop: {
      js: pages.js.map((e, i) => toEntry('js', e, i)),
      css: pages.css.map((e, i) => toEntry('css', e, i)),
    },
    mobile: { js: [], css: [] },
  };
}

/** An entry as given: a URL, or a file named by an upload key or a key the settings show. */
type Given = { type: 'URL'; url: string } | { type: 'UPLOAD'; fileKey: string; where: string };

function readEntries(value: unknown, key: string): Given[] {
  return readObjectList(value, key, 30).map((entry, i): Given => {
    const where = `${key}[${i}]`;
    const type = readChoice(entry.type, `${where}.type`, ['URL', 'FILE'] as const, 'URL');
    if (type === 'URL') {
      const url = readOptionalString(entry.url, `${where}.url`);
      if (!url || !/^https:\/\//.test(url)) {
        throw invalidInput([{ key: `${where}.url`, text: inputMessage('NOT_HTTPS_URL') }]);
      }
      return { type, url };
    }
    const file = readObject(entry.file, `${where}.file`);
    const fileKey = readOptionalString(file.fileKey, `${where}.file.fileKey`) ?? '';
    return { type: 'UPLOAD', fileKey, where: `${where}.file.fileKey` };
  });
}

/**
 * Uploads this call has taken. A preview write computed again after a concurrent one finds
 * them here, as an upload can be taken once only.
 */
const takenByCall = new WeakMap<ApiCall, Map<string, FileEntry>>();

/**
 * The file of each key given: one the settings already show, or a fresh upload, which the app
 * takes. Every key is checked before any upload is taken, so a refused call leaves them all
 * usable.
 */
async function filesFor(
  call: ApiCall,
  appId: number,
  known: Map<string, FileEntry>,
  given: Given[],
): Promise<Map<string, FileEntry>> {
  const taken = takenByCall.get(call) ?? new Map<string, FileEntry>();
  takenByCall.set(call, taken);
  const files = new Map([...known, ...taken]);
  const store = call.services.store.files;
  const now = call.services.now().getTime();
  const uploads = given.filter(
    (g): g is Extract<Given, { type: 'UPLOAD' }> => g.type === 'UPLOAD' && !files.has(g.fileKey),
  );

  for (const upload of uploads) {
    if (!(await store.isTemporary(upload.fileKey, now))) unknownFile(upload.where);
  }
  for (const { fileKey, where } of uploads) {
    if (files.has(fileKey)) continue;
    const newKey = randomUUID();
    const file = await store.claimForApp(fileKey, newKey, appId, now);
    if (!file) unknownFile(where);
    const entry: FileEntry = {
      type: 'FILE',
      file: {
        fileKey: newKey,
        name: file.name,
        contentType: file.contentType,
        size: String(file.size),
      },
      content: file.bytes.toString('utf8'),
    };
    taken.set(fileKey, entry);
    files.set(fileKey, entry);
  }
  return files;
}

function unknownFile(key: string): never {
  throw invalidInput([{ key, text: inputMessage('UNKNOWN_FILE_KEY') }]);
}

function knownFiles(body: SettingsBody): Map<string, FileEntry> {
  const known = new Map<string, FileEntry>();
  for (const device of ['desktop', 'mobile'] as const) {
    const files = body[device] as Files;
    for (const entry of [...files.js, ...files.css]) {
      if (entry.type === 'FILE') known.set(entry.file.fileKey, entry);
    }
  }
  return known;
}

function withoutContent(files: Files) {
  const strip = (entry: Entry) =>
    entry.type === 'URL' ? entry : { type: entry.type, file: entry.file };
  return { js: files.js.map(strip), css: files.css.map(strip) };
}

/** Deploy step: the app's pages load the deployed desktop files. */
export const deployCustomize: Deployer = async (trx, appId) => {
  const body = await readBody(trx, appId, PATH, 'preview');
  if (!body) return;

  const desktop = body.desktop as Files;
  const toPageFile = (entry: Entry): CustomizeEntry =>
    entry.type === 'URL'
      ? entry
      : { type: 'FILE', fileName: entry.file.name, content: entry.content };
  await writePageFiles(trx, appId, {
    js: desktop.js.map(toPageFile),
    css: desktop.css.map(toPageFile),
  });
};
