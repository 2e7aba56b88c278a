import type { ApiToken, PendingTokenChange, TokenPermissions, TokenSettings } from './types.js';

/* How API token rows map to objects and back: integer flags for the checkboxes, JSON for
   pending changes. */

export interface TokenRow {
  id: number;
  app_id: number;
  can_view: number;
  can_add: number;
  can_edit: number;
  can_delete: number;
  can_manage: number;
  note: string;
  deployed: number;
}

export interface SettingsRow extends TokenRow {
  hint: string;
  pending: string | null;
}

export function permissionColumns(p: TokenPermissions) {
  return {
    can_view: p.view ? 1 : 0,
    can_add: p.add ? 1 : 0,
    can_edit: p.edit ? 1 : 0,
    can_delete: p.delete ? 1 : 0,
    can_manage: p.manage ? 1 : 0,
  };
}

export function toToken(row: TokenRow): ApiToken {
  return {
    id: Number(row.id),
    appId: Number(row.app_id),
    permissions: {
      view: row.can_view === 1,
      add: row.can_add === 1,
      edit: row.can_edit === 1,
      delete: row.can_delete === 1,
      manage: row.can_manage === 1,
    },
    note: row.note,
    deployed: row.deployed === 1,
  };
}

export function toSettings(row: SettingsRow): TokenSettings {
  return {
    ...toToken(row),
    hint: row.hint,
    pending: row.pending === null ? null : (JSON.parse(row.pending) as PendingTokenChange),
  };
}
