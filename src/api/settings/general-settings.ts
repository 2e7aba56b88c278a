import { readBody, type Deployer, type SettingsBody } from '../../store/app-settings.js';
import { invalidInput } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import {
  DEFAULT_PRECISION,
  PRECISION_ROUNDING_MODES,
  precisionSetting,
} from '../../kintone/fields/calc/number-precision.js';
import type { FieldProperties } from '../../kintone/fields/types.js';
import type { App } from '../../store/types.js';
import { readObject } from '../param-readers.js';
import { readChoice, readFlag, readIntegerText, readText } from './setting-readers.js';
import { previewFields, type SettingKind } from './setting-kind.js';

const THEMES = [
  'WHITE',
  'RED',
  'GREEN',
  'BLUE',
  'YELLOW',
  'BLACK',
  'CLIPBOARD',
  'BINDER',
  'PENCIL',
  'CLIPS',
] as const;
const ICON_TYPES = ['PRESET', 'FILE'] as const;
const TITLE_MODES = ['AUTO', 'MANUAL'] as const;

/** The switches of the general settings, with the values of a new app. */
const FLAGS = {
  enableThumbnails: true,
  enableBulkDeletion: false,
  enableComments: true,
  enableDuplicateRecord: true,
  enableInlineRecordEditing: true,
} as const;

/**
 * `app/settings`: name, description, icon, theme, title field, switches, number precision and
 * the first month of the fiscal year. Name and description also live on the app itself, where
 * `GET app.json` and the app list read them; a deploy writes both.
 */
export const generalSettings: SettingKind = {
  path: 'app/settings',
  liveReadNeeds: 'readApp',
  initial: initialSettings,
  async live(app, store) {
    const stored =
      (await store.appSettings.read(app.id, 'app/settings', 'live')) ?? initialSettings(app);
    return { ...stored, name: app.name, description: app.description };
  },
  async update(call, app, current) {
    const p = call.params;
    const next: SettingsBody = { ...current };
    next.name = readText(p.name, 'name', String(current.name), { min: 1, max: 64 });
    next.description = readText(p.description, 'description', String(current.description), {
      max: 10000,
    });
    if (p.icon !== undefined) next.icon = readIcon(p.icon);
    next.theme = readChoice(p.theme, 'theme', THEMES, current.theme as (typeof THEMES)[number]);
    if (p.titleField !== undefined) {
      next.titleField = readTitleField(p.titleField, await previewFields(app, call.services.store));
    }
    for (const flag of Object.keys(FLAGS) as Array<keyof typeof FLAGS>) {
      next[flag] = readFlag(p[flag], flag, Boolean(current[flag]));
    }
    if (p.numberPrecision !== undefined) {
      next.numberPrecision = readPrecisionParam(p.numberPrecision, current.numberPrecision);
    }
    next.firstMonthOfFiscalYear = readIntegerText(
      p.firstMonthOfFiscalYear,
      'firstMonthOfFiscalYear',
      String(current.firstMonthOfFiscalYear),
      { min: 1, max: 12 },
    );
    return next;
  },
};

function initialSettings(app: App): SettingsBody {
  return {
    name: app.name,
    description: app.description,
    icon: { type: 'PRESET', key: 'APP72' },
    theme: 'WHITE',
    titleField: { selectionMode: 'AUTO' },
    ...FLAGS,
    numberPrecision: precisionSetting(DEFAULT_PRECISION),
    firstMonthOfFiscalYear: '4',
  };
}

function readIcon(value: unknown) {
  const icon = readObject(value, 'icon');
  const type = readChoice(icon.type, 'icon.type', ICON_TYPES, 'PRESET');
  if (type === 'PRESET')
    return { type, key: readText(icon.key, 'icon.key', 'APP72', { min: 1, max: 64 }) };
  const file = readObject(icon.file, 'icon.file');
  return {
    type,
    file: { fileKey: readText(file.fileKey, 'icon.file.fileKey', '', { min: 1, max: 100 }) },
  };
}

/** Fields Kintone lets a record's title come from. */
const TITLE_TYPES = new Set([
  'SINGLE_LINE_TEXT',
  'NUMBER',
  'CALC',
  'DROP_DOWN',
  'RADIO_BUTTON',
  'DATE',
  'TIME',
  'DATETIME',
  'LINK',
  'RECORD_NUMBER',
  'CREATOR',
  'CREATED_TIME',
  'MODIFIER',
  'UPDATED_TIME',
]);

/** The title field: chosen by Kintone, or a field of the form that can be a title. */
function readTitleField(value: unknown, fields: FieldProperties) {
  const title = readObject(value, 'titleField');
  const selectionMode = readChoice(
    title.selectionMode,
    'titleField.selectionMode',
    TITLE_MODES,
    'AUTO',
  );
  if (selectionMode === 'AUTO') return { selectionMode };

  const code = readText(title.code, 'titleField.code', '', { min: 1, max: 128 });
  const field = fields[code];
  if (!field || !TITLE_TYPES.has(field.type)) {
    throw invalidInput([
      { key: 'titleField.code', text: inputMessage('FIELD_NOT_FOUND', { code }) },
    ]);
  }
  return { selectionMode, code };
}

function readPrecisionParam(value: unknown, current: unknown) {
  const given = readObject(value, 'numberPrecision');
  const now = current as ReturnType<typeof precisionSetting>;
  return {
    digits: readIntegerText(given.digits, 'numberPrecision.digits', now.digits, {
      min: 1,
      max: 30,
    }),
    decimalPlaces: readIntegerText(
      given.decimalPlaces,
      'numberPrecision.decimalPlaces',
      now.decimalPlaces,
      {
        min: 0,
        max: 10,
      },
    ),
    roundingMode: readChoice(
      given.roundingMode,
      'numberPrecision.roundingMode',
      PRECISION_ROUNDING_MODES,
      now.roundingMode,
    ),
  };
}

/** Deploy step: the app's name and description follow its deployed general settings. */
export const deployGeneralSettings: Deployer = async (trx, appId) => {
  const body = await readBody(trx, appId, generalSettings.path, 'preview');
  if (!body) return;
  await trx
    .updateTable('apps')
    .set({ name: String(body.name), description: String(body.description) })
    .where('id', '=', appId)
    .execute();
};
