import { isSystemFieldType } from '../kintone/fields/system-fields.js';
import { innerFields } from '../kintone/fields/subtable.js';
import type { FieldProperty } from '../kintone/fields/types.js';
import type { App } from '../store/types.js';

/**
 * The layout of a form whose layout was never set: each field the user enters gets a row of
 * its own (a table its own block), in field order; system fields are not placed on forms, as
 * in Kintone. This is what tools such as cli-kintone read to order the columns of an export.
 * `PUT preview/app/form/layout.json` sets another one (src/api/settings).
 */
export function layoutOf(app: App) {
  const layout = Object.values(app.properties)
    .filter((field) => !isSystemFieldType(field.type))
    .map((field) =>
      field.type === 'SUBTABLE'
        ? {
            type: 'SUBTABLE',
            code: field.code,
            fields: Object.values(innerFields(field)).map(placed),
          }
        : { type: 'ROW', fields: [placed(field)] },
    );
  return { layout, revision: String(app.revision) };
}

function placed(field: FieldProperty) {
  return { type: field.type, code: field.code, size: {} };
}
