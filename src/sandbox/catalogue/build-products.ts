/**
 * Builds every product as a draft (see `product-draft.ts`); `render-product.ts` turns drafts into JSON.
 *
 * Amount and rate rules (the transaction engine and the gateway's quote rely on them)
 * ---------------------------------------------------------------------------------
 * Every amount is exact decimal text held in a `LosslessNumber`: destination amounts in the country's
 * currency with that currency's ISO 4217 minor units (JPY/KRW/VND 0, BHD/KWD/JOD/OMR/TND 3, most 2),
 * source, wholesale and retail amounts and fees in the product's account currency (USD, or EUR for Europe
 * and `EXX`), always printed with every minor digit (`9.90`, `0.30`, `1000`, `0.500`). Rates have at most
 * six fraction digits and no trailing zeros. "Half-up" below means ROUND_HALF_UP.
 *
 * FIXED_VALUE_RECHARGE / FIXED_VALUE_PIN_PURCHASE
 *   source.amount            = destination ÷ (mid-market rate × (1 − spread)), half-up to account minor units
 *   prices.wholesale.amount  = source × (1 − discount), half-up to account minor units
 *   prices.wholesale.fee     = a flat fee in the account currency, charged on top of the wholesale amount
 *   prices.retail.amount     = source × (1 + markup), half-up (or retail absent / null-valued / 0)
 *   rates.base               = destination ÷ source.amount, half-up to 6 fraction digits
 *   rates.wholesale          = destination ÷ prices.wholesale.amount, half-up to 6 fraction digits
 *   rates.retail             = destination ÷ prices.retail.amount, half-up to 6; null when no retail price
 *                              is configured; -1 when the retail price is 0 (as the spec defines)
 *
 * RANGED_VALUE_RECHARGE / RANGED_VALUE_PIN_PURCHASE / RANGED_VALUE_PAYMENT
 *   destination.amount.min/max are multiples of destination.amount.increment (inclusive bounds)
 *   rates.base, rates.wholesale, rates.retail are given (≤ 6 fraction digits); retail may be null
 *   source.amount.min/max           = destination min/max ÷ rates.base, half-up to account minor units
 *   prices.wholesale.amount.min/max = destination min/max ÷ rates.wholesale, half-up
 *   prices.retail.amount.min/max    = destination min/max ÷ rates.retail, half-up (when retail exists)
 *   Quoting a transaction:
 *     DESTINATION_AMOUNT d (a multiple of the increment within the bounds):
 *       source = d ÷ rates.base, wholesale = d ÷ rates.wholesale, retail = d ÷ rates.retail,
 *       each half-up to account minor units
 *     SOURCE_AMOUNT s (within the source bounds, account minor units):
 *       destination = s × rates.base rounded DOWN to a multiple of the increment (the receiver never gets
 *       more than was paid for), then wholesale and retail from that destination as above
 *
 * Benefits: `base` is what the product gives (`-1` = unlimited). A running promotion adds
 * `promotion_bonus = base × percent ÷ 100`, rounded down to the benefit's unit (currency minor units, GB to
 * 0.01, MB/minutes/SMS to whole units). `total_excluding_tax = base + promotion_bonus`;
 * `total_including_tax = total_excluding_tax × (1 − recharge tax)` rounded down (only talk-time credit in
 * countries that tax recharges; elsewhere equal).
 */
import type { Region } from './build-countries.js';
import { EUROPE, GLOBAL } from './build-countries.js';
import type { OperatorPlan } from './build-operators.js';
import type { DraftContext } from './draft-helpers.js';
import type { ProductDraft } from './product-draft.js';
import { billDrafts } from './products-bills.js';
import { giftCardDrafts } from './products-gift-cards.js';
import { mobileDrafts } from './products-mobile.js';
import { esimDrafts, voipDrafts } from './products-travel.js';
import type { Random } from './random.js';

/** Coverage pools for multi-country products: every real country, and the European ones. */
export interface Coverage {
  world: readonly Region[];
  europe: readonly Region[];
}

/** Drafts of every product, ids from 1 in operator order. */
export function buildProductDrafts(
  operators: readonly OperatorPlan[],
  coverage: Coverage,
  random: Random,
): ProductDraft[] {
  let lastId = 0;
  const ctx: DraftContext = { random, nextId: () => ++lastId };
  const pool = (operator: OperatorPlan) =>
    operator.country.isoCode === GLOBAL
      ? coverage.world
      : operator.country.isoCode === EUROPE
        ? coverage.europe
        : [];

  return operators.flatMap((operator) => {
    switch (operator.kind) {
      case 'mobile':
        return mobileDrafts(operator, ctx);
      case 'giftcard':
        return giftCardDrafts(operator, ctx, pool(operator));
      case 'esim':
        return esimDrafts(operator, ctx, pool(operator));
      case 'voip':
        return voipDrafts(operator, ctx);
      default:
        return billDrafts(operator, ctx);
    }
  });
}
