import { Decimal } from 'decimal.js';
import type { JsonObject, JsonValue } from '../catalogue/types.js';
import { SandboxError } from '../errors.js';
import {
  fitsUnit,
  Money,
  minorDigits,
  readDecimal,
  roundToUnit,
  type UnitAmount,
  wireAmount,
  wireNumber,
} from './amounts.js';
import type { CalculationMode, ProductTerms, RangedAmounts } from './product-terms.js';

export interface AmountRequest {
  calculationMode: CalculationMode | null;
  source: UnitAmount | null;
  destination: UnitAmount | null;
}

/** A transaction's money, fixed at creation. */
export interface Pricing {
  requested: { source: UnitAmount; destination: UnitAmount };
  adjusted: { source: UnitAmount; destination: UnitAmount };
  wholesale: { unit: string; amount: Money; fee: Money };
  retail: { unitType: string | null; unit: string | null; amount: Money | null; fee: Money | null } | null;
  rates: ProductTerms['rates'];
  /** Spec `fixed_benefit` objects, already wire-shaped. */
  benefits: JsonValue[] | null;
}

/**
 * Prices a transaction. Fixed products: the product's own amounts and prices. Ranged products, from the request
 * and the product's rates (base = destination per source unit, wholesale = destination per wholesale unit):
 *  - DESTINATION_AMOUNT: destination as given (in range, on the increment); source = destination ÷ base and
 *    wholesale = destination ÷ wholesale rate, each rounded half-up to its currency's minor units.
 *  - SOURCE_AMOUNT: source as given (in range, within its currency's minor units); destination = source × base
 *    rounded DOWN to the destination increment (and clamped into the destination range); wholesale =
 *    destination ÷ wholesale rate rounded half-up. `requested_values` carry source × base half-up to the
 *    destination's minor units, `adjusted_values` the destination actually delivered.
 * Retail = destination ÷ retail rate (rate `-1` = free, `null` = no retail amount). Ranged benefits are read off
 * linearly between their min and max at the destination's place in its range (rounded down).
 */
export function priceTransaction(terms: ProductTerms, request: AmountRequest): Pricing {
  const { amounts, rates } = terms;
  if (amounts.kind === 'fixed') {
    const values = { source: amounts.source, destination: amounts.destination };
    return {
      requested: values,
      adjusted: values,
      wholesale: { unit: terms.wholesale.unit, amount: amounts.wholesaleAmount, fee: terms.wholesale.fee },
      retail: terms.retail && { ...terms.retail, amount: amounts.retailAmount },
      rates,
      benefits: Array.isArray(terms.json.benefits) ? terms.json.benefits : null,
    };
  }

  const { requested, adjusted } = rangedValues(terms, amounts, request);
  const destination = adjusted.destination.amount;
  return {
    requested,
    adjusted,
    wholesale: {
      unit: terms.wholesale.unit,
      amount: roundToUnit(terms.wholesale.unit, destination.dividedBy(rates.wholesale)),
      fee: terms.wholesale.fee,
    },
    retail: terms.retail && { ...terms.retail, amount: retailAmount(terms, destination) },
    rates,
    benefits: rangedBenefits(terms.json.benefits, amounts, destination),
  };
}

