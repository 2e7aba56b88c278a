import type { AppAclEntry, AppRights } from '../../store/types.js';
import { formChecked, formField, type FormRequest } from '../forms.js';

/*
 * The app permissions form as entered: its rows stay the texts and ticks that were posted, so a
 * refused save shows them again unchanged. Only `apiRightsOf` turns them into the `rights` that
 * `PUT preview/app/acl.json` takes, and the API's own reader decides what is acceptable.
 */

/** The seven rights of an entry, in the order Kintone's page shows them. */
export const APP_RIGHTS = [
  'appEditable',
  'recordViewable',
  'recordAddable',
  'recordEditable',
  'recordDeletable',
  'recordImportable',
  'recordExportable',
] as const satisfies ReadonlyArray<keyof AppRights>;

export type AppRight = (typeof APP_RIGHTS)[number];

/** The entity types the page offers; organizations do not exist here. */
export const ENTITY_TYPES = ['USER', 'GROUP', 'CREATOR'] as const;

/** One row of the form. */
export interface AclFormRow {
  type: string;
  code: string;
  /** Carried as stored: Kintone uses it for organizations only, which the page does not offer. */
  includeSubs: boolean;
  rights: Record<AppRight, boolean>;
  /** As entered: the position the row is saved at, 1 first. */
  priority: string;
  remove: boolean;
}

export interface AclForm {
  rows: AclFormRow[];
  /** The "add an entry" row: a blank code adds nothing, unless the creator is chosen. */
  added: AclFormRow;
  /** The preview revision the page showed, so a save over someone else's change is refused. */
  revision: string;
}

/** The form for stored entries, in their order, with an empty "add an entry" row. */
export function formOfEntries(entries: readonly AppAclEntry[], revision: number): AclForm {
  return {
    rows: entries.map((entry, index) => ({
      type: entry.entity.type,
      code: entry.entity.code ?? '',
      includeSubs: entry.includeSubs,
      rights: rightsOf((right) => entry[right]),
      priority: String(index + 1),
      remove: false,
    })),
    added: blankRow(),
    revision: String(revision),
  };
}

/** The posted form: rows `e0`, `e1`, … in their order on the page, and the row `new`. */
export function readAclForm(request: FormRequest): AclForm {
  // A set: `e01-type` names row 1 as `e1-type` does, and a row is read once.
  const named = new Set<number>();
  for (const name of Object.keys(request.body ?? {})) {
    const index = /^e(\d{1,4})-type$/.exec(name)?.[1];
    if (index !== undefined) named.add(Number(index));
  }
  const indexes = [...named].sort((a, b) => a - b);
  const row = (prefix: string): AclFormRow => ({
    type: formField(request, `${prefix}-type`),
    code: formField(request, `${prefix}-code`).trim(),
    includeSubs: formChecked(request, `${prefix}-includeSubs`),
    rights: rightsOf((right) => formChecked(request, `${prefix}-${right}`)),
    priority: formField(request, `${prefix}-priority`),
    remove: formChecked(request, `${prefix}-remove`),
  });
  return {
    rows: indexes.map((index) => row(`e${index}`)),
    added: row('new'),
    revision: formField(request, 'revision'),
  };
}

/**
 * The form as the API's `rights`, in priority order, and the row each entry came from (to
 * place the API's refusals). Rows ticked for removal are left out. Rows sharing a priority
 * keep their order on the page, and a new entry goes before the row already holding its
 * number, as Kintone inserts it. A priority that is not a number leaves the row where it was.
 */
export function apiRightsOf(form: AclForm): { rights: unknown[]; rows: AclFormRow[] } {
  const placed = form.rows
    .map((row, index) => ({ row, at: priorityOf(row, index + 1) }))
    .filter(({ row }) => !row.remove);
  if (isAdding(form.added)) placed.push({ row: form.added, at: priorityOf(form.added, 1) - 0.5 });
  // Array sort is stable: equal priorities keep the page's order.
  placed.sort((a, b) => a.at - b.at);

  const rows = placed.map(({ row }) => row);
  const rights = rows.map((row) => ({
    entity: { type: row.type, code: row.type === 'CREATOR' ? null : row.code },
    includeSubs: row.includeSubs,
    ...row.rights,
  }));
  return { rights, rows };
}

function isAdding(row: AclFormRow): boolean {
  return row.type === 'CREATOR' || row.code !== '';
}

function priorityOf(row: AclFormRow, fallback: number): number {
  const text = row.priority.trim();
  return /^\d{1,6}$/.test(text) ? Number(text) : fallback;
}

function blankRow(): AclFormRow {
  return {
    type: 'USER',
    code: '',
    includeSubs: false,
    rights: rightsOf(() => false),
    priority: '1',
    remove: false,
  };
}

function rightsOf(value: (right: AppRight) => boolean): Record<AppRight, boolean> {
  return Object.fromEntries(APP_RIGHTS.map((right) => [right, value(right)])) as Record<
    AppRight,
    boolean
  >;
}
