import { Dec, money, moneyText, RATE_DECIMALS, rate, roundMoney } from './amounts.js';
import type { Random } from './random.js';
import { currencyInfo } from './reference/currencies.js';
import type { JsonObject } from './types.js';

/**
 * Prices, source/destination amounts and rates of one product, following the rules documented at the top
 * of `build-products.ts` (the transaction engine and the gateway's quote rely on them).
 */
export interface Pricing {
  source: JsonObject;
  destination: JsonObject;
  prices: JsonObject;
  rates: JsonObject;
}

/**
 * A product's pricing, worked out when first needed (the terms are drawn up front, so the result does not
 * depend on when): most products of a sandbox run are never rendered.
 */
export interface PricingPlan {
  /** Destination amount (fixed) or minimum (ranged), exact text: `ProductEntry.sortAmount`. */
  sortAmount: string;
  resolve(): Pricing;
}

function plan(sortAmount: string, work: () => Pricing): PricingPlan {
  let pricing: Pricing | undefined;
  return {
    sortAmount,
    resolve: () => {
      pricing ??= work();
      return pricing;
    },
  };
}

/** How a product's retail price is configured; the spec allows all four. */
type RetailStyle = 'markup' | 'absent' | 'nullValued' | 'free';

export interface PriceTerms {
  /** Currency of the destination amount (the country's currency). */
  destinationCurrency: string;
  /** Currency of the balance that pays (USD or EUR). */
  accountCurrency: string;
  /** DT One's spread under the mid-market rate, per mille. */
  spreadPerMille: number;
  /** Wholesale discount under the source price, per mille. */
  discountPerMille: number;
  /** Retail markup over the source price, per mille. */
  markupPerMille: number;
  fee: string;
  retailFee: string;
  retail: RetailStyle;
}

const CURRENCY = 'CURRENCY';
const WHOLESALE_FEES = ['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.10', '0.25', '0.30', '0.50'];

const RETAIL_STYLES: readonly (readonly [RetailStyle, number])[] = [
  ['markup', 80],
  ['absent', 8],
  ['nullValued', 10],
  ['free', 2],
];

const midRates = new Map<string, Dec>();

/** Mid-market rate from the account currency to the destination currency. */
export function midRate(accountCurrency: string, destinationCurrency: string): Dec {
  const key = `${accountCurrency} ${destinationCurrency}`;
  let mid = midRates.get(key);
  if (!mid) {
    mid = new Dec(currencyInfo(destinationCurrency).perUsd).div(currencyInfo(accountCurrency).perUsd);
    midRates.set(key, mid);
  }
  return mid;
}

/** Draws the commercial terms of one product: spread 0.5–4 %, wholesale discount 1–8 %, retail markup 2–10 %. */
export function drawTerms(random: Random, destinationCurrency: string, accountCurrency: string): PriceTerms {
  return {
    destinationCurrency,
    accountCurrency,
    spreadPerMille: random.int(5, 40),
    discountPerMille: random.int(10, 80),
    markupPerMille: random.int(20, 100),
    fee: random.pick(WHOLESALE_FEES),
    retailFee: random.chance(0.85) ? '0.00' : random.pick(['0.10', '0.30', '0.99']),
    retail: random.weighted(RETAIL_STYLES),
  };
}

/** Fixed-value pricing for a destination amount given in the destination currency's minor units. */
export function fixedPricing(terms: PriceTerms, destinationText: string): PricingPlan {
  return plan(moneyText(destinationText, terms.destinationCurrency), () =>
    priceFixed(terms, destinationText),
  );
}

/** The terms as factors: base rate = mid × (1 − spread), 1 − discount, 1 + markup. */
function factors(terms: PriceTerms) {
  const perMille = (n: number) => new Dec(n).div(1000);
  return {
    baseRate: midRate(terms.accountCurrency, terms.destinationCurrency).mul(
      Dec.sub(1, perMille(terms.spreadPerMille)),
    ),
    wholesaleFactor: Dec.sub(1, perMille(terms.discountPerMille)),
    retailFactor: Dec.add(1, perMille(terms.markupPerMille)),
  };
}

