import type { ApiCall, Upload } from '../../api/endpoint.js';
import { uploadFile } from '../../api/file.js';
import { customize } from '../../api/settings/customize.js';
import { writePreview } from '../../api/settings/setting-kind.js';
import { KintoneError, type Language } from '../../errors/kintone-error.js';
import type { SettingsBody } from '../../store/app-settings.js';
import type { SettingsDeps } from '../settings-page.js';
import { sessionCallFor, type AppSettingsScope } from './app-settings-scope.js';

export type CustomizeKind = 'js' | 'css';

/** What one form asks of one list: add at its end, or remove or move one entry. */
export type ListChange =
  | { add: { url: string; upload: Upload | undefined } }
  | { remove: number }
  | { move: number; by: -1 | 1 };

/**
 * Saves a change to the desktop JavaScript or CSS list in preview, through the code behind
 * `POST file.json` and `PUT preview/app/customize.json`: the page can store nothing the API
 * would refuse, and a refusal (a KintoneError) leaves the preview as it was. `revision` is the
 * preview revision the page showed, so positions name the entries the user saw.
 */
export async function saveCustomization(
  scope: AppSettingsScope,
  deps: SettingsDeps,
  kind: CustomizeKind,
  revision: number,
  change: ListChange,
): Promise<void> {
  const { app } = scope.reachable;
  const upload = 'add' in change ? change.add.upload : undefined;
  const call: ApiCall = {
    ...sessionCallFor(scope, deps, { app: app.id, revision }),
    ...(upload ? { upload } : {}),
  };
  const fileKey = upload ? ((await uploadFile.handle(call)) as { fileKey: string }).fileKey : '';

  await writePreview(call, app, customize, (current) => {
    // The same call each time the preview is computed: the API code remembers on it the
    // upload it took, which can be taken once only.
    call.params.desktop = { [kind]: changedList(listOf(current, kind), change, fileKey) };
    return customize.update(call, app, current);
  });
}

/** One list of the preview as the API takes it back: URLs, and files by the keys it shows. */
function listOf(body: SettingsBody, kind: CustomizeKind): unknown[] {
  const desktop = body.desktop as Record<CustomizeKind, Array<Record<string, unknown>>>;
  return desktop[kind].map((entry) =>
    entry.type === 'URL'
      ? { type: 'URL', url: entry.url }
      : { type: 'FILE', file: { fileKey: (entry.file as { fileKey: string }).fileKey } },
  );
}

function changedList(list: unknown[], change: ListChange, fileKey: string): unknown[] {
  if ('add' in change) {
    const added: unknown[] = [];
    if (fileKey) added.push({ type: 'FILE', file: { fileKey } });
    if (change.add.url) added.push({ type: 'URL', url: change.add.url });
    return [...list, ...added];
  }
  const at = 'remove' in change ? change.remove : change.move;
  // The revision check keeps positions in step with the page; only a forged form misses.
  if (at >= list.length) throw new KintoneError('CB_VA01');
  const next = [...list];
  if ('remove' in change) {
    next.splice(at, 1);
    return next;
  }
  const to = at + change.by;
  if (to < 0 || to >= next.length) return next;
  [next[at], next[to]] = [next[to], next[at]];
  return next;
}

/** A refusal as one line on the page: the error's message and what it says of each input. */
export function refusalText(error: unknown, language: Language): string {
  if (!(error instanceof KintoneError)) throw error;
  const details = Object.values(error.errorsIn(language) ?? {}).flatMap((e) => e.messages);
  return [error.messageIn(language), ...details].join(' ');
}
