import { isLosslessNumber } from 'lossless-json';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browseCountry,
  type CatalogueProduct,
  listCountries,
  productById,
} from '../../examples/catalogue-client/src/catalogue.js';
import { describeOffer } from '../../examples/catalogue-client/src/format.js';
import { GraphQLRequestError } from '../../examples/catalogue-client/src/request.js';
import type { JsonObject, JsonValue, ProductEntry } from '../../src/sandbox/catalogue/types.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startEmbeddedGateway } from '../helpers/gateway.js';

let sandbox: Sandbox;
let url: string;

beforeAll(async () => {
  const started = await startEmbeddedGateway();
  sandbox = started.sandbox;
  url = `${started.url}/graphql`;
});

const TYPENAMES: Record<ProductEntry['type'], CatalogueProduct['__typename']> = {
  FIXED_VALUE_RECHARGE: 'FixedValueRechargeProduct',
  RANGED_VALUE_RECHARGE: 'RangedValueRechargeProduct',
  FIXED_VALUE_PIN_PURCHASE: 'FixedValuePinPurchaseProduct',
  RANGED_VALUE_PIN_PURCHASE: 'RangedValuePinPurchaseProduct',
  RANGED_VALUE_PAYMENT: 'RangedValuePaymentProduct',
};

/** An exact wire number as the text DT One sent; nothing else is a number. */
const text = (value: JsonValue | undefined): string => {
  if (isLosslessNumber(value)) return value.value;
  throw new Error(`expected an exact number, got ${JSON.stringify(value)}`);
};
const obj = (value: JsonValue | undefined): JsonObject => value as JsonObject;
const fee = (price: JsonObject) => ({
  amount: price.fee === undefined || price.fee === null ? '0' : text(price.fee),
  unit: price.unit,
});

/** DT One sends an unset retail price as null, or as an object of nulls. */
const isSet = (price: JsonValue | undefined): boolean =>
  !!price && obj(price).amount != null && !!obj(price).unit;

/** What the example's CountryCatalogue operation must answer for a product, built from the sandbox's wire JSON. */
function expectedCatalogueProduct(entry: ProductEntry): CatalogueProduct {
  const json = entry.json.en;
  const prices = obj(json.prices);
  const destination = obj(json.destination);
  const common = { productId: entry.id, type: entry.type, name: String(json.name) };
  if (entry.type.startsWith('FIXED_')) {
    const price = (p: JsonValue | undefined) =>
      isSet(p) ? { amount: { amount: text(obj(p).amount), unit: obj(p).unit }, fee: fee(obj(p)) } : null;
    return {
      __typename: TYPENAMES[entry.type],
      ...common,
      destination: {
        amount: text(destination.amount),
        unit: destination.unit,
        unitType: destination.unit_type,
      },
      wholesalePrice: price(prices.wholesale),
      retailPrice: price(prices.retail),
    } as CatalogueProduct;
  }
  const range = (m: JsonObject) => {
    const amount = obj(m.amount);
    return {
      min: text(amount.min),
      max: text(amount.max),
      increment: amount.increment === undefined ? null : text(amount.increment),
      unit: m.unit,
    };
  };
  const price = (p: JsonValue | undefined) => (isSet(p) ? { amount: range(obj(p)), fee: fee(obj(p)) } : null);
  return {
    __typename: TYPENAMES[entry.type],
    ...common,
    destinationRange: { ...range(destination), unitType: destination.unit_type },
    wholesalePriceRange: price(prices.wholesale),
    retailPriceRange: price(prices.retail),
  } as CatalogueProduct;
}

/** The country with the most operators, and among them one with every kind of product if possible. */
function busiestCountry() {
  const counts = new Map<string, number>();
  for (const o of sandbox.catalogue.operators) {
    counts.set(o.countryIsoCode, (counts.get(o.countryIsoCode) ?? 0) + 1);
  }
  const [iso] = [...counts.entries()]
    .filter(([c]) => c !== 'GXX' && c !== 'EXX')
    .sort((a, b) => b[1] - a[1])[0]!;
  return sandbox.catalogue.byId.country.get(iso)!;
}

