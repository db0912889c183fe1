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

const ZERO_DECIMALS = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'ISK',
  'JPY',
  'KMF',
  'KRW',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
const THREE_DECIMALS = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** ISO 4217 minor-unit digits (USD 2, JPY 0, KWD 3; IDR 2), the same table the sandbox catalogue prices with. */
export function minorDigits(unit: string): number {
  return ZERO_DECIMALS.has(unit) ? 0 : THREE_DECIMALS.has(unit) ? 3 : 2;
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

/** A currency amount for the DVS wire: rounded half-up to the unit's minor digits, all of them printed (`9.90`). */
export function wireAmount(unit: string, amount: Decimal): LosslessNumber {
  return new LosslessNumber(roundToUnit(unit, amount).toFixed(minorDigits(unit)));
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

/** An amount of a currency, as the create body's `source`/`destination` carry it. */
export interface UnitAmount {
  unit: string;
  amount: Money;
}
