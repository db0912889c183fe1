import type { Product } from '../datasources/dtone/types.js';
import { minorUnits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { computeQuote } from '../quote/compute.js';
import { productTermsOf } from '../quote/terms.js';
import type { Spend, SpendRefusal } from '../store/types.js';
import type { CreateTransactionInput } from './dvs-request.js';
import { SpendLimitExceededError } from './errors.js';

const MILLION = Decimal.parse('1000000');

/** An amount in millionths of its unit, rounded up: a cap is never passed by a rounding. */
export function toMicros(amount: Decimal): bigint {
  return BigInt(Decimal.toFixed(Decimal.round(Decimal.mul(amount, MILLION), 0, 'ceil'), 0));
}

/** Millionths back to an amount, written at the currency's scale, or longer when the amount needs it. */
export function fromMicros(micros: bigint, unit: string): Money {
  const exact = Decimal.div(Decimal.parse(micros.toString()), MILLION, 6, 'down');
  let places = minorUnits(unit);
  while (places < 6 && !Decimal.eq(Decimal.round(exact, places, 'down'), exact)) places++;
  return Money.of(Decimal.parse(Decimal.toFixed(exact, places)), unit);
}

/**
 * What a create will cost the tenant: the wholesale price plus fee that DT One debits, in the wholesale currency,
 * as the product prices it (a ranged product through the same quote DT One computes). `undefined` when the product
 * does not say (nothing to check it against).
 */
export function spendOf(product: Product, input: CreateTransactionInput): Spend | undefined {
  const terms = productTermsOf(product);
  if (terms.kind === 'ranged') {
    if (!input.calculationMode || !input.amount) return undefined;
    const outcome = computeQuote(terms.terms, input.calculationMode, input.amount);
    if (!outcome.ok) return undefined;
    const { wholesalePrice, fee } = outcome.quote;
    return { unit: wholesalePrice.unit, micros: toMicros(Decimal.add(wholesalePrice.amount, fee.amount)) };
  }
  const wholesale = product.prices?.wholesale as
    | { unit?: string; amount?: unknown; fee?: unknown }
    | undefined
    | null;
  if (!wholesale?.unit || wholesale.amount === undefined || wholesale.amount === null) return undefined;
  const amount = Decimal.fromWire(wholesale.amount as never);
  const fee =
    wholesale.fee === undefined || wholesale.fee === null
      ? Decimal.parse('0')
      : Decimal.fromWire(wholesale.fee as never);
  return { unit: wholesale.unit, micros: toMicros(Decimal.add(amount, fee)) };
}

export function spendLimitExceeded({
  unit,
  capMicros,
  spentMicros,
  requestedMicros,
}: SpendRefusal): SpendLimitExceededError {
  return new SpendLimitExceededError(
    fromMicros(capMicros, unit),
    fromMicros(spentMicros, unit),
    fromMicros(requestedMicros, unit),
  );
}
