import { Dec, moneyText } from './amounts.js';
import type { Region } from './build-countries.js';
import type { OperatorPlan } from './build-operators.js';
import {
  availabilityZones,
  charmPrice,
  type DraftContext,
  destinationRange,
  GIFT_CARD_TAGS,
  localPrice,
  maybeTag,
  termsFor,
  type ValidityChoice,
  validityJson,
} from './draft-helpers.js';
import {
  type BenefitDraft,
  FIELDS,
  NO_REQUIREMENTS,
  NO_TAX,
  type ProductDraft,
  type Requirements,
} from './product-draft.js';
import { fixedPricing, rangedPricing } from './product-pricing.js';
import type { Random } from './random.js';

const CARD_USD = ['5', '10', '15', '20', '25', '50', '100', '200'];
const GAME_USD = ['1', '5', '10', '25', '50', '100'];
const CASH_CARDS = 43;
const PIN_VALIDITY: readonly (readonly [ValidityChoice, number])[] = [
  [{ quantity: 12, unit: 'MONTH' }, 40],
  [{ quantity: 6, unit: 'MONTH' }, 15],
  ['unlimited', 25],
  [null, 15],
  ['unknown', 5],
];

/**
 * Fixed and ranged PIN products of one gift-card brand. Global and European cards list the countries they
 * can be redeemed in as `regions` (alpha-3 codes, the form `GET /products?region=` takes); `coverage` is the
 * pool to draw them from.
 */
export function giftCardDrafts(
  operator: OperatorPlan,
  ctx: DraftContext,
  coverage: readonly Region[],
): ProductDraft[] {
  const brand = operator.giftCard;
  if (!brand) throw new Error(`${operator.name} is not a gift-card operator`);
  const { random } = ctx;
  const currency = operator.country.currency;
  const regions = coverageFor(operator, random, coverage);
  const drafts: ProductDraft[] = [];
  const base = () => ({
    id: ctx.nextId(),
    operator,
    subserviceId: brand.subservice,
    tag: maybeTag(random, GIFT_CARD_TAGS[brand.subservice] ?? []),
    regions,
    validity: null,
    requirements: giftCardRequirements(random, brand.subservice === CASH_CARDS),
    availabilityZones: availabilityZones(random),
    pin: {
      brand: brand.name,
      validity: validityJson(random.weighted(PIN_VALIDITY)),
    },
  });

  if (brand.gameUnit) {
    const { unit, perUsd } = brand.gameUnit;
    for (const usd of random.sample(GAME_USD, random.int(3, 6))) {
      const quantity = new Dec(usd).mul(perUsd).toFixed(0);
      const price = moneyText(charmPrice(localPrice(usd, currency), currency), currency);
      drafts.push({
        ...base(),
        type: 'FIXED_VALUE_PIN_PURCHASE',
        pricing: fixedPricing(termsFor(operator, random), price),
        benefits: [
          {
            type: 'CREDITS',
            unitType: 'QUANTITY',
            unit,
            base: quantity,
            tax: NO_TAX,
            promotable: true,
            info: null,
          },
        ],
        text: { kind: 'gameCard', brand: brand.name, quantity, unit },
      });
    }
    return drafts;
  }

  const values = [
    ...new Set(
      random.sample(CARD_USD, random.int(3, 6)).map((usd) => moneyText(localPrice(usd, currency), currency)),
    ),
  ];
  for (const value of values) {
    drafts.push({
      ...base(),
      type: 'FIXED_VALUE_PIN_PURCHASE',
      pricing: fixedPricing(termsFor(operator, random), value),
      benefits: [creditBenefit(value, currency, random)],
      text: { kind: 'giftCard', brand: brand.name, amount: value, currency },
    });
  }
  if (brand.ranged) {
    const range = destinationRange(currency, random.pick(['5', '10']), random.pick(['200', '500']));
    drafts.push({
      ...base(),
      type: 'RANGED_VALUE_PIN_PURCHASE',
      calculationModes: random.chance(0.7) ? ['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'] : ['DESTINATION_AMOUNT'],
      pricing: rangedPricing(termsFor(operator, random), range),
      benefits: [creditBenefit({ min: range.min, max: range.max }, currency, random)],
      text: {
        kind: 'giftCardRange',
        brand: brand.name,
        min: moneyText(range.min, currency),
        max: moneyText(range.max, currency),
        currency,
      },
    });
  }
  return drafts;
}

function coverageFor(operator: OperatorPlan, random: Random, coverage: readonly Region[]): Region[] {
  if (coverage.length === 0) return [];
  if (operator.country.isoCode === 'EXX')
    return random.sample(coverage, random.int(Math.min(10, coverage.length), coverage.length));
  return random.chance(0.7) ? random.sample(coverage, random.int(15, Math.min(80, coverage.length))) : [];
}

function giftCardRequirements(random: Random, cashCard: boolean): Requirements {
  return {
    ...NO_REQUIREMENTS,
    credit: random.chance(0.15) ? FIELDS.mobileNumber : null,
    sender: cashCard && random.chance(0.5) ? FIELDS.nameAndEmail : null,
    additional: cashCard || random.chance(0.1) ? FIELDS.purchaserId : null,
  };
}

function creditBenefit(base: BenefitDraft['base'], currency: string, random: Random) {
  return {
    type: 'CREDITS' as const,
    unitType: 'CURRENCY' as const,
    unit: currency,
    base,
    tax: NO_TAX,
    promotable: false,
    info: random.chance(0.2) ? ('redeemOnline' as const) : null,
  };
}
