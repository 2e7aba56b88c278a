import { layoutOf } from '../form-layout.js';
import { readLayout } from './layout-reader.js';
import { readFlag, readObjectList, readText } from './setting-readers.js';
import type { SettingKind } from './setting-kind.js';

/**
 * Settings kinds that are stored and answered as given: Kintone's own behaviour behind them
 * (sending notifications, running actions) is not something a local server performs.
 */

/** `app/form/layout`: rows, subtables and groups; a new app lays out each field in a row. */
export const formLayout: SettingKind = {
  path: 'app/form/layout',
  liveReadNeeds: 'readForm',
  followsFields: true,
  initial: (app) => ({ layout: layoutOf(app).layout }),
  update(call) {
    return { layout: readLayout(call.params.layout, 'layout') };
  },
};

/** `app/notifications/general`: who is notified of new records, edits, comments. */
export const generalNotifications: SettingKind = {
  path: 'app/notifications/general',
  liveReadNeeds: 'manage',
  initial: () => ({ notifications: [], notifyToCommenter: false }),
  update(call, _app, current) {
    const p = call.params;
    return {
      notifications: listOrCurrent(p.notifications, 'notifications', current),
      notifyToCommenter: readFlag(
        p.notifyToCommenter,
        'notifyToCommenter',
        Boolean(current.notifyToCommenter),
      ),
    };
  },
};

/** `app/notifications/perRecord`: notifications on records that match a condition. */
export const perRecordNotifications: SettingKind = {
  path: 'app/notifications/perRecord',
  liveReadNeeds: 'manage',
  initial: () => ({ notifications: [] }),
  update(call) {
    return { notifications: readObjectList(call.params.notifications, 'notifications') };
  },
};

/** `app/notifications/reminder`: notifications at a time relative to a date field. */
export const reminderNotifications: SettingKind = {
  path: 'app/notifications/reminder',
  liveReadNeeds: 'manage',
  initial: () => ({ notifications: [], timezone: 'Asia/Tokyo' }),
  update(call, _app, current) {
    const p = call.params;
    return {
      notifications: listOrCurrent(p.notifications, 'notifications', current),
      timezone: readText(p.timezone, 'timezone', String(current.timezone), { min: 1, max: 64 }),
    };
  },
};

/** `app/adminNotes`: a note for the app's administrators. */
export const adminNotes: SettingKind = {
  path: 'app/adminNotes',
  liveReadNeeds: 'manage',
  initial: () => ({ content: '', includeInTemplateAndDuplicates: false }),
  update(call, _app, current) {
    const p = call.params;
    return {
      content: readText(p.content, 'content', String(current.content), { max: 10000 }),
      includeInTemplateAndDuplicates: readFlag(
        p.includeInTemplateAndDuplicates,
        'includeInTemplateAndDuplicates',
        Boolean(current.includeInTemplateAndDuplicates),
      ),
    };
  },
};

/** A list a PUT replaces when it names it, and keeps when it leaves it out. */
function listOrCurrent(given: unknown, key: string, current: Record<string, unknown>) {
  return given === undefined ? current[key] : readObjectList(given, key);
}
