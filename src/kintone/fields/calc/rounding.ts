import { formatDecimal } from '../values/decimal.js';
import { exact, type Exact } from './exact-number.js';

/**
 * How a number is rounded to some decimal places. HALF_EVEN, UP and DOWN are the app's
 * `numberPrecision.roundingMode` (Java's rounding modes: UP is away from zero, DOWN towards
 * zero); HALF_UP, away from zero at exactly half, is what ROUND does.
 */
export type RoundingMode = 'HALF_EVEN' | 'HALF_UP' | 'UP' | 'DOWN';

/** `value` rounded to `places` decimal places; a negative `places` rounds to tens, hundreds... */
export function roundTo(value: Exact, places: bigint, mode: RoundingMode): Exact {
  const shift = 10n ** (places < 0n ? -places : places);
  const [numerator, denominator] =
    places < 0n
      ? [value.numerator, value.denominator * shift]
      : [value.numerator * shift, value.denominator];

  const whole = numerator / denominator;
  const remainder = numerator - whole * denominator;
  const rounded = whole + roundingStep(whole, remainder, denominator, mode);
  return places < 0n ? exact(rounded * shift) : exact(rounded, shift);
}

/** 0 to keep the whole part, or ±1 to move it away from zero. */
function roundingStep(whole: bigint, remainder: bigint, denominator: bigint, mode: RoundingMode) {
  if (remainder === 0n) return 0n;
  const away = remainder < 0n ? -1n : 1n;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);

  switch (mode) {
    case 'DOWN':
      return 0n;
    case 'UP':
      return away;
    case 'HALF_UP':
      return twice >= denominator ? away : 0n;
    case 'HALF_EVEN':
      if (twice === denominator) return whole % 2n === 0n ? 0n : away;
      return twice > denominator ? away : 0n;
  }
}

/**
 * Plain decimal notation of `value` rounded to `places` (0 or more) decimal places, without
 * trailing zeros: "2.5", "3", "-0.3333".
 */
export function toPlainText(value: Exact, places: number, mode: RoundingMode): string {
  const rounded = roundTo(value, BigInt(places), mode);
  const scaled = (rounded.numerator * 10n ** BigInt(places)) / rounded.denominator;
  if (scaled === 0n) return '0';

  const text = (scaled < 0n ? -scaled : scaled).toString();
  const zeros = Math.min(places, text.length - text.replace(/0+$/, '').length);
  return formatDecimal({
    negative: scaled < 0n,
    digits: text.slice(0, text.length - zeros),
    scale: places - zeros,
  });
}

/** How many digits the whole part of `value` has (0 for a value below 1 in size). */
export function wholeDigits(value: Exact): number {
  const whole = value.numerator / value.denominator;
  return whole === 0n ? 0 : (whole < 0n ? -whole : whole).toString().length;
}
