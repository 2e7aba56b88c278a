/** The rounding modes an app's number precision may name (Java's: UP is away from zero). */
export const PRECISION_ROUNDING_MODES = ['HALF_EVEN', 'UP', 'DOWN'] as const;

/**
 * An app's "number and calculation precision" (`numberPrecision` of `app/settings`): Kintone
 * rounds each NUMBER value a formula reads, and the result it stores, to `decimalPlaces`,
 * and allows `digits` digits in all.
 */
export interface NumberPrecision {
  digits: number;
  decimalPlaces: number;
  roundingMode: (typeof PRECISION_ROUNDING_MODES)[number];
}

/** A new app's precision in Kintone. */
export const DEFAULT_PRECISION: NumberPrecision = {
  digits: 16,
  decimalPlaces: 4,
  roundingMode: 'HALF_EVEN',
};

/** A precision as the settings API gives it, numbers as strings. */
export function precisionSetting(precision: NumberPrecision) {
  return {
    digits: String(precision.digits),
    decimalPlaces: String(precision.decimalPlaces),
    roundingMode: precision.roundingMode,
  };
}

/**
 * The precision the live general settings hold, or the default for an app whose settings
 * were never deployed. The settings API checked the value when it was written.
 */
export function readNumberPrecision(setting: unknown): NumberPrecision {
  if (setting === undefined) return DEFAULT_PRECISION;
  const given = setting as ReturnType<typeof precisionSetting>;
  return {
    digits: Number(given.digits),
    decimalPlaces: Number(given.decimalPlaces),
    roundingMode: given.roundingMode,
  };
}
