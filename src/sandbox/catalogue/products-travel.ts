import { Dec, moneyText } from './amounts.js';
import { EUROPE, GLOBAL, type Region } from './build-countries.js';
import type { OperatorPlan } from './build-operators.js';
import {
  availabilityZones,
  charmPrice,
  type DraftContext,
  localPrice,
  maybeTag,
  termsFor,
  validityJson,
} from './draft-helpers.js';
import { FIELDS, NO_REQUIREMENTS, NO_TAX, type ProductDraft, type Validity } from './product-draft.js';
import { fixedPricing } from './product-pricing.js';
import { countryPhrase, type DataUnit, REGION_NAMES, REGION_PHRASES } from './reference/texts.js';

/** Data plans as (GB, days, US-dollar price); `-1` GB is unlimited. */
const ESIM_PLANS: readonly (readonly [string, number, string])[] = [
  ['1', 7, '4.5'],
  ['3', 15, '9.9'],
  ['5', 30, '13'],
  ['10', 30, '20.89'],
  ['20', 30, '32'],
  ['50', 30, '65'],
  ['-1', 7, '29'],
  ['-1', 15, '49'],
];
const VOIP_USD = ['2', '5', '10', '20', '25'];
const TRAVEL_TAGS = ['TRAVEL', 'BEST_SELLER', 'NEW_PRODUCT'];

/**
 * eSIM data plans: fixed recharges whose credit party is the eSIM's ICCID (`account_number`), as DT One's
 * sandbox documents. Global and European plans list the countries they work in.
 */
export function esimDrafts(
  operator: OperatorPlan,
  ctx: DraftContext,
  coverage: readonly Region[],
): ProductDraft[] {
  const { random } = ctx;
  const country = operator.country;
  const currency = country.currency;
  const multiCountry = country.isoCode === GLOBAL || country.isoCode === EUROPE;
  const area = multiCountry
    ? REGION_NAMES[country.isoCode as 'GXX' | 'EXX']
    : { en: country.name, es: country.name, fr: country.name };
  const where = multiCountry ? REGION_PHRASES[country.isoCode as 'GXX' | 'EXX'] : countryPhrase(country.name);
  const regions =
    coverage.length === 0
      ? []
      : random.sample(coverage, random.int(Math.min(10, coverage.length), Math.min(120, coverage.length)));

  return random.sample(ESIM_PLANS, random.int(4, 8)).map(([gb, days, usd]) => {
    const validity: Validity = { quantity: days, unit: 'DAY' };
    const unit: DataUnit = 'GB';
    const price = moneyText(exactOrNice(usd, currency), currency);
    return {
      id: ctx.nextId(),
      type: 'FIXED_VALUE_RECHARGE',
      operator,
      subserviceId: null,
      tag: maybeTag(random, TRAVEL_TAGS, 0.3),
      regions,
      validity: validityJson(validity),
      requirements: { ...NO_REQUIREMENTS, credit: FIELDS.accountNumber },
      availabilityZones: ['INTERNATIONAL'],
      pricing: fixedPricing(termsFor(operator, random), price),
      benefits: [
        {
          type: 'DATA',
          unitType: 'DATA',
          unit,
          base: gb,
          tax: NO_TAX,
          promotable: gb !== '-1',
          info: multiCountry ? 'roaming' : null,
        },
      ],
      text: { kind: 'esim', area, where, data: { text: gb, unit }, validity },
    };
  });
}

/** Calling credit of a global VoIP provider, credited to the caller's VoIP account. */
export function voipDrafts(operator: OperatorPlan, ctx: DraftContext): ProductDraft[] {
  const { random } = ctx;
  const currency = operator.country.currency;
  return random.sample(VOIP_USD, random.int(3, 5)).map((usd) => {
    const amount = moneyText(localPrice(usd, currency), currency);
    return {
      id: ctx.nextId(),
      type: 'FIXED_VALUE_RECHARGE',
      operator,
      subserviceId: operator.subserviceId,
      tag: null,
      regions: [],
      validity: validityJson(random.chance(0.5) ? { quantity: 90, unit: 'DAY' } : 'unlimited'),
      requirements: { ...NO_REQUIREMENTS, credit: FIELDS.accountNumber },
      availabilityZones: availabilityZones(random),
      pricing: fixedPricing(termsFor(operator, random), amount),
      benefits: [
        {
          type: 'TALKTIME',
          unitType: 'CURRENCY',
          unit: currency,
          base: amount,
          tax: NO_TAX,
          promotable: true,
          info: null,
        },
      ],
      text: { kind: 'voip', brand: operator.name, amount, currency },
    };
  });
}

/** Dollar and euro plans keep their list price (`9.90`, `20.89`); other currencies get a charm price. */
function exactOrNice(usd: string, currency: string): Dec {
  if (currency === 'USD' || currency === 'EUR') return new Dec(usd);
  return charmPrice(localPrice(usd, currency), currency);
}
