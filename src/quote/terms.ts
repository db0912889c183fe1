import type { Product } from '../datasources/dtone/types.js';
import { Decimal } from '../money/decimal.js';
import type { WireNumber } from '../money/json.js';

export type CalculationMode = 'SOURCE_AMOUNT' | 'DESTINATION_AMOUNT';

/** An inclusive range; `max` is `null` when DT One states no upper bound. */
export interface AmountRange {
  unit: string;
  min: Decimal;
  max: Decimal | null;
}

/** What a quote needs from a ranged product: its ranges, accepted modes, rates and price units. */
export interface RangedTerms {
  productId: number;
  acceptedModes: readonly CalculationMode[];
  source: AmountRange;
  destination: AmountRange & { increment: Decimal | null };
  wholesale: { unit: string; fee: Decimal };
  /** `null` when the product has no retail price object, or one without a unit. */
  retail: { unit: string } | null;
  rates: { base: Decimal; wholesale: Decimal; retail: Decimal | null };
}

export type ProductTerms = { kind: 'ranged'; terms: RangedTerms } | { kind: 'not-ranged'; type: string };

interface WireRange {
  min?: WireNumber;
  max?: WireNumber;
  increment?: WireNumber;
}

const ZERO = Decimal.parse('0');

/** Reads the amounts of a DVS product; fixed products (and types newer than this gateway) have no quote. */
export function productTermsOf(product: Product): ProductTerms {
  if (
    product.type !== 'RANGED_VALUE_RECHARGE' &&
    product.type !== 'RANGED_VALUE_PIN_PURCHASE' &&
    product.type !== 'RANGED_VALUE_PAYMENT'
  ) {
    return { kind: 'not-ranged', type: product.type };
  }
  const source = product.source.amount as WireRange;
  const destination = product.destination.amount as WireRange;
  const retail = product.prices.retail;
  const rates = product.rates;
  return {
    kind: 'ranged',
    terms: {
      productId: product.id,
      acceptedModes: (product.accepted_calculation_modes ?? []).filter(
        (mode): mode is CalculationMode => mode === 'SOURCE_AMOUNT' || mode === 'DESTINATION_AMOUNT',
      ),
      source: { unit: product.source.unit, ...bounds(source) },
      destination: {
        unit: product.destination.unit,
        ...bounds(destination),
        increment: destination.increment === undefined ? null : Decimal.fromWire(destination.increment),
      },
      wholesale: {
        unit: product.prices.wholesale.unit,
        fee: Decimal.fromWire(product.prices.wholesale.fee),
      },
      retail: retail?.unit ? { unit: retail.unit } : null,
      rates: {
        base: Decimal.fromWire(rates.base),
        wholesale: Decimal.fromWire(rates.wholesale),
        retail: rates.retail === null || rates.retail === undefined ? null : Decimal.fromWire(rates.retail),
      },
    },
  };
}

function bounds(range: WireRange): { min: Decimal; max: Decimal | null } {
  return {
    min: range.min === undefined ? ZERO : Decimal.fromWire(range.min),
    max: range.max === undefined ? null : Decimal.fromWire(range.max),
  };
}