describe('example catalogue client against a real gateway', () => {
  it("pages through every country of the sandbox's catalogue with their names", async () => {
    const seen: { isoCode: string; name: string }[] = [];
    let after: string | undefined;
    let totalCount = 0;
    do {
      const page = await listCountries(url, { first: 100, after });
      totalCount = page.totalCount;
      seen.push(...page.countries);
      after = page.nextPage;
    } while (after);

    const expected = sandbox.catalogue.countries.map((c) => ({
      isoCode: c.isoCode,
      name: String(c.json.name),
    }));
    expect(totalCount).toBe(expected.length);
    expect(seen).toEqual(expected);
  });

  it("browses a country's operators and their products with exact amounts and prices", async () => {
    const country = busiestCountry();
    const operators = sandbox.catalogue.operators.filter((o) => o.countryIsoCode === country.isoCode);

    const catalogue = await browseCountry(url, country.isoCode, { operators: 10, products: 5 });

    expect(catalogue.isoCode).toBe(country.isoCode);
    expect(catalogue.name).toBe(String(country.json.name));
    expect(catalogue.operatorCount).toBe(operators.length);
    expect(catalogue.operators.map((o) => o.operatorId)).toEqual(operators.slice(0, 10).map((o) => o.id));
    for (const operator of catalogue.operators) {
      const products = sandbox.catalogue.products.filter((p) => p.operatorId === operator.operatorId);
      expect(operator.name).toBe(String(sandbox.catalogue.byId.operator.get(operator.operatorId)!.json.name));
      expect(operator.productCount).toBe(products.length);
      expect(operator.products).toEqual(products.slice(0, 5).map(expectedCatalogueProduct));
    }
    expect(catalogue.operators.some((o) => o.productCount > o.products.length)).toBe(true);
    const kinds = new Set(catalogue.operators.flatMap((o) => o.products.map((p) => p.__typename)));
    expect(kinds.size).toBeGreaterThan(1);
  });

  it('looks up a fixed product by id with its operator, benefits and wholesale price', async () => {
    const entry = sandbox.catalogue.products.find(
      (p) => p.type === 'FIXED_VALUE_RECHARGE' && (p.json.en.benefits as JsonValue[]).length > 1,
    )!;
    const json = entry.json.en;
    const operator = sandbox.catalogue.byId.operator.get(entry.operatorId)!;

    const product = await productById(url, entry.id);

    expect(product.__typename).toBe('FixedValueRechargeProduct');
    expect(product).toMatchObject({
      productId: entry.id,
      type: entry.type,
      name: json.name,
      description: json.description,
      operator: {
        operatorId: operator.id,
        name: operator.json.name,
        country: { isoCode: entry.countryIsoCode, name: obj(operator.json.country).name },
      },
    });
    const wholesale = obj(obj(json.prices).wholesale);
    if (product.__typename !== 'FixedValueRechargeProduct') throw new Error('narrowed above');
    expect(product.wholesalePrice).toEqual({
      amount: { amount: text(wholesale.amount), unit: wholesale.unit },
      fee: fee(wholesale),
    });
    expect(product.benefits).toEqual(
      (json.benefits as JsonObject[]).map((b) => {
        const amount = obj(b.amount);
        const exact = (v: JsonValue | undefined) => ({ min: text(v), max: text(v) });
        return {
          type: b.type,
          unitType: b.unit_type,
          unit: b.unit,
          unlimited: text(amount.base) === '-1',
          base: exact(amount.base),
          promotionBonus: exact(amount.promotion_bonus),
          totalIncludingTax: exact(amount.total_including_tax),
          additionalInformation: b.additional_information ?? null,
        };
      }),
    );
  });

  it('looks up a ranged product by id with its amount range and describes its offer', async () => {
    const entry = sandbox.catalogue.products.find((p) => p.type === 'RANGED_VALUE_RECHARGE')!;
    const destination = obj(entry.json.en.destination);
    const wholesale = obj(obj(entry.json.en.prices).wholesale);

    const product = await productById(url, entry.id);

    if (!('destinationRange' in product)) throw new Error(`${product.__typename} has no destinationRange`);
    expect(product.destinationRange).toMatchObject({
      min: text(obj(destination.amount).min),
      max: text(obj(destination.amount).max),
      unit: destination.unit,
    });
    expect(describeOffer(product)).toBe(
      `${text(obj(destination.amount).min)}–${text(obj(destination.amount).max)} ${destination.unit} for ` +
        `${text(obj(wholesale.amount).min)}–${text(obj(wholesale.amount).max)} ${wholesale.unit} + ` +
        `${fee(wholesale).amount} fee`,
    );
  });

  it('rejects an unknown product id with a GraphQLRequestError coded PRODUCT_UNAVAILABLE', async () => {
    const missing = Math.max(...sandbox.catalogue.products.map((p) => p.id)) + 1;
    const error = await productById(url, missing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).code).toBe('PRODUCT_UNAVAILABLE');
    expect((error as GraphQLRequestError).message).toBe(`Product ${missing} was not found`);
  });

  it('rejects a malformed country code before it reaches DT One', async () => {
    sandbox.control.resetCalls();
    const error = await browseCountry(url, 'indonesia').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(sandbox.control.callCounts()).toEqual({});
    expect((error as GraphQLRequestError).message).toContain(
      'CountryCode must be an ISO 3166-1 alpha-3 code',
    );
  });
});
