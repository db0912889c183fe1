import { Dec, moneyText } from './amounts.js';
import type { OperatorPlan } from './build-operators.js';
import {
  availabilityZones,
  charmPrice,
  type DraftContext,
  destinationRange,
  localPrice,
  MOBILE_TAGS,
  maybeTag,
  termsFor,
  type ValidityChoice,
  validityJson,
} from './draft-helpers.js';
import {
  type BenefitDraft,
  type DataAmount,
  FIELDS,
  NO_REQUIREMENTS,
  NO_TAX,
  type ProductDraft,
  type Requirements,
  type Validity,
} from './product-draft.js';
import { fixedPricing, rangedPricing } from './product-pricing.js';
import type { Random } from './random.js';
import { RECHARGE_TAX } from './reference/countries.js';
import { currencyInfo } from './reference/currencies.js';
import { SUBSERVICE_ID } from './reference/services.js';
import type { BenefitInfoKey, DataUnit } from './reference/texts.js';

// Over 300 lines on purpose: the rules that draft one mobile operator's airtime, bundles and data plans read
// together; each rule is a small function below.

const AIRTIME_USD = ['1', '2', '3', '5', '7.5', '10', '15', '20', '25', '30', '40', '50'];
/** Denominations that make rounding mistakes visible (binary floats cannot hold them). */
const EXACTNESS_DENOMINATIONS = ['9.90', '20.89'];
const DATA_SIZES: readonly (readonly [string, DataUnit])[] = [
  ['100', 'MB'],
  ['250', 'MB'],
  ['500', 'MB'],
  ['750', 'MB'],
  ['1', 'GB'],
  ['1.5', 'GB'],
  ['2', 'GB'],
  ['3', 'GB'],
  ['5', 'GB'],
  ['10', 'GB'],
  ['15', 'GB'],
  ['20', 'GB'],
  ['30', 'GB'],
  ['50', 'GB'],
  ['-1', 'GB'],
];
const VALIDITIES: readonly Validity[] = [
  { quantity: 24, unit: 'HOUR' },
  { quantity: 1, unit: 'DAY' },
  { quantity: 3, unit: 'DAY' },
  { quantity: 7, unit: 'DAY' },
  { quantity: 1, unit: 'WEEK' },
  { quantity: 14, unit: 'DAY' },
  { quantity: 30, unit: 'DAY' },
  { quantity: 1, unit: 'MONTH' },
];
const AIRTIME_VALIDITY: readonly (readonly [ValidityChoice, number])[] = [
  [null, 60],
  ['unlimited', 20],
  [{ quantity: 30, unit: 'DAY' }, 15],
  ['unknown', 5],
];
const RANGED_MODES: readonly (readonly [string[], number])[] = [
  [['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'], 85],
  [['DESTINATION_AMOUNT'], 10],
  [['SOURCE_AMOUNT'], 5],
];
const DATA_INFO: readonly (readonly [BenefitInfoKey | null, number])[] = [
  [null, 80],
  ['nightData', 10],
  ['socialData', 10],
];
const MINUTES = ['10', '20', '50', '100', '200', '300', '500', '1000', '-1'];
const SMS = ['10', '50', '100', '500', '-1'];

/** The fields of a mobile draft that depend on the product family. */
type Specific = Pick<
  ProductDraft,
  'type' | 'validity' | 'pricing' | 'benefits' | 'text' | 'calculationModes'
>;
const NO_REGIONS: ProductDraft['regions'] = [];

