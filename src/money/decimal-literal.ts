import { type DecimalJs, ExactDecimal } from './decimal-js.js';
import { DecimalFormatError, DecimalOverflowError, quoteInput } from './errors.js';

/**
 * Most integer plus fraction digits a Decimal may carry. Far beyond any amount; it bounds the work any input
 * can cause (an exponent such as `1e999999999` would otherwise expand to a gigabyte of zeros).
 */
export const MAX_DIGITS = 1000;

const PLAIN_LITERAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const JSON_NUMBER_LITERAL = /^-?(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const NEGATIVE_ZERO = /^-0(?:\.0+)?$/;

function digitCount(plain: string): number {
  return plain.replace(/[-.]/g, '').length;
}

function assertWithinLimit(plain: string): void {
  if (digitCount(plain) > MAX_DIGITS) {
    throw new DecimalOverflowError(`a decimal may have at most ${MAX_DIGITS} digits`);
  }
}

/** True for canonical decimal text: no sign on zero, no leading zeros, no exponent, within MAX_DIGITS. */
export function isCanonicalText(text: string): boolean {
  return PLAIN_LITERAL.test(text) && !NEGATIVE_ZERO.test(text) && digitCount(text) <= MAX_DIGITS;
}

/** Plain decimal text (no exponent) as canonical text: only the sign of a zero can change. */
export function canonicalFromPlainText(text: unknown): string {
  if (typeof text !== 'string' || !PLAIN_LITERAL.test(text)) {
    throw new DecimalFormatError(`not a decimal number: ${quoteInput(text)}`);
  }
  assertWithinLimit(text);
  return NEGATIVE_ZERO.test(text) ? text.slice(1) : text;
}

/**
 * A JSON number literal as canonical text. Without an exponent the literal's scale is kept (`0.30` stays
 * `0.30`); with one, the scale is what the mantissa's digits imply after the shift (`1.50e1` → `15.0`).
 */
export function canonicalFromJsonLiteral(text: string): string {
  const match = JSON_NUMBER_LITERAL.exec(text);
  if (match === null) throw new DecimalFormatError(`not a JSON number literal: ${quoteInput(text)}`);
  const [, integer = '', fraction = '', exponentText] = match;
  if (exponentText === undefined) return canonicalFromPlainText(text);

  const exponent = Number(exponentText);
  const scale = Math.max(0, fraction.length - exponent);
  const isZero = integer === '0' && /^0*$/.test(fraction);
  if (isZero) {
    if (scale > MAX_DIGITS) throw new DecimalOverflowError(`a decimal may have at most ${MAX_DIGITS} digits`);
    return scale === 0 ? '0' : `0.${'0'.repeat(scale)}`;
  }
  const leadingFractionZeros = fraction.length - fraction.replace(/^0+/, '').length;
  const integerDigits =
    integer === '0' ? Math.max(1, exponent - leadingFractionZeros) : Math.max(1, integer.length + exponent);
  if (integerDigits + scale > MAX_DIGITS) {
    throw new DecimalOverflowError(`${quoteInput(text)} expands past ${MAX_DIGITS} digits`);
  }
  return new ExactDecimal(text).toFixed(scale);
}

/** A safe integer from the lossless JSON parser; anything else is a bug upstream of us, never rounded. */
export function canonicalFromSafeInteger(value: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new DecimalFormatError(
      `a JSON number must arrive as text unless it is a safe integer: ${quoteInput(value)}`,
    );
  }
  return String(value);
}

/** Renders an exact value with exactly `scale` fraction digits, dropping the sign of a zero. */
export function canonicalFromExact(value: DecimalJs, scale: number): string {
  const text = value.isZero() ? value.abs().toFixed(scale) : value.toFixed(scale);
  assertWithinLimit(text);
  return text;
}
