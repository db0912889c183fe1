import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { type CountryCode, getExampleNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { isLosslessNumber, type LosslessNumber, stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { createSpecValidator } from '../../../test/helpers/spec-validator.js';
import { buildCatalogue, generateCatalogue } from './generate.js';
import { currencyInfo } from './reference/currencies.js';
import { type JsonObject, type JsonValue, LANGUAGES, type ProductType } from './types.js';

/** Exact reference arithmetic for the checks: far more digits than any catalogue amount has. */
const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });
const PRODUCT_TYPES: ProductType[] = [
  'FIXED_VALUE_RECHARGE',
  'RANGED_VALUE_RECHARGE',
  'FIXED_VALUE_PIN_PURCHASE',
  'RANGED_VALUE_PIN_PURCHASE',
  'RANGED_VALUE_PAYMENT',
];
const SPEC_SUBSERVICES = {
  1: [11, 12, 13],
  3: [31, 32, 33, 34, 35, 36, 37],
  4: [41, 42, 43, 44, 45, 46],
  7: [],
  10: [],
  11: [],
  12: [],
  13: [],
};

const catalogue = generateCatalogue(1);
const validator = createSpecValidator();

function digest(seed: number): string {
  const text = stringify(buildCatalogue(seed), (key, value) => {
    if (key === 'byId') return undefined;
    return value instanceof Set ? [...value].sort() : value;
  });
  return createHash('sha256')
    .update(text ?? '')
    .digest('hex');
}

function text(value: JsonValue | undefined): string {
  if (!isLosslessNumber(value)) throw new Error(`Expected a LosslessNumber, got ${JSON.stringify(value)}`);
  return (value as LosslessNumber).value;
}

function obj(value: JsonValue | undefined): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isLosslessNumber(value)) {
    throw new Error(`Expected an object, got ${JSON.stringify(value)}`);
  }
  return value as JsonObject;
}

function fractionDigits(amount: string): number {
  return amount.includes('.') ? (amount.split('.')[1] ?? '').length : 0;
}

const fixedProducts = catalogue.products.filter((p) => p.type.startsWith('FIXED'));
const rangedProducts = catalogue.products.filter((p) => p.type.startsWith('RANGED'));