function rangedValues(terms: ProductTerms, amounts: RangedAmounts, request: AmountRequest) {
  const mode = request.calculationMode;
  const product = terms.entry.id;
  if (mode === null) {
    throw new SandboxError(1000400, `calculation_mode: is required for ${terms.type} product ${product}`);
  }
  if (!amounts.acceptedModes.includes(mode)) {
    throw new SandboxError(
      1000400,
      `calculation_mode: ${mode} is not accepted by product ${product} (accepted: ${amounts.acceptedModes.join(', ')})`,
    );
  }
  const { source: src, destination: dst } = amounts;

  if (mode === 'DESTINATION_AMOUNT') {
    const given = requireSide(request.destination, 'destination', mode, dst.unit);
    const offset = given.minus(dst.min);
    if (given.lessThan(dst.min) || given.greaterThan(dst.max) || !offset.modulo(dst.increment).isZero()) {
      throw new SandboxError(
        1003002,
        `destination.amount must be between ${dst.min.toFixed()} and ${dst.max.toFixed()} ${dst.unit} in steps of ${dst.increment.toFixed()}`,
      );
    }
    const values = {
      source: { unit: src.unit, amount: roundToUnit(src.unit, given.dividedBy(terms.rates.base)) },
      destination: { unit: dst.unit, amount: given },
    };
    return { requested: values, adjusted: values };
  }

  const given = requireSide(request.source, 'source', mode, src.unit);
  if (given.lessThan(src.min) || given.greaterThan(src.max) || !fitsUnit(src.unit, given)) {
    throw new SandboxError(
      1003002,
      `source.amount must be between ${src.min.toFixed()} and ${src.max.toFixed()} ${src.unit} with at most ${minorDigits(src.unit)} decimals`,
    );
  }
  const exact = given.times(terms.rates.base);
  const steps = exact.minus(dst.min).dividedToIntegerBy(dst.increment);
  // A source inside its declared range always buys something: its bounds are the destination's bounds over
  // the base rate, rounded, so they may land a hair outside the destination range, and are clamped back in.
  const destination = Money.min(dst.max, Money.max(dst.min, dst.min.plus(steps.times(dst.increment))));
  const source = { unit: src.unit, amount: given };
  return {
    requested: { source, destination: { unit: dst.unit, amount: roundToUnit(dst.unit, exact) } },
    adjusted: { source, destination: { unit: dst.unit, amount: destination } },
  };
}

function requireSide(side: UnitAmount | null, name: string, mode: CalculationMode, unit: string): Money {
  if (side === null) throw new SandboxError(1000400, `${name}: is required when calculation_mode is ${mode}`);
  if (side.unit !== unit) {
    throw new SandboxError(1003003, `${name}.unit must be ${unit}, got ${side.unit}`);
  }
  return side.amount;
}

function retailAmount(terms: ProductTerms, destination: Money): Money | null {
  const rate = terms.rates.retail;
  const unit = terms.retail?.unit;
  if (rate === null || !unit) return null;
  if (rate.equals(-1)) return new Money(0);
  return roundToUnit(unit, destination.dividedBy(rate));
}

function rangedBenefits(
  value: JsonValue | undefined,
  amounts: RangedAmounts,
  destination: Money,
): JsonValue[] | null {
  if (!Array.isArray(value)) return null;
  const { min, max } = amounts.destination;
  const share = max.equals(min) ? new Money(0) : destination.minus(min).dividedBy(max.minus(min));
  return value.map((benefit) => {
    const b = benefit as JsonObject;
    const unit = typeof b.unit === 'string' ? b.unit : '';
    const decimals = b.unit_type === 'CURRENCY' ? minorDigits(unit) : 2;
    const pick = (range: JsonValue | undefined): JsonValue => {
      const r = (range ?? {}) as JsonObject;
      const low = readDecimal(r.min) ?? new Money(0);
      const high = readDecimal(r.max) ?? low;
      if (low.equals(-1) || high.equals(-1)) return wireNumber(new Money(-1));
      const value = low.plus(high.minus(low).times(share)).toDecimalPlaces(decimals, Decimal.ROUND_DOWN);
      return b.unit_type === 'CURRENCY' ? wireAmount(unit, value) : wireNumber(value);
    };
    const amount = (b.amount ?? {}) as JsonObject;
    return {
      type: b.type ?? null,
      unit_type: b.unit_type ?? null,
      unit,
      amount: {
        base: pick(amount.base),
        promotion_bonus: pick(amount.promotion_bonus),
        total_excluding_tax: pick(amount.total_excluding_tax),
        total_including_tax: pick(amount.total_including_tax),
      },
      additional_information: b.additional_information ?? null,
    };
  });
}
