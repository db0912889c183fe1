import type { Decimal } from 'decimal.js';
import { Dec, minorUnits, moneyText, nicePrice } from './amounts.js';
import type { OperatorPlan } from './build-operators.js';
import type { Validity } from './product-draft.js';
import type { DestinationRange, PriceTerms } from './product-pricing.js';
import { drawTerms } from './product-pricing.js';
import type { Random } from './random.js';
import { currencyInfo } from './reference/currencies.js';
import type { JsonObject } from './types.js';

/** What a family builder needs besides its operator. */
export interface DraftContext {
  random: Random;
  nextId(): number;
}

export function termsFor(operator: OperatorPlan, random: Random): PriceTerms {
  return drawTerms(random, operator.country.currency, operator.country.accountCurrency);
}

const localPrices = new Map<string, Dec>();

/** The local-currency price point nearest to `usd` US dollars (memoised: builders ask for few distinct ones). */
export function localPrice(usd: Decimal.Value, currency: string): Dec {
  const key = `${usd.toString()} ${currency}`;
  let price = localPrices.get(key);
  if (!price) {
    price = nicePrice(new Dec(usd).mul(currencyInfo(currency).perUsd), currency);
    localPrices.set(key, price);
  }
  return price;
}

/** A price point one step below a round number (`199`, `4.99`), as retail price lists often show. */
export function charmPrice(price: Dec, currency: string): Dec {
  const step = price.gte(100) || minorUnits(currency) === 0 ? new Dec(1) : new Dec('0.01');
  const charmed = price.minus(step);
  return charmed.gt(0) ? charmed : price;
}

/** Increment for ranged amounts: a power of ten worth about five US cents, never below one minor unit. */
export function rangeIncrement(currency: string): Dec {
  const smallest = new Dec(10).pow(-minorUnits(currency));
  const nickel = new Dec(currencyInfo(currency).perUsd).mul('0.05');
  return Dec.max(smallest, new Dec(10).pow(nickel.e));
}

/** Destination bounds worth about `minUsd`..`maxUsd`, rounded outwards to multiples of the increment. */
export function destinationRange(
  currency: string,
  minUsd: Decimal.Value,
  maxUsd: Decimal.Value,
): DestinationRange {
  const increment = rangeIncrement(currency);
  const align = (usd: Decimal.Value, rounding: Decimal.Rounding) =>
    localPrice(usd, currency).div(increment).toDecimalPlaces(0, rounding).mul(increment);
  const min = Dec.max(increment, align(minUsd, Dec.ROUND_CEIL));
  const max = Dec.max(min.plus(increment), align(maxUsd, Dec.ROUND_FLOOR));
  return { min, max, increment };
}

export function moneyString(value: Dec, currency: string): string {
  return moneyText(value, currency);
}

/** A validity, none (`null`), unknown (quantity `null`) or unlimited (quantity `-1`). */
export type ValidityChoice = Validity | null | 'unknown' | 'unlimited';

const validityJsons = new Map<string, JsonObject>();

/** The spec's `validity` (shared between products: the catalogue is read-only). */
export function validityJson(validity: ValidityChoice): JsonObject | null {
  if (validity === null) return null;
  const [unit, quantity] =
    validity === 'unknown'
      ? ['DAY', null]
      : validity === 'unlimited'
        ? ['DAY', -1]
        : [validity.unit, validity.quantity];
  const key = `${quantity} ${unit}`;
  let json = validityJsons.get(key);
  if (!json) {
    json = { unit, quantity };
    validityJsons.set(key, json);
  }
  return json;
}

const ZONES: readonly (readonly [string[], number])[] = [
  [['INTERNATIONAL'], 80],
  [['DOMESTIC', 'INTERNATIONAL'], 16],
  [['DOMESTIC'], 4],
];

export function availabilityZones(random: Random): string[] {
  return random.weighted(ZONES);
}

/** One tag (4–16 of `A-Z0-9_`, as the spec's `product_tag`) for about a third of products. */
export function maybeTag(random: Random, pool: readonly string[], chance = 0.35): string | null {
  return pool.length > 0 && random.chance(chance) ? random.pick(pool) : null;
}

export const MOBILE_TAGS = [
  'BEST_SELLER',
  'POPULAR',
  'NEW_PRODUCT',
  'HOT_DEAL',
  'LIMITED_TIME',
  'SOCIAL',
  'NIGHT_OWL',
  'STUDENT',
] as const;
/** Gift-card tags: the card's kind (by subservice), or a generic one. */
export const GIFT_CARD_TAGS: Readonly<Record<number, readonly string[]>> = {
  41: ['SHOPPING', 'BEST_SELLER', 'NEW_PRODUCT'],
  42: ['GAMING', 'BEST_SELLER', 'NEW_PRODUCT'],
  43: ['PREPAID_CARD', 'BEST_SELLER'],
  44: ['FOOD', 'BEST_SELLER', 'NEW_PRODUCT'],
  45: ['STREAMING', 'BEST_SELLER', 'NEW_PRODUCT'],
  46: ['TRAVEL', 'BEST_SELLER', 'NEW_PRODUCT'],
};
export const BILL_TAGS = ['INSTANT_POSTING', 'POSTPAID', 'PREPAID', 'BEST_SELLER'];
