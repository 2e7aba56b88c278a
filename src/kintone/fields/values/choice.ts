import { inputMessage } from '../../../errors/input-messages.js';
import type { FieldKeys } from '../field-keys.js';
import type { FieldProperty } from '../types.js';
import type { Problem } from '../write-context.js';
import { accepted, type Normalized } from './normalized.js';

/** DROP_DOWN and RADIO_BUTTON: one option label, or empty. */
export function normalizeSingleChoice(
  raw: string,
  field: FieldProperty,
  keys: FieldKeys,
): Normalized {
  if (raw === '' || optionLabels(field).includes(raw)) return accepted(raw);

  return {
    value: '',
    problems: [{ key: keys.value, text: inputMessage('NOT_AN_OPTION', { value: raw }) }],
  };
}

/**
 * CHECK_BOX and MULTI_SELECT: option labels, each bad one reported at its own index. A label
 * sent twice is kept once, since a box is either ticked or not.
 */
export function normalizeMultiChoice(
  raw: readonly string[],
  field: FieldProperty,
  keys: FieldKeys,
): Normalized<string[]> {
  const labels = optionLabels(field);
  const chosen = new Set<string>();
  const problems: Problem[] = [];

  raw.forEach((item, index) => {
    if (labels.includes(item)) {
      chosen.add(item);
    } else {
      const text = inputMessage('NOT_AN_OPTION', { value: item });
      problems.push({ key: keys.element(index), text });
    }
  });
  return { value: [...chosen], problems };
}

/** The option labels in Kintone's order (by `index`). */
export function optionLabels(field: FieldProperty): string[] {
  return Object.values(field.options ?? {})
    .sort((a, b) => Number(a.index) - Number(b.index))
    .map((option) => option.label);
}
