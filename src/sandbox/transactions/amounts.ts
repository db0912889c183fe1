import { Decimal } from 'decimal.js';
import { isLosslessNumber, LosslessNumber } from 'lossless-json';

/** Decimal arithmetic for the sandbox's money: 40 significant digits, so no division ever loses a minor unit. */
export const Money = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Money = Decimal;

const minorDigitsCache = new Map<string, number>();

/**
 * Minor-unit digits of a currency, from the runtime's CLDR data (USD 2, JPY 0, KWD 3); unknown codes get 2.
 * CLDR (not ISO 4217) is what DT One's own amounts follow, e.g. IDR amounts are whole rupiahs.
 */
export function minorDigits(unit: string): number {
  let digits = minorDigitsCache.get(unit);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency: unit }).resolvedOptions()
        .maximumFractionDigits;
    } catch {
      digits = 2;
    }
    digits ??= 2;
    minorDigitsCache.set(unit, digits);
  }
  return digits;
}

/** Rounds half-up to the currency's minor units. */
export function roundToUnit(unit: string, amount: Decimal): Money {
  return new Money(amount).toDecimalPlaces(minorDigits(unit), Decimal.ROUND_HALF_UP);
}

/** True when `amount` needs no more digits than the currency has. */
export function fitsUnit(unit: string, amount: Decimal): boolean {
  return amount.decimalPlaces() <= minorDigits(unit);
}

/** A JSON number with the exact, canonical decimal text of `amount` (no exponent, no trailing zeros). */
export function wireNumber(amount: Decimal): LosslessNumber {
  return new LosslessNumber(new Money(amount).toFixed());
}

/** A currency amount for the wire: rounded half-up to the unit's minor digits, then canonical text. */
export function wireAmount(unit: string, amount: Decimal): LosslessNumber {
  return wireNumber(roundToUnit(unit, amount));
}

/**
 * Reads a JSON number as an exact decimal: a `LosslessNumber` (how the sandbox parses bodies), a finite JS
 * number (tests), or a decimal string (control calls). Anything else gives `undefined`.
 */
export function readDecimal(value: unknown): Money | undefined {
  let text: string;
  if (isLosslessNumber(value)) text = value.value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) text = value.trim();
  else return undefined;
  try {
    return new Money(text);
  } catch {
    return undefined;
  }
}

/** Like `readDecimal` for values the sandbox itself wrote (the catalogue): a missing number is a bug. */
export function requireDecimal(value: unknown, what: string): Money {
  const amount = readDecimal(value);
  if (amount === undefined) throw new Error(`sandbox catalogue: ${what} is not a number`);
  return amount;
}
