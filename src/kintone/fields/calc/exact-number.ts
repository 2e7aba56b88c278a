import type { Decimal } from '../values/decimal.js';
import { FormulaError } from './formula-error.js';

/**
 * An exact rational number. Formulas compute without binary rounding (0.1 + 0.2 is 0.3), and
 * only the result is rounded, to the app's number precision, as Kintone stores it.
 */
export interface Exact {
  readonly numerator: bigint;
  /** Always positive; shares no factor with the numerator. */
  readonly denominator: bigint;
}

// Keeps chains of powers from growing numbers without bound; far beyond any stored value.
const LIMIT = 10n ** 400n;
const LIMIT_BITS = bitLength(LIMIT);

export const ZERO = exact(0n);

export function exact(numerator: bigint, denominator = 1n): Exact {
  if (denominator === 0n) throw new FormulaError('division by zero');
  if (denominator < 0n) return exact(-numerator, -denominator);
  const divisor = gcd(abs(numerator), denominator);
  const result = { numerator: numerator / divisor, denominator: denominator / divisor };
  if (abs(result.numerator) > LIMIT || result.denominator > LIMIT) {
    throw new FormulaError('number out of range');
  }
  return result;
}

export function fromDecimal(decimal: Decimal): Exact {
  const magnitude = BigInt(decimal.digits);
  return exact(decimal.negative ? -magnitude : magnitude, 10n ** BigInt(decimal.scale));
}

export function add(a: Exact, b: Exact): Exact {
  return exact(
    a.numerator * b.denominator + b.numerator * a.denominator,
    a.denominator * b.denominator,
  );
}

export function subtract(a: Exact, b: Exact): Exact {
  return add(a, negate(b));
}

export function multiply(a: Exact, b: Exact): Exact {
  return exact(a.numerator * b.numerator, a.denominator * b.denominator);
}

export function divide(a: Exact, b: Exact): Exact {
  return exact(a.numerator * b.denominator, a.denominator * b.numerator);
}

export function negate(a: Exact): Exact {
  return { numerator: -a.numerator, denominator: a.denominator };
}

/** `base` to a whole power; a negative power divides, so 0 to one is an error. */
export function power(base: Exact, exponent: bigint): Exact {
  const magnitude = abs(exponent);
  // A number of b bits is at least 2^(b-1), so its power is at least 2^((b-1)·magnitude):
  // refused here when that is already past LIMIT, before computing a power of up to 40,000
  // digits only to refuse it. What passes has under 2·LIMIT_BITS bits; exact() checks it.
  const past = (n: bigint) => BigInt(bitLength(n) - 1) * magnitude >= BigInt(LIMIT_BITS);
  if (past(base.numerator) || past(base.denominator)) {
    throw new FormulaError('number out of range');
  }
  const raised = exact(base.numerator ** magnitude, base.denominator ** magnitude);
  return exponent < 0n ? divide(exact(1n), raised) : raised;
}

/** Negative, zero or positive as `a` is below, equal to or above `b`. */
export function compare(a: Exact, b: Exact): number {
  const difference = a.numerator * b.denominator - b.numerator * a.denominator;
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** The whole part, towards zero. */
export function truncate(a: Exact): bigint {
  return a.numerator / a.denominator;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** How many binary digits `n` has, sign aside (1 for 0). */
function bitLength(n: bigint): number {
  return abs(n).toString(2).length;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
