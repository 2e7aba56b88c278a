import { isSystemFieldType } from '../../kintone/fields/system-fields.js';
import type { FieldProperties } from '../../kintone/fields/types.js';
import type { SettingsBody } from '../../store/app-settings.js';
import type { Store } from '../../store/store.js';
import type { App } from '../../store/types.js';
import { layoutOf } from '../form-layout.js';
import { formLayout } from './simple-kinds.js';

interface LayoutItem {
  type: string;
  code?: string;
  fields?: Array<{ type: string; code?: string }>;
  layout?: LayoutItem[];
}

/**
 * The layout after the fields changed, as Kintone keeps it: fields that are gone leave their
 * rows, and new fields get a row of their own at the end. An app whose layout was never set
 * needs nothing: its layout is made from its fields whenever it is read.
 */
export async function layoutFollowingFields(
  app: App,
  store: Store,
  properties: FieldProperties,
): Promise<Array<[string, SettingsBody]>> {
  const stored =
    (await store.appSettings.read(app.id, formLayout.path, 'preview')) ??
    (await store.appSettings.read(app.id, formLayout.path, 'live'));
  if (!stored) return [];

  const exists = (code: string | undefined) => code === undefined || code in properties;
  const layout = prune(stored.layout as LayoutItem[], exists);

  const placed = new Set<string>();
  collectCodes(layout, placed);
  for (const [code, field] of Object.entries(properties)) {
    if (isSystemFieldType(field.type) || placed.has(code)) continue;
    layout.push(...(layoutOf({ ...app, properties: { [code]: field } }).layout as LayoutItem[]));
  }
  return [[formLayout.path, { layout }]];
}

function prune(items: LayoutItem[], exists: (code: string | undefined) => boolean): LayoutItem[] {
  const kept: LayoutItem[] = [];
  for (const item of items) {
    if (item.type === 'SUBTABLE' && !exists(item.code)) continue;
    const next: LayoutItem = { ...item };
    if (item.fields) {
      next.fields = item.fields.filter((f) => exists(f.code));
      if (next.fields.length === 0 && item.fields.length > 0) continue;
    }
    if (item.layout) next.layout = prune(item.layout, exists);
    kept.push(next);
  }
  return kept;
}

function collectCodes(items: LayoutItem[], into: Set<string>): void {
  for (const item of items) {
    if (item.code) into.add(item.code);
    for (const field of item.fields ?? []) if (field.code) into.add(field.code);
    if (item.layout) collectCodes(item.layout, into);
  }
}