function priceFixed(terms: PriceTerms, destinationText: string): Pricing {
  const { accountCurrency: account, destinationCurrency: dest } = terms;
  const { baseRate, wholesaleFactor, retailFactor } = factors(terms);
  const destination = new Dec(destinationText);
  const source = Dec.max(roundMoney(destination.div(baseRate), account), minimum(account));
  const wholesale = Dec.max(roundMoney(source.mul(wholesaleFactor), account), minimum(account));
  const retailAmount = terms.retail === 'markup' ? roundMoney(source.mul(retailFactor), account) : ZERO;

  return {
    source: { unit_type: CURRENCY, unit: account, amount: money(source, account) },
    destination: { unit_type: CURRENCY, unit: dest, amount: money(destination, dest) },
    prices: {
      wholesale: {
        unit_type: CURRENCY,
        unit: account,
        amount: money(wholesale, account),
        fee: money(terms.fee, account),
      },
      retail: retailPrice(terms, () => money(retailAmount, account)),
    },
    rates: {
      base: rate(destination.div(source)),
      wholesale: rate(destination.div(wholesale)),
      retail:
        terms.retail === 'markup'
          ? rate(destination.div(retailAmount))
          : terms.retail === 'free'
            ? rate(-1)
            : null,
    },
  };
}

export interface DestinationRange {
  min: Dec;
  max: Dec;
  increment: Dec;
}

/** Ranged pricing over destination bounds that are multiples of the increment. */
export function rangedPricing(terms: PriceTerms, range: DestinationRange): PricingPlan {
  for (const bound of [range.min, range.max]) {
    if (!bound.mod(range.increment).isZero())
      throw new Error(`${bound} is not a multiple of ${range.increment}`);
  }
  return plan(moneyText(range.min, terms.destinationCurrency), () => priceRanged(terms, range));
}

function priceRanged(terms: PriceTerms, range: DestinationRange): Pricing {
  const { accountCurrency: account, destinationCurrency: dest } = terms;
  const { baseRate, wholesaleFactor, retailFactor } = factors(terms);
  const base = baseRate.toDecimalPlaces(RATE_DECIMALS, Dec.ROUND_HALF_UP);
  const wholesale = base.div(wholesaleFactor).toDecimalPlaces(RATE_DECIMALS, Dec.ROUND_HALF_UP);
  const retail =
    terms.retail === 'markup'
      ? base.div(retailFactor).toDecimalPlaces(RATE_DECIMALS, Dec.ROUND_HALF_UP)
      : undefined;
  const inAccount = (r: Dec) => ({
    min: money(range.min.div(r), account),
    max: money(range.max.div(r), account),
  });

  return {
    source: { unit_type: CURRENCY, unit: account, amount: inAccount(base) },
    destination: {
      unit_type: CURRENCY,
      unit: dest,
      amount: {
        min: money(range.min, dest),
        max: money(range.max, dest),
        increment: money(range.increment, dest),
      },
    },
    prices: {
      wholesale: {
        unit_type: CURRENCY,
        unit: account,
        amount: inAccount(wholesale),
        fee: money(terms.fee, account),
      },
      retail: retailPrice(terms.retail === 'free' ? { ...terms, retail: 'nullValued' } : terms, () =>
        inAccount(retail as Dec),
      ),
    },
    rates: { base: rate(base), wholesale: rate(wholesale), retail: retail ? rate(retail) : null },
  };
}

function retailPrice(terms: PriceTerms, amount: () => JsonObject['amount']): JsonObject | null {
  switch (terms.retail) {
    case 'absent':
      return null;
    case 'nullValued':
      return { unit_type: null, unit: null, amount: null, fee: null };
    case 'free':
      return {
        unit_type: CURRENCY,
        unit: terms.accountCurrency,
        amount: money(0, terms.accountCurrency),
        fee: money(terms.retailFee, terms.accountCurrency),
      };
    case 'markup':
      return {
        unit_type: CURRENCY,
        unit: terms.accountCurrency,
        amount: amount(),
        fee: money(terms.retailFee, terms.accountCurrency),
      };
  }
}

const ZERO = new Dec(0);
const MINIMUMS = new Map<number, Dec>([0, 2, 3].map((units) => [units, new Dec(10).pow(-units)]));

/** The smallest amount the currency can express (one minor unit). */
function minimum(currency: string): Dec {
  return MINIMUMS.get(currencyInfo(currency).minorUnits) as Dec;
}
