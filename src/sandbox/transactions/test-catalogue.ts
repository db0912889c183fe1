import { LosslessNumber } from 'lossless-json';
import type { Catalogue, JsonObject, JsonValue, ProductEntry, ProductType } from '../catalogue/types.js';

/**
 * A tiny hand-made catalogue for the engines' tests: a few products whose prices and rates are chosen so that
 * every expected amount can be worked out by hand. Shapes follow the spec's `Product` schemas exactly.
 */
const n = (text: string) => new LosslessNumber(text);

const SINGAPORE = { name: 'Singapore', iso_code: 'SGP', regions: null };
const INDONESIA = { name: 'Indonesia', iso_code: 'IDN', regions: null };

interface ProductSpec {
  id: number;
  type: ProductType;
  name: string;
  service: [number, string, number, string];
  operator: [number, string, JsonObject];
  extra: JsonObject;
}

function product({ id, type, name, service, operator, extra }: ProductSpec): ProductEntry {
  const json: JsonObject = {
    id,
    name,
    description: `${name} (test product)`,
    tags: null,
    service: { id: service[0], name: service[1], subservice: { id: service[2], name: service[3] } },
    operator: { id: operator[0], name: operator[1], country: operator[2], regions: null },
    regions: null,
    type,
    validity: null,
    required_debit_party_identifier_fields: null,
    required_credit_party_identifier_fields: [['mobile_number']],
    required_sender_fields: null,
    required_beneficiary_fields: null,
    required_statement_identifier_fields: null,
    required_additional_identifier_fields: null,
    availability_zones: ['INTERNATIONAL'],
    ...extra,
  };
  return {
    id,
    type,
    json: { en: json, es: json, fr: json },
    serviceId: service[0],
    subserviceId: service[2],
    operatorId: operator[0],
    countryIsoCode: (operator[2].iso_code as string) ?? 'SGP',
    regionCodes: [],
    tags: [],
    benefitTypes: [],
    sortAmount: '0',
    name: { en: name, es: name, fr: name },
  };
}

const fixedBenefit = (unit: string, amount: string): JsonValue => ({
  type: 'TALKTIME',
  unit_type: 'CURRENCY',
  unit,
  amount: {
    base: n(amount),
    promotion_bonus: n('0'),
    total_excluding_tax: n(amount),
    total_including_tax: n(amount),
  },
  additional_information: null,
});