describe('generateCatalogue', () => {
  it('writes identical bytes for two fresh generations of one seed, and different bytes for another seed', () => {
    const first = digest(1);
    expect(digest(1)).toBe(first);
    expect(digest(2)).not.toBe(first);
  }, 180_000);

  it('returns the same catalogue object for repeated calls with one seed', () => {
    expect(generateCatalogue(1)).toBe(catalogue);
  });

  it('has at least 140 real countries plus the Global and Europe pseudo-countries', () => {
    const real = catalogue.countries.filter((c) => c.alpha2 !== '');
    expect(real.length).toBeGreaterThanOrEqual(140);
    expect(catalogue.byId.country.get('GXX')?.json.name).toBe('Global');
    expect(catalogue.byId.country.get('EXX')?.json.name).toBe('Europe');
    for (const country of real) {
      expect(country.isoCode).toMatch(/^[A-Z]{3}$/);
      expect(country.callingCode).toMatch(/^[1-9]\d{0,2}$/);
      expect(currencyInfo(country.currency).perUsd).toBeTruthy();
    }
  });

  it('names countries and regions from the ISO data, with region codes of the country', () => {
    expect(catalogue.byId.country.get('NGA')?.json.name).toBe('Nigeria');
    const mexico = catalogue.byId.country.get('MEX');
    expect(mexico?.alpha2).toBe('MX');
    expect(mexico?.currency).toBe('MXN');
    const regions = mexico?.json.regions as JsonObject[];
    expect(regions).toContainEqual({ name: 'Jalisco', code: 'MX-JAL' });
    for (const country of catalogue.countries.filter((c) => c.alpha2 !== '')) {
      for (const region of (country.json.regions as JsonObject[] | null) ?? []) {
        expect(region.code).toMatch(new RegExp(`^${country.alpha2}-[A-Z0-9]{2,3}$`));
      }
    }
  });

  it('has at least 600 operators and every country has one', () => {
    expect(catalogue.operators.length).toBeGreaterThanOrEqual(600);
    for (const country of catalogue.countries) {
      expect(catalogue.operators.some((o) => o.countryIsoCode === country.isoCode)).toBe(true);
    }
  });

  it('has at least 8,000 products of all five types', () => {
    expect(catalogue.products.length).toBeGreaterThanOrEqual(8000);
    for (const type of PRODUCT_TYPES) expect(catalogue.products.some((p) => p.type === type)).toBe(true);
  });

  it('lists exactly the spec services and subservices, and every one of them has products', () => {
    const listed = Object.fromEntries(catalogue.services.map((s) => [s.id, s.subserviceIds]));
    expect(listed).toEqual(SPEC_SUBSERVICES);
    expect(catalogue.byId.service.get(4)?.json.subservices).toContainEqual({ id: 43, name: 'Cash Cards' });
    expect(catalogue.byId.service.get(4)?.json.subservices).toContainEqual({ id: 44, name: 'Food' });
    expect(catalogue.byId.service.get(13)?.json).toEqual({ id: 13, name: 'eSIM', subservices: null });
    for (const service of catalogue.services) {
      expect(catalogue.products.some((p) => p.serviceId === service.id)).toBe(true);
      for (const sub of service.subserviceIds) {
        expect(catalogue.products.some((p) => p.subserviceId === sub)).toBe(true);
      }
    }
  });

  it('records which services each country and operator offers, matching their products', () => {
    for (const product of catalogue.products) {
      expect(catalogue.byId.operator.get(product.operatorId)?.serviceIds.has(product.serviceId)).toBe(true);
      expect(catalogue.byId.country.get(product.countryIsoCode)?.serviceIds.has(product.serviceId)).toBe(
        true,
      );
      expect(catalogue.byId.service.get(product.serviceId)?.countryIsoCodes.has(product.countryIsoCode)).toBe(
        true,
      );
    }
  });

  it('has at least 300 promotions of one operator each and 20 campaigns of several operators each', () => {
    expect(catalogue.promotions.length).toBeGreaterThanOrEqual(300);
    for (const promotion of catalogue.promotions) {
      for (const id of promotion.productIds) {
        expect(catalogue.byId.product.get(id)?.operatorId).toBe(promotion.operatorId);
      }
    }
    expect(catalogue.campaigns.length).toBeGreaterThanOrEqual(20);
    for (const campaign of catalogue.campaigns) expect(campaign.operatorIds.length).toBeGreaterThanOrEqual(2);
  });

  it('dates promotions from 2025 to 2028, with some ended and some not yet started on 2026-01-01', () => {
    const base = Date.parse('2026-01-01T00:00:00Z');
    const windows = catalogue.promotions.map((p) => [
      Date.parse(p.json.en.start_date as string),
      Date.parse(p.json.en.end_date as string),
    ]);
    for (const [start = 0, end = 0] of windows) {
      expect(start).toBeLessThan(end);
      expect(start).toBeGreaterThanOrEqual(Date.parse('2025-06-01T00:00:00Z'));
      expect(end).toBeLessThan(Date.parse('2029-01-01T00:00:00Z'));
    }
    expect(windows.some(([, end = 0]) => end < base)).toBe(true);
    expect(windows.some(([start = 0]) => start > Date.parse('2027-01-01T00:00:00Z'))).toBe(true);
    expect(
      windows.filter(([start = 0, end = 0]) => start < base && end > Date.parse('2027-01-01T00:00:00Z'))
        .length,
    ).toBeGreaterThan(150);
  });

  it('lists in each product the promotions that include it', () => {
    for (const promotion of catalogue.promotions) {
      for (const id of promotion.productIds) {
        const listed = (catalogue.byId.product.get(id)?.json.es.promotions as JsonObject[] | null) ?? [];
        expect(listed.map((p) => p.id)).toContain(promotion.id);
        expect(listed.find((p) => p.id === promotion.id)?.title).toBe(promotion.json.es.title);
      }
    }
  });

  it('has one USD and one EUR balance, and products priced from each', () => {
    expect(catalogue.balances).toEqual([
      { id: 1, unit: 'USD', available: '50000.00', creditLimit: '0.00' },
      { id: 2, unit: 'EUR', available: '20000.00', creditLimit: '0.00' },
    ]);
    const units = new Set(catalogue.products.map((p) => obj(obj(p.json.en.prices).wholesale).unit));
    expect([...units].sort()).toEqual(['EUR', 'USD']);
    expect(
      obj(obj(catalogue.products.find((p) => p.countryIsoCode === 'EXX')?.json.en.prices).wholesale).unit,
    ).toBe('EUR');
  });

  it('lists the five benefit types', () => {
    expect(catalogue.benefitTypes.map((b) => b.name)).toEqual([
      'TALKTIME',
      'DATA',
      'SMS',
      'PAYMENT',
      'CREDITS',
    ]);
  });
});

