import { isCurrencyCode, minorUnits } from './currency.js';
import { Decimal } from './decimal.js';
import {
  AmountPrecisionError,
  CurrencyMismatchError,
  DecimalFormatError,
  InvalidUnitError,
  NegativeAmountError,
  quoteInput,
} from './errors.js';
import type { WireNumber } from './json.js';
import type { RoundingMode } from './rounding.js';

/** The spec's unit types: `CURRENCY` (an ISO 4217 `unit`) for prices and balances, the rest for benefits. */
export type UnitType = 'CURRENCY' | 'DATA' | 'TIME' | 'QUANTITY';

const UNIT_TYPES: ReadonlySet<string> = new Set<UnitType>(['CURRENCY', 'DATA', 'TIME', 'QUANTITY']);

/** An exact amount of one unit. Two amounts combine only when both `unit` and `unitType` are equal. */
export interface Money {
  readonly amount: Decimal;
  readonly unit: string;
  readonly unitType: UnitType;
}

export interface ParseAmountOptions {
  /** Reject amounts below zero (`-0` is zero and passes). */
  readonly nonNegative?: boolean;
}

function of(amount: Decimal, unit: string, unitType: UnitType = 'CURRENCY'): Money {
  if (!Decimal.isDecimal(amount))
    throw new DecimalFormatError(`not a canonical Decimal: ${quoteInput(amount)}`);
  if (!UNIT_TYPES.has(unitType)) throw new InvalidUnitError(`unknown unit type ${quoteInput(unitType)}`);
  const validUnit =
    unitType === 'CURRENCY' ? isCurrencyCode(unit) : typeof unit === 'string' && unit.trim() !== '';
  if (!validUnit) throw new InvalidUnitError(`not a valid ${unitType} unit: ${quoteInput(unit)}`);
  return Object.freeze({ amount, unit, unitType });
}

function describe(money: Money): string {
  return `${money.unit} (${money.unitType})`;
}

function assertSameUnit(a: Money, b: Money, operation: string): void {
  if (a.unit !== b.unit || a.unitType !== b.unitType) {
    throw new CurrencyMismatchError(`cannot ${operation} ${describe(a)} and ${describe(b)}`);
  }
}

function cmp(a: Money, b: Money): -1 | 0 | 1 {
  assertSameUnit(a, b, 'compare');
  return Decimal.cmp(a.amount, b.amount);
}

export const Money = {
  /** A frozen Money; `unit` must be an ISO 4217 code when `unitType` is `CURRENCY`, else any non-blank text. */
  of,

  /** Money from an upstream amount as the lossless JSON parser returns it (`20.89` arrives as `"20.89"`). */
  fromWire(amount: WireNumber, unit: string, unitType: UnitType = 'CURRENCY'): Money {
    return of(Decimal.fromWire(amount), unit, unitType);
  },

  add(a: Money, b: Money): Money {
    assertSameUnit(a, b, 'add');
    return of(Decimal.add(a.amount, b.amount), a.unit, a.unitType);
  },

  sub(a: Money, b: Money): Money {
    assertSameUnit(a, b, 'subtract');
    return of(Decimal.sub(a.amount, b.amount), a.unit, a.unitType);
  },

  /** Scales an amount (a rate, a quantity); the result keeps every digit, round it with `roundToMinor`. */
  mul(money: Money, factor: Decimal): Money {
    return of(Decimal.mul(money.amount, factor), money.unit, money.unitType);
  },

  /** Numeric order of two amounts of the same unit; a different unit throws CurrencyMismatchError. */
  cmp,
  eq: (a: Money, b: Money): boolean => cmp(a, b) === 0,

  /** Rounds a CURRENCY amount to exactly the currency's minor-unit digits (`JPY` → 0, `USD` → 2, `KWD` → 3). */
  roundToMinor(money: Money, rounding: RoundingMode = 'half-even'): Money {
    if (money.unitType !== 'CURRENCY') {
      throw new InvalidUnitError(`only CURRENCY amounts have minor units, got ${describe(money)}`);
    }
    return of(Decimal.round(money.amount, minorUnits(money.unit), rounding), money.unit, money.unitType);
  },

  /**
   * The amount as it is written to clients: a CURRENCY amount has at least its currency's minor-unit digits, padded
   * with zeros and never rounded (`"343600"` IDR → `"343600.00"`, `"5.125"` USD stays); other units are as they are.
   */
  written(money: Money): Decimal {
    if (money.unitType !== 'CURRENCY') return money.amount;
    const minor = minorUnits(money.unit);
    return Decimal.scale(money.amount) >= minor ? money.amount : Decimal.round(money.amount, minor);
  },

  /**
   * Strict client input: plain decimal text whose fraction digits fit the currency (`"100.00"` JPY is refused,
   * never rounded). The text's scale is kept (`"5.5"` USD stays `"5.5"`).
   */
  parseAmount(text: string, currency: string, options: ParseAmountOptions = {}): Money {
    const allowed = minorUnits(currency);
    const amount = Decimal.parse(text);
    if (options.nonNegative === true && Decimal.isNegative(amount)) {
      throw new NegativeAmountError(`the amount must not be negative: ${quoteInput(text)}`);
    }
    const given = Decimal.scale(amount);
    if (given > allowed) throw new AmountPrecisionError(currency, allowed, given);
    return of(amount, currency, 'CURRENCY');
  },
} as const;
