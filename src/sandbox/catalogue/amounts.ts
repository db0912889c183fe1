import { Decimal } from 'decimal.js';
import { LosslessNumber } from 'lossless-json';
import { currencyInfo } from './reference/currencies.js';

/**
 * decimal.js for catalogue arithmetic. Intermediate results are truncated (ROUND_DOWN) at 30 significant
 * digits and every published amount or rate is then rounded explicitly (half-up, or down where stated).
 * Truncating first keeps that final rounding exact: a value at or above a rounding boundary stays at or
 * above it, because the boundary itself has far fewer than 30 digits.
 */
export const Dec = Decimal.clone({
  precision: 30,
  rounding: Decimal.ROUND_DOWN,
  toExpNeg: -30,
  toExpPos: 30,
});
export type Dec = Decimal;

/** Fraction digits the catalogue allows in a rate. */
export const RATE_DECIMALS = 6;

export function minorUnits(currency: string): number {
  return currencyInfo(currency).minorUnits;
}

/** Rounds half-up to the currency's minor units and prints every minor digit (`9.90`, `1000`, `0.500`). */
export function moneyText(
  value: Decimal.Value,
  currency: string,
  rounding: Decimal.Rounding = Decimal.ROUND_HALF_UP,
): string {
  return new Dec(value).toFixed(minorUnits(currency), rounding);
}

export function money(value: Decimal.Value, currency: string, rounding?: Decimal.Rounding): LosslessNumber {
  return new LosslessNumber(moneyText(value, currency, rounding));
}

/** Rounds half-up to at most six fraction digits and prints without trailing zeros (`83.2`, `0.000063`). */
export function rateText(value: Decimal.Value): string {
  return new Dec(value).toDecimalPlaces(RATE_DECIMALS, Decimal.ROUND_HALF_UP).toFixed();
}

export function rate(value: Decimal.Value): LosslessNumber {
  return new LosslessNumber(rateText(value));
}

/** A plain quantity (data volume, minutes, SMS count) as canonical decimal text. */
export function quantity(value: Decimal.Value): LosslessNumber {
  return new LosslessNumber(new Dec(value).toFixed());
}

/** Rounds `value` to a "nice" price point in the currency: 1, 2, 2.5 or 5 times a power of ten. */
export function nicePrice(value: Decimal.Value, currency: string): Dec {
  const v = new Dec(value);
  if (v.lte(0)) throw new RangeError('nicePrice needs a positive value');
  const units = minorUnits(currency);
  const magnitude = Dec.max(new Dec(10).pow(-units), new Dec(10).pow(v.e));
  const ratio = v.div(magnitude);
  // The midpoints between neighbouring steps decide which step is nearest.
  const step = ratio.lt('1.5')
    ? 1
    : ratio.lt('2.25')
      ? 2
      : ratio.lt('3.75')
        ? '2.5'
        : ratio.lt('7.5')
          ? 5
          : 10;
  return magnitude.mul(step).toDecimalPlaces(units, Decimal.ROUND_HALF_UP);
}

/** Rounds half-up to the currency's minor units. */
export function roundMoney(value: Dec, currency: string): Dec {
  return value.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_HALF_UP);
}
