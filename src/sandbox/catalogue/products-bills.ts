import { Dec, moneyText } from './amounts.js';
import type { OperatorKind, OperatorPlan } from './build-operators.js';
import {
  availabilityZones,
  BILL_TAGS,
  type DraftContext,
  destinationRange,
  localPrice,
  maybeTag,
  termsFor,
  validityJson,
} from './draft-helpers.js';
import {
  FIELDS,
  NO_REQUIREMENTS,
  NO_TAX,
  type PaymentDraft,
  type ProductDraft,
  type Requirements,
  type Validity,
} from './product-draft.js';
import { fixedPricing, rangedPricing } from './product-pricing.js';
import type { Random } from './random.js';
import type { BillProductName, PackageName } from './reference/texts.js';

const BILL_NAME: Partial<Record<OperatorKind, BillProductName>> = {
  insurance: 'premium',
  finance: 'loan',
  government: 'fees',
  education: 'tuition',
};
/** Billers whose accounts can be looked up (`POST /lookup/statement-inquiry`) on some products. */
const STATEMENT_KINDS = new Set<OperatorKind>([
  'electricity',
  'water',
  'gas',
  'landline',
  'internet',
  'tv',
  'insurance',
]);
const TV_PLANS: readonly (readonly [PackageName, string])[] = [
  ['tvBasic', '8'],
  ['tvFamily', '18'],
  ['tvSports', '25'],
  ['tvPremium', '40'],
];
const FIBRE_PLANS: readonly (readonly [PackageName, string])[] = [
  ['fibre50', '15'],
  ['fibre100', '25'],
  ['fibre300', '40'],
  ['fibre1000', '70'],
];
const STATEMENT_FIELDS = [FIELDS.reference, FIELDS.referenceAndDueDate];
const PAYMENT_MODES: readonly (readonly [string[] | null, number])[] = [
  [['EXACT'], 25],
  [['PARTIAL', 'EXACT'], 30],
  [['PARTIAL', 'EXACT', 'EXCESS'], 20],
  [['EXACT', 'PAST_DUE'], 15],
  [null, 10],
];
const DESTINATION_ONLY = ['DESTINATION_AMOUNT'];
const BOTH_MODES = ['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'];
const PACKAGE_VALIDITIES: readonly Validity[] = [
  { quantity: 1, unit: 'MONTH' },
  { quantity: 30, unit: 'DAY' },
  { quantity: 3, unit: 'MONTH' },
];

/** Bill payments (`RANGED_VALUE_PAYMENT`) of one biller, plus fixed monthly packages for internet and TV. */
export function billDrafts(operator: OperatorPlan, ctx: DraftContext): ProductDraft[] {
  const { random } = ctx;
  const currency = operator.country.currency;
  const kind = operator.kind;
  const names: BillProductName[] = [BILL_NAME[kind] ?? 'bill'];
  if (kind === 'electricity' && random.chance(0.5)) names.push('prepaidMeter');
  const withPackages = kind === 'internet' || kind === 'tv';
  if (withPackages && random.chance(0.4)) names.length = 0;

  const drafts: ProductDraft[] = [];
  for (const name of names) {
    const range = destinationRange(
      currency,
      random.pick(['1', '2', '5']),
      random.pick(['300', '500', '1000', '2000']),
    );
    const payment = paymentTerms(random, STATEMENT_KINDS.has(kind) && name === 'bill');
    drafts.push({
      id: ctx.nextId(),
      type: 'RANGED_VALUE_PAYMENT',
      operator,
      subserviceId: operator.subserviceId,
      tag: maybeTag(random, BILL_TAGS, 0.25),
      regions: operator.regions,
      validity: null,
      requirements: billRequirements(random, kind, payment.supportsStatementInquiry),
      calculationModes: random.chance(0.6) ? DESTINATION_ONLY : BOTH_MODES,
      availabilityZones: availabilityZones(random),
      pricing: rangedPricing(termsFor(operator, random), range),
      benefits: [
        {
          type: 'PAYMENT',
          unitType: 'CURRENCY',
          unit: currency,
          base: { min: range.min, max: range.max },
          tax: NO_TAX,
          promotable: false,
          info: null,
        },
      ],
      text: {
        kind: 'bill',
        name,
        min: moneyText(range.min, currency),
        max: moneyText(range.max, currency),
        currency,
      },
      payment,
    });
  }

  if (withPackages) {
    for (const [plan, usd] of random.sample(kind === 'tv' ? TV_PLANS : FIBRE_PLANS, random.int(2, 4))) {
      const validity = random.pick(PACKAGE_VALIDITIES);
      const months = validity.unit === 'MONTH' ? validity.quantity : 1;
      const price = moneyText(localPrice(new Dec(usd).mul(months), currency), currency);
      drafts.push({
        id: ctx.nextId(),
        type: 'FIXED_VALUE_RECHARGE',
        operator,
        subserviceId: operator.subserviceId,
        tag: maybeTag(random, BILL_TAGS, 0.2),
        regions: operator.regions,
        validity: validityJson(validity),
        requirements: { ...NO_REQUIREMENTS, credit: FIELDS.accountNumber },
        availabilityZones: availabilityZones(random),
        pricing: fixedPricing(termsFor(operator, random), price),
        benefits:
          kind === 'internet'
            ? [
                {
                  type: 'DATA',
                  unitType: 'DATA',
                  unit: 'GB',
                  base: '-1',
                  tax: NO_TAX,
                  promotable: false,
                  info: null,
                },
              ]
            : [
                {
                  type: 'PAYMENT',
                  unitType: 'CURRENCY',
                  unit: currency,
                  base: price,
                  tax: NO_TAX,
                  promotable: false,
                  info: null,
                },
              ],
        text: { kind: 'package', plan, validity },
      });
    }
  }
  return drafts;
}

function paymentTerms(random: Random, inquiryPossible: boolean): PaymentDraft {
  const supportsStatementInquiry = inquiryPossible && random.chance(0.6);
  const modes = random.weighted(PAYMENT_MODES);
  const postingDays = random.int(1, 3);
  return {
    modes,
    postingPeriod: random.weighted([
      [{ unit: 'DAY', quantity: postingDays, type: 'BUSINESS' }, 70],
      [{ unit: 'HOUR', quantity: 24, type: 'CALENDAR' }, 20],
      [null, 10],
    ] as const),
    supportsStatementInquiry,
    requiredInquiryFields: supportsStatementInquiry
      ? random.chance(0.8)
        ? FIELDS.accountNumber
        : FIELDS.accountWithQualifier
      : null,
    notes: random.chance(0.7) ? { postingDays, partial: modes?.includes('PARTIAL') ?? false } : null,
  };
}

function billRequirements(random: Random, kind: OperatorKind, statementInquiry: boolean): Requirements {
  const identifiesPerson = kind === 'finance' || kind === 'government';
  return {
    ...NO_REQUIREMENTS,
    credit: random.chance(0.1) ? FIELDS.accountWithQualifier : FIELDS.accountNumber,
    debit: kind === 'finance' && random.chance(0.25) ? FIELDS.mobileNumber : null,
    sender: identifiesPerson && random.chance(0.5) ? FIELDS.nameAndMobile : null,
    beneficiary: (kind === 'insurance' || kind === 'education') && random.chance(0.5) ? FIELDS.name : null,
    statement: !statementInquiry && random.chance(0.15) ? random.pick(STATEMENT_FIELDS) : null,
  };
}