export const PRODUCTS = {
  /** SGD 6.50 airtime for USD 4.50 + 0.10 fee; needs the credit party's mobile number. */
  fixedAirtime: product({
    id: 1,
    type: 'FIXED_VALUE_RECHARGE',
    name: 'Singtel 6.50 SGD',
    service: [1, 'Mobile', 11, 'Airtime'],
    operator: [10, 'Singtel', SINGAPORE],
    extra: {
      source: { unit_type: 'CURRENCY', unit: 'USD', amount: n('5.00') },
      destination: { unit_type: 'CURRENCY', unit: 'SGD', amount: n('6.50') },
      prices: {
        wholesale: { unit_type: 'CURRENCY', unit: 'USD', amount: n('4.50'), fee: n('0.10') },
        retail: { unit_type: 'CURRENCY', unit: 'USD', amount: n('5.00'), fee: n('0.00') },
      },
      rates: { base: n('1.3'), wholesale: n('1.444444'), retail: n('1.3') },
      benefits: [fixedBenefit('SGD', '6.50')],
      promotions: null,
    },
  }),
  /**
   * SGD 1.34..134.00 by 0.01 for USD 0.99..100.00 (0.99 × 1.34 falls a hair short of 1.34, as rounded source
   * bounds do); rates 1.34 (base), 1.4 (wholesale), 1.3 (retail); USD 0.25 fee.
   */
  rangedAirtime: product({
    id: 2,
    type: 'RANGED_VALUE_RECHARGE',
    name: 'Singtel open range',
    service: [1, 'Mobile', 11, 'Airtime'],
    operator: [10, 'Singtel', SINGAPORE],
    extra: {
      accepted_calculation_modes: ['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'],
      source: { unit_type: 'CURRENCY', unit: 'USD', amount: { min: n('0.99'), max: n('100.00') } },
      destination: {
        unit_type: 'CURRENCY',
        unit: 'SGD',
        amount: { min: n('1.34'), max: n('134.00'), increment: n('0.01') },
      },
      prices: {
        wholesale: {
          unit_type: 'CURRENCY',
          unit: 'USD',
          amount: { min: n('0.96'), max: n('95.71') },
          fee: n('0.25'),
        },
        retail: {
          unit_type: 'CURRENCY',
          unit: 'USD',
          amount: { min: n('1.03'), max: n('103.08') },
          fee: n('0.00'),
        },
      },
      rates: { base: n('1.34'), wholesale: n('1.4'), retail: n('1.3') },
      benefits: [
        {
          type: 'TALKTIME',
          unit_type: 'CURRENCY',
          unit: 'SGD',
          amount: {
            base: { min: n('1.34'), max: n('134.00') },
            promotion_bonus: { min: n('0'), max: n('0') },
            total_excluding_tax: { min: n('1.34'), max: n('134.00') },
            total_including_tax: { min: n('1.21'), max: n('120.60') },
          },
          additional_information: null,
        },
      ],
      promotions: null,
    },
  }),
  /** EUR 25 gift card PIN, no credit party, needs a purchaser id. */
  giftCard: product({
    id: 3,
    type: 'FIXED_VALUE_PIN_PURCHASE',
    name: 'Gift card 25 EUR',
    service: [4, 'Gift Cards', 41, 'Retail'],
    operator: [20, 'Shop Global', { name: 'Global', iso_code: 'GXX', regions: null }],
    extra: {
      required_credit_party_identifier_fields: null,
      required_additional_identifier_fields: [['purchaser_id']],
      source: { unit_type: 'CURRENCY', unit: 'EUR', amount: n('25.00') },
      destination: { unit_type: 'CURRENCY', unit: 'EUR', amount: n('25.00') },
      prices: {
        wholesale: { unit_type: 'CURRENCY', unit: 'EUR', amount: n('24.00'), fee: n('0.00') },
        retail: null,
      },
      rates: { base: n('1'), wholesale: n('1.041667'), retail: null },
      pin: {
        usage_info: ['Redeem online'],
        validity: { unit: 'MONTH', quantity: 12 },
        terms: 'Valid in shop.',
      },
      benefits: null,
      promotions: null,
    },
  }),
  /** Electricity bill: IDR 10,000..5,000,000 by 1,000, DESTINATION_AMOUNT only; account number + sender name. */
  billPayment: product({
    id: 4,
    type: 'RANGED_VALUE_PAYMENT',
    name: 'PLN postpaid',
    service: [3, 'Utilities', 31, 'Electricity'],
    operator: [30, 'PLN', INDONESIA],
    extra: {
      required_credit_party_identifier_fields: [['account_number']],
      required_sender_fields: [['first_name', 'last_name'], ['mobile_number']],
      accepted_calculation_modes: ['DESTINATION_AMOUNT'],
      source: { unit_type: 'CURRENCY', unit: 'USD', amount: { min: n('0.63'), max: n('315.46') } },
      destination: {
        unit_type: 'CURRENCY',
        unit: 'IDR',
        amount: { min: n('10000.00'), max: n('5000000.00'), increment: n('1000.00') },
      },
      prices: {
        wholesale: {
          unit_type: 'CURRENCY',
          unit: 'USD',
          amount: { min: n('0.65'), max: n('322.59') },
          fee: n('1.00'),
        },
        retail: null,
      },
      rates: { base: n('15850'), wholesale: n('15500'), retail: null },
      payment: { modes: ['EXACT'], posting_period: null, supports_statement_inquiry: false, notes: null },
      benefits: null,
      promotions: null,
    },
  }),
  /** Priced in GBP, a currency the test account holds no balance in. */
  unfundedCurrency: product({
    id: 5,
    type: 'FIXED_VALUE_RECHARGE',
    name: 'Singtel 5 SGD (GBP)',
    service: [1, 'Mobile', 11, 'Airtime'],
    operator: [10, 'Singtel', SINGAPORE],
    extra: {
      source: { unit_type: 'CURRENCY', unit: 'GBP', amount: n('3.00') },
      destination: { unit_type: 'CURRENCY', unit: 'SGD', amount: n('5.00') },
      prices: {
        wholesale: { unit_type: 'CURRENCY', unit: 'GBP', amount: n('2.90'), fee: n('0.00') },
        retail: null,
      },
      rates: { base: n('1.666667'), wholesale: n('1.724138'), retail: null },
      benefits: null,
      promotions: null,
    },
  }),
} as const;

export function testCatalogue(): Catalogue {
  const products = Object.values(PRODUCTS);
  const gsProducts = [
    {
      productId: 159,
      productName: 'PLN postpaid',
      productShortDesc: 'PLN postpaid',
      operatorId: 1671,
      operator: 'PLN Indonesia',
      countryId: 767,
      country: 'Indonesia',
      serviceId: 7,
      service: 'Bill payment',
      accountCurrency: 'MYR',
      localCurrency: 'IDR',
      paymentFee: '5000',
      wholesaleRate: '0.0003317',
      retailRate: '0.0003317',
      fee: '3',
    },
  ];
  return {
    seed: 7,
    services: [],
    countries: [],
    operators: [],
    benefitTypes: [],
    products,
    promotions: [],
    campaigns: [],
    balances: [
      { id: 1, unit: 'USD', available: '1000.00', creditLimit: '0.00' },
      { id: 2, unit: 'EUR', available: '30.00', creditLimit: '0.00' },
      { id: 3, unit: 'MYR', available: '50.00', creditLimit: '0.00' },
    ],
    gsProducts,
    gsAccounts: [
      { productId: 159, accountNumber: '123123123123', name: 'ABD KARIM', amountDue: '57973' },
      { productId: 159, accountNumber: '555000111', name: 'SITI AMINAH', amountDue: '150000' },
      { productId: 159, accountNumber: '999000999', name: 'PAID UP', amountDue: '0' },
    ],
    byId: {
      service: new Map(),
      country: new Map(),
      operator: new Map(),
      product: new Map(products.map((p) => [p.id, p])),
      promotion: new Map(),
      campaign: new Map(),
      gsProduct: new Map(gsProducts.map((p) => [p.productId, p])),
    },
  };
}
