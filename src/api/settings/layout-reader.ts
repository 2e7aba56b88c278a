import { invalidInput } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import { readChoice, readObjectList, readText } from './setting-readers.js';

const TOP_LEVEL = ['ROW', 'SUBTABLE', 'GROUP'] as const;
const IN_GROUP = ['ROW'] as const;

/**
 * A form layout in Kintone's shape: rows and tables hold a list of field objects, groups hold
 * rows. The shape is checked here because the layout is later walked to follow field changes.
 */
export function readLayout(
  value: unknown,
  key: string,
  inGroup = false,
): Array<Record<string, unknown>> {
  return readObjectList(value, key).map((item, i): Record<string, unknown> => {
    const where = `${key}[${i}]`;
    if (item.type === undefined) {
      throw invalidInput([{ key: `${where}.type`, text: inputMessage('REQUIRED_PARAMETER') }]);
    }
    const type = readChoice(item.type, `${where}.type`, inGroup ? IN_GROUP : TOP_LEVEL, 'ROW');
    if (type === 'GROUP') {
      return {
        ...item,
        code: readText(item.code ?? '', `${where}.code`, '', { min: 1, max: 128 }),
        layout: readLayout(item.layout, `${where}.layout`, true),
      };
    }
    const fields = readObjectList(item.fields, `${where}.fields`);
    if (type === 'SUBTABLE') {
      return {
        ...item,
        code: readText(item.code ?? '', `${where}.code`, '', { min: 1, max: 128 }),
        fields,
      };
    }
    return { ...item, fields };
  });
}
