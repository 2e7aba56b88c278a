/**
 * Exact decimals for NUMBER fields. Kintone keeps numbers as decimals, not doubles, so
 * "0.1" and twenty-digit integers must survive unchanged; only the notation is made plain.
 */
export interface Decimal {
  negative: boolean;
  /** All significant digits, without leading zeros ("0" for zero). */
  digits: string;
  /** How many of `digits` sit after the decimal point. */
  scale: number;
}

// Kintone documents: optional + or - sign, "." as the decimal point, e or E for an exponent,
// half-width digits only.
const NUMBER_PATTERN = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

// Keeps "1e999999999" from expanding into a billion-character string.
const LARGEST_EXPONENT = 1000;

/** Reads a number as Kintone accepts it; surrounding spaces are ignored as Kintone does. */
export function parseDecimal(text: string): Decimal | undefined {
  const match = NUMBER_PATTERN.exec(text.trim());
  if (!match) return undefined;

  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > LARGEST_EXPONENT) return undefined;

  let digits = whole + fraction;
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits += '0'.repeat(-scale);
    scale = 0;
  }

  digits = digits.replace(/^0+/, '') || '0';
  const negative = sign === '-' && /[1-9]/.test(digits);
  return { negative, digits, scale };
}

/** Plain notation, keeping the fraction digits given: "1.5e1" is "15", "1.50" stays "1.50". */
export function formatDecimal(decimal: Decimal): string {
  const sign = decimal.negative ? '-' : '';
  if (decimal.scale === 0) return sign + decimal.digits;

  const padded = decimal.digits.padStart(decimal.scale + 1, '0');
  const wholePart = padded.slice(0, -decimal.scale);
  const fractionPart = padded.slice(-decimal.scale);
  return `${sign}${wholePart}.${fractionPart}`;
}

/** Negative, zero or positive as `a` is below, equal to or above `b`. */
export function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = scaled(a, scale);
  const right = scaled(b, scale);
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

function scaled(decimal: Decimal, scale: number): bigint {
  const magnitude = BigInt(decimal.digits + '0'.repeat(scale - decimal.scale));
  return decimal.negative ? -magnitude : magnitude;
}
