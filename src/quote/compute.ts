import { minorUnits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import type { CalculationMode, RangedTerms } from './terms.js';

/** What a ranged purchase of the quoted amount costs and delivers, every amount at its currency's minor units. */
export interface QuoteAmounts {
  mode: CalculationMode;
  source: Money;
  destination: Money;
  wholesalePrice: Money;
  fee: Money;
  /** `null` when the product has no retail price configured. */
  retailPrice: Money | null;
}

export type QuoteFailure =
  | { kind: 'mode-not-accepted'; mode: CalculationMode; accepted: readonly CalculationMode[] }
  | { kind: 'too-many-decimals'; field: 'amount'; unit: string; allowed: number; given: number }
  | { kind: 'out-of-range'; unit: string; min: Decimal; max: Decimal | null; increment: Decimal | null };

export type QuoteOutcome = { ok: true; quote: QuoteAmounts } | { ok: false; failure: QuoteFailure };

const MINUS_ONE = Decimal.parse('-1');

/**
 * Prices a ranged product exactly as DT One's sandbox does when the transaction is created
 * (see `priceTransaction` in the sandbox's `transactions/pricing.ts`), with `rates.base` = destination per source
 * unit and `rates.wholesale` = destination per wholesale unit:
 *  - DESTINATION_AMOUNT: the destination as given (inside its range, on its increment from `min`);
 *    source = destination ÷ base and wholesale = destination ÷ wholesale rate, each half-up to its minor units.
 *  - SOURCE_AMOUNT: the source as given (inside its range); destination = source × base rounded down to the
 *    increment grid from `min`, then clamped into the destination range (a source inside its range always buys);
 *    wholesale = destination ÷ wholesale rate, half-up.
 * Retail = destination ÷ retail rate half-up (rate `-1`: free; rate or retail unit missing: none).
 * The amount must not carry more fraction digits than its currency has (`"1.0"` JPY is refused, never rounded).
 */
export function computeQuote(terms: RangedTerms, mode: CalculationMode, amount: Decimal): QuoteOutcome {
  if (!terms.acceptedModes.includes(mode)) {
    return { ok: false, failure: { kind: 'mode-not-accepted', mode, accepted: terms.acceptedModes } };
  }
  const side = mode === 'SOURCE_AMOUNT' ? terms.source : terms.destination;
  const allowed = minorUnits(side.unit);
  const given = Decimal.scale(amount);
  if (given > allowed) {
    return {
      ok: false,
      failure: { kind: 'too-many-decimals', field: 'amount', unit: side.unit, allowed, given },
    };
  }
  const step = mode === 'DESTINATION_AMOUNT' ? destinationStep(terms) : null;
  const inRange =
    Decimal.gte(amount, side.min) &&
    (side.max === null || Decimal.lte(amount, side.max)) &&
    (step === null || isOnGrid(amount, side.min, step));
  if (!inRange) {
    return {
      ok: false,
      failure: { kind: 'out-of-range', unit: side.unit, min: side.min, max: side.max, increment: step },
    };
  }

  const destination = mode === 'DESTINATION_AMOUNT' ? amount : destinationFor(terms, amount);
  const source =
    mode === 'SOURCE_AMOUNT' ? amount : divideToUnit(destination, terms.rates.base, terms.source.unit);
  const wholesaleUnit = terms.wholesale.unit;
  return {
    ok: true,
    quote: {
      mode,
      source: currency(source, terms.source.unit),
      destination: currency(destination, terms.destination.unit),
      wholesalePrice: currency(
        divideToUnit(destination, terms.rates.wholesale, wholesaleUnit),
        wholesaleUnit,
      ),
      fee: currency(terms.wholesale.fee, wholesaleUnit),
      retailPrice: retailFor(terms, destination),
    },
  };
}

/** The destination's step: its increment, or one minor unit when DT One gives none (or a non-positive one). */
function destinationStep(terms: RangedTerms): Decimal {
  const increment = terms.destination.increment;
  if (increment !== null && Decimal.gt(increment, Decimal.parse('0'))) return increment;
  return minorUnit(terms.destination.unit);
}

function isOnGrid(amount: Decimal, min: Decimal, step: Decimal): boolean {
  const offset = Decimal.sub(amount, min);
  const steps = Decimal.div(offset, step, 0, 'down');
  return Decimal.eq(Decimal.mul(steps, step), offset);
}

/** source × base, down to the increment grid from `min`, clamped into the destination range. */
function destinationFor(terms: RangedTerms, source: Decimal): Decimal {
  const { min, max } = terms.destination;
  const step = destinationStep(terms);
  const exact = Decimal.mul(source, terms.rates.base);
  const steps = Decimal.div(Decimal.sub(exact, min), step, 0, 'floor');
  const onGrid = Decimal.add(min, Decimal.mul(steps, step));
  const atLeastMin = Decimal.max(onGrid, min);
  return max === null ? atLeastMin : Decimal.min(atLeastMin, max);
}

function retailFor(terms: RangedTerms, destination: Decimal): Money | null {
  const rate = terms.rates.retail;
  const unit = terms.retail?.unit;
  if (rate === null || !unit) return null;
  if (Decimal.eq(rate, MINUS_ONE)) return currency(Decimal.parse('0'), unit);
  return currency(divideToUnit(destination, rate, unit), unit);
}

function divideToUnit(amount: Decimal, rate: Decimal, unit: string): Decimal {
  return Decimal.div(amount, rate, minorUnits(unit), 'half-up');
}

/** The amount written with exactly the currency's minor digits (half-up, as DT One prints amounts). */
function currency(amount: Decimal, unit: string): Money {
  return Money.of(Decimal.round(amount, minorUnits(unit), 'half-up'), unit);
}

/** `1`, `0.01`, `0.001`: the smallest amount of the currency. */
function minorUnit(unit: string): Decimal {
  const digits = minorUnits(unit);
  return Decimal.parse(digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`);
}