describe('spec conformance', () => {
  it('validates every service, country, operator and benefit type against the spec', () => {
    for (const service of catalogue.services)
      expect(validator.validateSchema('service', service.json)).toEqual([]);
    for (const country of catalogue.countries)
      expect(validator.validateSchema('country', country.json)).toEqual([]);
    for (const operator of catalogue.operators) {
      expect(validator.validateResponse('GET', '/operators/{operator_id}', 200, operator.json)).toEqual([]);
    }
    for (const benefitType of catalogue.benefitTypes)
      expect(validator.validateSchema('benefit_type', benefitType)).toEqual([]);
  });

  it('validates every product in every language against the spec', () => {
    const failures: string[] = [];
    for (const product of catalogue.products) {
      for (const lang of LANGUAGES) {
        const errors = validator.validateSchema('Product', product.json[lang]);
        if (errors.length > 0) failures.push(`${product.id}/${lang}: ${errors.join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('validates every promotion in every language and every campaign against the spec', () => {
    for (const promotion of catalogue.promotions) {
      for (const lang of LANGUAGES)
        expect(validator.validateSchema('promotion', promotion.json[lang])).toEqual([]);
    }
    for (const campaign of catalogue.campaigns)
      expect(validator.validateSchema('campaign', campaign.json)).toEqual([]);
  });

  it('gives each product type exactly its own fields (pin only on PIN types, payment only on payments)', () => {
    for (const product of catalogue.products) {
      const json = product.json.en;
      expect('pin' in json).toBe(product.type.endsWith('PIN_PURCHASE'));
      expect('payment' in json).toBe(product.type === 'RANGED_VALUE_PAYMENT');
      expect('accepted_calculation_modes' in json).toBe(product.type.startsWith('RANGED'));
    }
  });

  it('translates names and descriptions but keeps amounts and operator names', () => {
    const airtime = catalogue.products.find(
      (p) => p.type === 'FIXED_VALUE_RECHARGE' && p.subserviceId === 11,
    );
    if (!airtime) throw new Error('no airtime product');
    const [en, es, fr] = LANGUAGES.map((lang) => airtime.json[lang]);
    expect(new Set([en?.name, es?.name, fr?.name]).size).toBe(3);
    expect(new Set([en?.description, es?.description, fr?.description]).size).toBe(3);
    expect(es?.operator).toEqual(en?.operator);
    expect(stringify(fr?.destination)).toBe(stringify(en?.destination));
    expect(airtime.name.es).toBe(es?.name);
  });
});

describe('exact amounts', () => {
  it('sets every fixed rate to destination ÷ price, rounded half-up to six places', () => {
    for (const product of fixedProducts) {
      const json = product.json.en;
      const destination = new Exact(text(obj(json.destination).amount));
      const source = new Exact(text(obj(json.source).amount));
      const wholesale = new Exact(text(obj(obj(json.prices).wholesale).amount));
      const rates = obj(json.rates);
      expect(text(rates.base)).toBe(
        destination.div(source).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(),
      );
      expect(text(rates.wholesale)).toBe(
        destination.div(wholesale).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toFixed(),
      );
      const retail = obj(json.prices).retail;
      const retailAmount = retail === null ? null : obj(retail).amount;
      if (retailAmount === null || retailAmount === undefined) expect(rates.retail).toBeNull();
      else if (new Exact(text(retailAmount)).isZero()) expect(text(rates.retail)).toBe('-1');
      else {
        const expected = destination
          .div(text(retailAmount))
          .toDecimalPlaces(6, Decimal.ROUND_HALF_UP)
          .toFixed();
        expect(text(rates.retail)).toBe(expected);
      }
    }
  });

  it('keeps ranged bounds on the increment and derives source and wholesale bounds from the rates', () => {
    for (const product of rangedProducts) {
      const json = product.json.en;
      const destination = obj(obj(json.destination).amount);
      const increment = new Exact(text(destination.increment));
      const account = obj(json.source).unit as string;
      const rates = obj(json.rates);
      for (const bound of ['min', 'max'] as const) {
        const value = new Exact(text(destination[bound]));
        expect(value.mod(increment).isZero()).toBe(true);
        const minor = currencyInfo(account).minorUnits;
        const source = value
          .div(text(rates.base))
          .toDecimalPlaces(minor, Decimal.ROUND_HALF_UP)
          .toFixed(minor);
        expect(text(obj(obj(json.source).amount)[bound])).toBe(source);
        const wholesale = value
          .div(text(rates.wholesale))
          .toDecimalPlaces(minor, Decimal.ROUND_HALF_UP)
          .toFixed(minor);
        expect(text(obj(obj(obj(json.prices).wholesale).amount)[bound])).toBe(wholesale);
      }
      expect(new Exact(text(destination.min)).lt(text(destination.max))).toBe(true);
      for (const name of ['base', 'wholesale', 'retail'] as const) {
        if (rates[name] !== null) expect(fractionDigits(text(rates[name]))).toBeLessThanOrEqual(6);
      }
    }
  });

  it('prints every currency amount with exactly its currency’s minor units', () => {
    const visit = (value: JsonValue | undefined, check: (currency: string, amount: string) => void): void => {
      if (value === null || value === undefined || typeof value !== 'object' || isLosslessNumber(value))
        return;
      if (Array.isArray(value)) {
        for (const item of value) visit(item, check);
        return;
      }
      const node = value as JsonObject;
      if (node.unit_type === 'CURRENCY' && typeof node.unit === 'string') {
        const amounts = [node.amount, node.fee];
        for (const amount of amounts) {
          if (isLosslessNumber(amount)) check(node.unit, text(amount));
          else if (amount && typeof amount === 'object') {
            for (const part of Object.values(amount as JsonObject)) {
              if (isLosslessNumber(part)) check(node.unit, text(part));
              else if (part && typeof part === 'object') {
                for (const bound of Object.values(part as JsonObject)) check(node.unit, text(bound));
              }
            }
          }
        }
      }
      for (const child of Object.values(node)) visit(child, check);
    };
    let checked = 0;
    for (const product of catalogue.products) {
      visit(product.json.en, (currency, amount) => {
        checked++;
        expect(fractionDigits(amount), `${product.id} ${currency} ${amount}`).toBe(
          currencyInfo(currency).minorUnits,
        );
      });
    }
    expect(checked).toBeGreaterThan(catalogue.products.length * 5);
  });

  it('prices in zero- and three-decimal currencies and includes amounts that binary floats cannot hold', () => {
    const destinations = catalogue.products.map((p) => obj(p.json.en.destination));
    const fixedTexts = destinations
      .filter((d) => isLosslessNumber(d.amount))
      .map((d) => `${text(d.amount)} ${d.unit}`);
    expect(fixedTexts.some((t) => t.endsWith(' JPY') && !t.includes('.'))).toBe(true);
    expect(fixedTexts.some((t) => /^\d+\.\d{3} KWD$/.test(t))).toBe(true);
    expect(fixedTexts.some((t) => t.startsWith('20.89 '))).toBe(true);
    expect(fixedTexts.some((t) => t.startsWith('9.90 '))).toBe(true);
    const fees = catalogue.products.map((p) => text(obj(obj(p.json.en.prices).wholesale).fee));
    expect(fees).toContain('0.30');
  });

  it('adds a running promotion’s bonus to promotable benefits and deducts recharge tax where it applies', () => {
    const withBonus = catalogue.products.flatMap((p) =>
      (p.json.en.benefits as JsonObject[]).filter((b) => {
        const amount = obj(b.amount);
        return isLosslessNumber(amount.promotion_bonus) && !new Exact(text(amount.promotion_bonus)).isZero();
      }),
    );
    expect(withBonus.length).toBeGreaterThan(50);
    for (const benefit of withBonus) {
      const amount = obj(benefit.amount);
      const total = new Exact(text(amount.base)).plus(text(amount.promotion_bonus));
      expect(new Exact(text(amount.total_excluding_tax)).eq(total)).toBe(true);
    }
    const india = catalogue.products.find(
      (p) => p.countryIsoCode === 'IND' && p.subserviceId === 11 && p.type === 'FIXED_VALUE_RECHARGE',
    );
    if (!india) throw new Error('no Indian airtime product');
    const talktime = obj((india.json.en.benefits as JsonObject[])[0]?.amount);
    const expected = new Exact(text(talktime.total_excluding_tax))
      .mul('0.82')
      .toDecimalPlaces(2, Decimal.ROUND_DOWN);
    expect(text(talktime.total_including_tax)).toBe(expected.toFixed(2));
  });
});

describe('required fields', () => {
  it('asks for the mobile number on mobile products and the account number on billers and eSIMs', () => {
    for (const product of catalogue.products) {
      const credit = product.json.en.required_credit_party_identifier_fields;
      if (product.serviceId === 1) expect(credit).toEqual([['mobile_number']]);
      if (product.serviceId === 13) expect(credit).toEqual([['account_number']]);
      if (product.type === 'RANGED_VALUE_PAYMENT')
        expect((credit as string[][])[0]).toContain('account_number');
    }
  });

  it('leaves the credit party out of most PIN purchases and asks for more on some products', () => {
    const pins = catalogue.products.filter((p) => p.type.endsWith('PIN_PURCHASE'));
    const withoutCredit = pins.filter((p) => p.json.en.required_credit_party_identifier_fields === null);
    expect(withoutCredit.length / pins.length).toBeGreaterThan(0.5);
    for (const field of [
      'required_sender_fields',
      'required_beneficiary_fields',
      'required_statement_identifier_fields',
      'required_additional_identifier_fields',
      'required_debit_party_identifier_fields',
    ]) {
      expect(catalogue.products.some((p) => p.json.en[field] !== null)).toBe(true);
    }
  });

  it('marks some validities unknown (quantity null) and some unlimited (-1)', () => {
    const validities = catalogue.products
      .map((p) => p.json.en.validity)
      .filter((v) => v !== null) as JsonObject[];
    expect(validities.some((v) => v.quantity === null)).toBe(true);
    expect(validities.some((v) => v.quantity === -1)).toBe(true);
  });
});

describe('mobile prefixes', () => {
  it('gives every mobile operator prefixes that make valid mobile numbers, unshared within its country', () => {
    const mobileOperators = catalogue.operators.filter((o) => o.serviceIds.has(1));
    expect(mobileOperators.length).toBeGreaterThan(400);
    const seen = new Map<string, string>();
    for (const operator of mobileOperators) {
      const country = catalogue.byId.country.get(operator.countryIsoCode);
      if (!country) throw new Error(`no country ${operator.countryIsoCode}`);
      expect(operator.mobilePrefixes.length).toBeGreaterThan(0);
      const example = getExampleNumber(country.alpha2 as CountryCode, examples)?.nationalNumber ?? '';
      for (const prefix of operator.mobilePrefixes) {
        const key = `${country.isoCode}/${prefix}`;
        expect(seen.get(key), key).toBeUndefined();
        seen.set(key, String(operator.id));
        const phone = parsePhoneNumberFromString(
          `+${country.callingCode}${prefix}${example.slice(prefix.length)}`,
        );
        expect(phone?.country, key).toBe(country.alpha2);
        expect(['MOBILE', 'FIXED_LINE_OR_MOBILE'], key).toContain(phone?.getType());
      }
    }
  });
});

describe('Goods & Services bill payments', () => {
  it('has at least 20 products, priced from the USD or EUR balance, each for a DVS biller', () => {
    expect(catalogue.gsProducts.length).toBeGreaterThanOrEqual(20);
    const pln = catalogue.gsProducts.find((p) => p.productName === 'PLN postpaid');
    expect(pln).toMatchObject({
      country: 'Indonesia',
      localCurrency: 'IDR',
      accountCurrency: 'USD',
      service: 'Electricity',
    });
    for (const product of catalogue.gsProducts) {
      expect(catalogue.byId.gsProduct.get(product.productId)).toBe(product);
      expect(catalogue.byId.operator.get(product.operatorId)?.json.name).toBe(product.operator);
      expect(['USD', 'EUR']).toContain(product.accountCurrency);
      expect(new Exact(product.retailRate).gt(product.wholesaleRate)).toBe(true);
      expect(fractionDigits(product.fee)).toBe(2);
      expect(fractionDigits(product.paymentFee)).toBe(currencyInfo(product.localCurrency).minorUnits);
    }
    expect(catalogue.gsProducts.some((p) => p.accountCurrency === 'EUR')).toBe(true);
  });

  it('has at least 10 accounts per product; only numbers ending in 000 are already paid', () => {
    for (const product of catalogue.gsProducts) {
      const accounts = catalogue.gsAccounts.filter((a) => a.productId === product.productId);
      expect(accounts.length).toBeGreaterThanOrEqual(10);
      expect(new Set(accounts.map((a) => a.accountNumber)).size).toBe(accounts.length);
      for (const account of accounts) {
        expect(account.accountNumber).toMatch(/^[1-9]\d{9,15}$/);
        expect(account.name).toMatch(/\S+ \S+/);
        expect(fractionDigits(account.amountDue)).toBe(currencyInfo(product.localCurrency).minorUnits);
        expect(new Exact(account.amountDue).isZero()).toBe(account.accountNumber.endsWith('000'));
      }
      expect(accounts.some((a) => a.accountNumber.endsWith('000'))).toBe(true);
    }
  });
});
