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
    const known = knownFiles(current);
    const next: SettingsBody = {
      ...current,
      scope: readChoice(p.scope, 'scope', SCOPES, current.scope as (typeof SCOPES)[number]),
    };
    for (const device of ['desktop', 'mobile'] as const) {
      if (p[device] === undefined) continue;
      const given = readObject(p[device], device);
      const now = current[device] as Files;
      next[device] = {
        js:
          given.js === undefined
            ? now.js
            : await readEntries(call, app.id, given.js, `${device}.js`, known),
        css:
          given.css === undefined
            ? now.css
            : await readEntries(call, app.id, given.css, `${device}.css`, known),
      };
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

/**
 * Entries of one list. A file is named by a fresh upload key, or by a key the settings already
 * show, which keeps that file.
 */
async function readEntries(
  call: ApiCall,
  appId: number,
  value: unknown,
  key: string,
  known: Map<string, FileEntry>,
): Promise<Entry[]> {
  const entries: Entry[] = [];
  for (const [i, entry] of readObjectList(value, key, 30).entries()) {
    const where = `${key}[${i}]`;
    const type = readChoice(entry.type, `${where}.type`, ['URL', 'FILE'] as const, 'URL');
    if (type === 'URL') {
      const url = readOptionalString(entry.url, `${where}.url`);
      if (!url || !/^https:\/\//.test(url)) {
        throw invalidInput([{ key: `${where}.url`, text: inputMessage('NOT_HTTPS_URL') }]);
      }
      entries.push({ type, url });
      continue;
    }

    const fileKey = readOptionalString(
      readObject(entry.file, `${where}.file`).fileKey,
      `${where}.file.fileKey`,
    );
    const kept = fileKey === undefined ? undefined : known.get(fileKey);
    if (kept) {
      entries.push(kept);
      continue;
    }
    const newKey = randomUUID();
    const upload =
      fileKey === undefined
        ? undefined
        : await call.services.store.files.claimForApp(
            fileKey,
            newKey,
            appId,
            call.services.now().getTime(),
          );
    if (!upload) {
      throw invalidInput([
        { key: `${where}.file.fileKey`, text: inputMessage('UNKNOWN_FILE_KEY') },
      ]);
    }
    entries.push({
      type: 'FILE',
      file: {
        fileKey: newKey,
        name: upload.name,
        contentType: upload.contentType,
        size: String(upload.size),
      },
      content: upload.bytes.toString('utf8'),
    });
  }
  return entries;
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
