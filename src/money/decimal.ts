import { type DecimalJs, ExactDecimal } from './decimal-js.js';
import {
  canonicalFromExact,
  canonicalFromJsonLiteral,
  canonicalFromPlainText,
  canonicalFromSafeInteger,
  isCanonicalText,
  MAX_DIGITS,
} from './decimal-literal.js';
import { DecimalFormatError, DivisionByZeroError, quoteInput } from './errors.js';
import type { WireNumber } from './json.js';
import { type RoundingMode, toDecimalJsRounding } from './rounding.js';

declare const brand: unique symbol;

/**
 * An exact decimal as canonical text: optional `-`, integer digits without leading zeros, optional `.` and
 * fraction digits; never an exponent, never `-0`. The scale is part of the value's text (`"0.30"` stays
 * `"0.30"`), while comparisons are numeric (`"1.0"` equals `"1"`). Build one only through `Decimal.*`.
 */
export type Decimal = string & { readonly [brand]: 'Decimal' };

type Sign = -1 | 0 | 1;

function exact(value: Decimal): DecimalJs {
  if (typeof value !== 'string' || !isCanonicalText(value)) {
    throw new DecimalFormatError(`not a canonical Decimal: ${quoteInput(value)}`);
  }
  return new ExactDecimal(value);
}

function finish(value: DecimalJs, scale: number): Decimal {
  return canonicalFromExact(value, scale) as Decimal;
}

function scale(value: Decimal): number {
  const dot = value.indexOf('.');
  return dot === -1 ? 0 : value.length - dot - 1;
}

function assertPlaces(places: number): void {
  if (!Number.isSafeInteger(places) || places < 0 || places > MAX_DIGITS) {
    throw new RangeError(`decimal places must be an integer from 0 to ${MAX_DIGITS}, got ${places}`);
  }
}

function add(a: Decimal, b: Decimal): Decimal {
  return finish(exact(a).plus(exact(b)), Math.max(scale(a), scale(b)));
}

function sub(a: Decimal, b: Decimal): Decimal {
  return finish(exact(a).minus(exact(b)), Math.max(scale(a), scale(b)));
}

function mul(a: Decimal, b: Decimal): Decimal {
  return finish(exact(a).times(exact(b)), scale(a) + scale(b));
}

/** `a / b` rounded once, with `rounding`, to exactly `places` fraction digits. */
function div(a: Decimal, b: Decimal, places: number, rounding: RoundingMode): Decimal {
  assertPlaces(places);
  const mode = toDecimalJsRounding(rounding);
  const divisor = exact(b).abs();
  if (divisor.isZero()) throw new DivisionByZeroError(`cannot divide ${a} by zero`);
  const dividend = exact(a);
  // Truncate one digit past `places` (guard digit) and add one more non-zero digit when the division left a
  // remainder (sticky digit): rounding that sees "below, at or above half" exactly as the true quotient would.
  const guard = places + 1;
  const scaled = dividend.abs().times(`1e${guard}`);
  const quotient = scaled.divToInt(divisor);
  const remainder = scaled.minus(quotient.times(divisor));
  const sticky = remainder.isZero() ? 0 : `1e-${guard + 1}`;
  const magnitude = quotient.times(`1e-${guard}`).plus(sticky);
  const negative = dividend.isNegative() !== exact(b).isNegative();
  return finish((negative ? magnitude.neg() : magnitude).toDecimalPlaces(places, mode), places);
}

function round(value: Decimal, places: number, rounding: RoundingMode = 'half-even'): Decimal {
  assertPlaces(places);
  return finish(exact(value).toDecimalPlaces(places, toDecimalJsRounding(rounding)), places);
}

function cmp(a: Decimal, b: Decimal): Sign {
  return exact(a).cmp(exact(b)) as Sign;
}

function isZero(value: Decimal): boolean {
  return exact(value).isZero();
}

function isNegative(value: Decimal): boolean {
  return exact(value).isNegative() && !isZero(value);
}

function neg(value: Decimal): Decimal {
  if (isZero(value)) return value;
  return (value.startsWith('-') ? value.slice(1) : `-${value}`) as Decimal;
}

export const Decimal = {
  /** Strict parse of client input: `/^-?(0|[1-9]\d*)(\.\d+)?$/`, nothing else (no spaces, `+`, exponent). */
  parse(text: string): Decimal {
    return canonicalFromPlainText(text) as Decimal;
  },

  /** A number from the lossless JSON parser: a safe integer, or the exact text of a JSON number literal. */
  fromWire(value: WireNumber): Decimal {
    if (typeof value === 'number') return canonicalFromSafeInteger(value) as Decimal;
    if (typeof value === 'string') return canonicalFromJsonLiteral(value) as Decimal;
    throw new DecimalFormatError(`not a wire number: ${quoteInput(value)}`);
  },

  isDecimal(value: unknown): value is Decimal {
    return typeof value === 'string' && isCanonicalText(value);
  },

  /** Sum; the result's scale is the larger of the operands' scales. */
  add,
  /** Difference; the result's scale is the larger of the operands' scales. */
  sub,
  /** Product; the result's scale is the sum of the operands' scales. */
  mul,
  div,
  neg,

  abs(value: Decimal): Decimal {
    exact(value);
    return (value.startsWith('-') ? value.slice(1) : value) as Decimal;
  },

  /** Numeric order: -1, 0 or 1. Scale is ignored (`1.0` and `1` compare equal). */
  cmp,
  eq: (a: Decimal, b: Decimal): boolean => cmp(a, b) === 0,
  lt: (a: Decimal, b: Decimal): boolean => cmp(a, b) < 0,
  lte: (a: Decimal, b: Decimal): boolean => cmp(a, b) <= 0,
  gt: (a: Decimal, b: Decimal): boolean => cmp(a, b) > 0,
  gte: (a: Decimal, b: Decimal): boolean => cmp(a, b) >= 0,
  isZero,
  isNegative,

  /** The smallest value; of numerically equal values, the first one given (its scale is kept). */
  min(first: Decimal, ...rest: Decimal[]): Decimal {
    return rest.reduce((best, value) => (cmp(value, best) < 0 ? value : best), first);
  },

  /** The largest value; of numerically equal values, the first one given (its scale is kept). */
  max(first: Decimal, ...rest: Decimal[]): Decimal {
    return rest.reduce((best, value) => (cmp(value, best) > 0 ? value : best), first);
  },

  /** Rounds to exactly `places` fraction digits (padding with zeros when the value has fewer). */
  round,

  /** Number of fraction digits in the text (`"0.30"` → 2, `"7"` → 0). */
  scale(value: Decimal): number {
    exact(value);
    return scale(value);
  },

  /** Text with exactly `places` fraction digits: pads with zeros, rounds half-even (banker's) when shorter. */
  toFixed(value: Decimal, places: number): string {
    return round(value, places, 'half-even');
  },

  /** Sum of all values (`"0"` for none); the scale is the largest scale among them. */
  sum(values: Iterable<Decimal>): Decimal {
    let total = '0' as Decimal;
    for (const value of values) total = add(total, value);
    return total;
  },
} as const;