/** Airtime (fixed and ranged), bundles and data plans of one mobile operator. */
export function mobileDrafts(operator: OperatorPlan, ctx: DraftContext): ProductDraft[] {
  const { random } = ctx;
  const currency = operator.country.currency;
  const tax = new Dec(RECHARGE_TAX[operator.country.alpha2] ?? 0);
  const drafts: ProductDraft[] = [];
  const make = (subserviceId: number, specific: Specific): ProductDraft => ({
    id: ctx.nextId(),
    type: specific.type,
    operator,
    subserviceId,
    tag: maybeTag(random, MOBILE_TAGS),
    regions: NO_REGIONS,
    validity: specific.validity,
    requirements: mobileRequirements(random),
    calculationModes: specific.calculationModes,
    availabilityZones: availabilityZones(random),
    pricing: specific.pricing,
    benefits: specific.benefits,
    text: specific.text,
  });

  for (const amount of airtimeDenominations(random, currency)) {
    drafts.push(
      make(SUBSERVICE_ID.airtime, {
        type: 'FIXED_VALUE_RECHARGE',
        validity: validityJson(random.weighted(AIRTIME_VALIDITY)),
        pricing: fixedPricing(termsFor(operator, random), amount),
        benefits: [talktime(amount, currency, tax, random)],
        text: { kind: 'airtime', amount, currency },
      }),
    );
  }

  if (random.chance(0.85)) {
    const range = destinationRange(
      currency,
      random.pick(['0.5', '1', '2']),
      random.pick(['50', '100', '150', '200']),
    );
    drafts.push(
      make(SUBSERVICE_ID.airtime, {
        type: 'RANGED_VALUE_RECHARGE',
        validity: validityJson(random.chance(0.7) ? null : 'unlimited'),
        calculationModes: random.weighted(RANGED_MODES),
        pricing: rangedPricing(termsFor(operator, random), range),
        benefits: [talktime({ min: range.min, max: range.max }, currency, tax, random)],
        text: {
          kind: 'airtimeRange',
          min: moneyText(range.min, currency),
          max: moneyText(range.max, currency),
          currency,
        },
      }),
    );
  }

  const seen = new Set<string>();
  for (let i = random.int(2, 6); i > 0; i--) {
    const validity = random.pick(VALIDITIES);
    const data = random.pick(DATA_SIZES);
    const minutes = random.pick(MINUTES);
    const sms = random.chance(0.5) ? random.pick(SMS) : null;
    const key = `${validity.quantity}${validity.unit}/${data.join('')}/${minutes}/${sms}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const usd = bundleUsd(validity, data, minutes, sms);
    const price = moneyText(charmPrice(localPrice(usd, currency), currency), currency);
    const benefits = [dataBenefit(data, random), minutesBenefit(minutes, random)];
    if (sms) benefits.push(smsBenefit(sms));
    drafts.push(
      make(SUBSERVICE_ID.bundle, {
        type: 'FIXED_VALUE_RECHARGE',
        validity: validityJson(validity),
        pricing: fixedPricing(termsFor(operator, random), price),
        benefits,
        text: { kind: 'bundle', data: dataAmount(data), minutes, sms, validity },
      }),
    );
  }

  for (let i = random.int(2, 6); i > 0; i--) {
    const validity = random.pick(VALIDITIES);
    const data = random.pick(DATA_SIZES);
    const key = `${validity.quantity}${validity.unit}/${data.join('')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const price = moneyText(
      charmPrice(localPrice(bundleUsd(validity, data, '0', null), currency), currency),
      currency,
    );
    drafts.push(
      make(SUBSERVICE_ID.data, {
        type: 'FIXED_VALUE_RECHARGE',
        validity: validityJson(validity),
        pricing: fixedPricing(termsFor(operator, random), price),
        benefits: [dataBenefit(data, random)],
        text: { kind: 'data', data: dataAmount(data), validity },
      }),
    );
  }
  return drafts;
}

/** Ascending, distinct airtime denominations in the destination currency's minor units. */
function airtimeDenominations(random: Random, currency: string): string[] {
  const amounts = random.sample(AIRTIME_USD, random.int(4, 8)).map((usd) => localPrice(usd, currency));
  const info = currencyInfo(currency);
  const dollarLike = info.minorUnits === 2 && new Dec(info.perUsd).gte('0.3') && new Dec(info.perUsd).lte(5);
  if (dollarLike) {
    for (const stress of EXACTNESS_DENOMINATIONS) if (random.chance(0.35)) amounts.push(new Dec(stress));
  }
  return [...new Set(amounts.sort((a, b) => a.comparedTo(b)).map((a) => moneyText(a, currency)))];
}

const MOBILE_REQUIREMENTS: Requirements = { ...NO_REQUIREMENTS, credit: FIELDS.mobileNumber };
const WITH_SENDER: Requirements = { ...MOBILE_REQUIREMENTS, sender: FIELDS.name };
const WITH_BENEFICIARY: Requirements = { ...MOBILE_REQUIREMENTS, beneficiary: FIELDS.name };

const REQUIREMENT_CHOICES: readonly (readonly [Requirements, number])[] = [
  [MOBILE_REQUIREMENTS, 94],
  [WITH_SENDER, 4],
  [WITH_BENEFICIARY, 2],
];

/** The mobile number always; the sender's (4 %) or the beneficiary's (2 %) name on a few products. */
function mobileRequirements(random: Random): Requirements {
  return random.weighted(REQUIREMENT_CHOICES);
}

function talktime(base: BenefitDraft['base'], currency: string, tax: Dec, random: Random): BenefitDraft {
  return {
    type: 'TALKTIME',
    unitType: 'CURRENCY',
    unit: currency,
    base,
    tax,
    promotable: true,
    info: tax.gt(0) ? 'taxDeducted' : random.chance(0.1) ? 'allNetworks' : null,
  };
}

function dataBenefit([amount, unit]: readonly [string, DataUnit], random: Random): BenefitDraft {
  return {
    type: 'DATA',
    unitType: 'DATA',
    unit,
    base: amount,
    tax: NO_TAX,
    promotable: amount !== '-1',
    info: random.weighted(DATA_INFO),
  };
}

function minutesBenefit(minutes: string, random: Random): BenefitDraft {
  return {
    type: 'TALKTIME',
    unitType: 'TIME',
    unit: 'MINUTES',
    base: minutes,
    tax: NO_TAX,
    promotable: false,
    info: random.chance(0.2) ? 'allNetworks' : null,
  };
}

function smsBenefit(sms: string): BenefitDraft {
  return {
    type: 'SMS',
    unitType: 'QUANTITY',
    unit: 'SMS',
    base: sms,
    tax: NO_TAX,
    promotable: false,
    info: null,
  };
}

function dataAmount([text, unit]: readonly [string, DataUnit]): DataAmount {
  return { text, unit };
}

/** Share of a 30-day price a shorter bundle costs, in percent. */
const LENGTH_PERCENT: Record<Validity['unit'], (quantity: number) => number> = {
  HOUR: () => 40,
  DAY: (days) => (days >= 30 ? 100 : days >= 14 ? 68 : days >= 7 ? 48 : 40),
  WEEK: () => 48,
  MONTH: () => 100,
};

/**
 * A plausible US-dollar price for a bundle (a target for `localPrice`, not an amount anyone pays): about
 * 0.90 per GB, 0.012 per minute and 0.004 per SMS for 30 days, less for shorter bundles. Worked out in
 * whole cents (integers); unlimited counts as 60 GB, 3,000 minutes or 1,000 SMS.
 */
function bundleUsd(
  validity: Validity,
  [amount, unit]: readonly [string, DataUnit],
  minutes: string,
  sms: string | null,
): string {
  const megabytes =
    amount === '-1' ? 60 * 1024 : unit === 'GB' ? gigabytesToMegabytes(amount) : Number(amount);
  const mins = minutes === '-1' ? 3000 : Number(minutes);
  const texts = sms === null ? 0 : sms === '-1' ? 1000 : Number(sms);
  const cents =
    Math.floor((megabytes * 90) / 1024) + Math.floor((mins * 12) / 10) + Math.floor((texts * 4) / 10);
  const scaled = Math.max(50, Math.floor((cents * LENGTH_PERCENT[validity.unit](validity.quantity)) / 100));
  return `${Math.floor(scaled / 100)}.${String(scaled % 100).padStart(2, '0')}`;
}

/** `'1.5'` GB → 1536 MB, without floating point (sizes have at most one decimal). */
function gigabytesToMegabytes(gigabytes: string): number {
  const [whole = '0', tenths = '0'] = gigabytes.split('.');
  return Number(whole) * 1024 + Math.floor((Number(tenths.slice(0, 1)) * 1024) / 10);
}
