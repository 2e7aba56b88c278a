import type { RoundingMode } from './rounding.js';

/**
 * An app's "number and calculation precision" (`numberPrecision` of `app/settings`): Kintone
 * rounds each NUMBER value a formula reads, and the result it stores, to `decimalPlaces`,
 * and allows `digits` digits in all.
 */
export interface NumberPrecision {
  digits: number;
  decimalPlaces: number;
  roundingMode: Extract<RoundingMode, 'HALF_EVEN' | 'UP' | 'DOWN'>;
}

/** A new app's precision in Kintone. */
export const DEFAULT_PRECISION: NumberPrecision = {
  digits: 16,
  decimalPlaces: 4,
  roundingMode: 'HALF_EVEN',
};

/** The precision the general settings hold (strings, as the API gives them), or the default. */
export function readNumberPrecision(setting: unknown): NumberPrecision {
  const given = (setting ?? {}) as Record<string, unknown>;
  const digits = Number(given.digits);
  const decimalPlaces = Number(given.decimalPlaces);
  const mode = given.roundingMode;
  return {
    digits: Number.isInteger(digits) && digits > 0 ? digits : DEFAULT_PRECISION.digits,
    decimalPlaces:
      Number.isInteger(decimalPlaces) && decimalPlaces >= 0
        ? decimalPlaces
        : DEFAULT_PRECISION.decimalPlaces,
    roundingMode:
      mode === 'HALF_EVEN' || mode === 'UP' || mode === 'DOWN'
        ? mode
        : DEFAULT_PRECISION.roundingMode,
  };
}
