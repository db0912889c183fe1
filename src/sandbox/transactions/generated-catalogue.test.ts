import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { engineUnderTest, expectSpecTransaction, statusOf } from '../../../test/fixtures/sandbox-engine.js';
import { generateCatalogue } from '../catalogue/generate.js';
import type { Catalogue, JsonObject, ProductEntry } from '../catalogue/types.js';
import { createClock } from '../clock.js';
import { createGsEngine } from '../gs/engine.js';
import { createLedger } from '../ledger.js';
import { readDecimal } from './amounts.js';
import { readProductTerms } from './product-terms.js';

/** A valid value for every field a product may require. */
const FIELD_VALUES: Record<string, string> = {
  mobile_number: '+6595123100',
  account_number: '5300012100',
  account_qualifier: 'POSTPAID',
  first_name: 'Ana',
  last_name: 'Lim',
  middle_name: 'Mei',
  email: 'ana@example.com',
  reference: 'Nov 2026',
  due_date: '2026-12-01',
  purchaser_id: 'pos-000123',
};

/** A create body filling every field of every alternative the product requires. */
function bodyFor(product: ProductEntry, externalId: string, extra: JsonObject = {}): JsonObject {
  const body: JsonObject = { external_id: externalId, product_id: product.id, ...extra };
  for (const [party, alternatives] of Object.entries(readProductTerms(product).required)) {
    for (const field of alternatives.flat()) {
      const value = FIELD_VALUES[field];
      if (value === undefined) throw new Error(`no test value for ${party}.${field}`);
      body[party] = { ...(body[party] as JsonObject | undefined), [field]: value };
    }
  }
  return body;
}

const amount = (value: unknown) => readDecimal(value) as Decimal;
const wholesaleOf = (tx: JsonObject) => ((tx.prices as JsonObject).wholesale as JsonObject) ?? {};

describe('transactions over the seed-1 catalogue', () => {
  let catalogue: Catalogue;
  beforeAll(() => {
    catalogue = generateCatalogue(1);
  });

  /** An engine whose balances cover any number of purchases. */
  const richEngine = () => {
    const ledger = createLedger(catalogue.balances.map((b) => ({ ...b, available: '1000000000.00' })));
    return engineUnderTest({ catalogue, ledger });
  };

  it('buys every ranged product at both ends of each accepted range, within its declared wholesale range', async () => {
    const { engine } = richEngine();
    let bought = 0;
    for (const product of catalogue.products) {
      const terms = readProductTerms(product);
      if (terms.amounts.kind !== 'ranged') continue;
      const { source, destination, acceptedModes } = terms.amounts;
      const declared = (wholesaleOf(product.json.en).amount ?? {}) as JsonObject;
      const requests: JsonObject[] = [];
      for (const value of [source.min, source.max]) {
        if (!acceptedModes.includes('SOURCE_AMOUNT')) break;
        const side = { unit_type: 'CURRENCY', unit: source.unit, amount: value.toNumber() };
        requests.push({ calculation_mode: 'SOURCE_AMOUNT', source: side });
      }
      for (const value of [destination.min, destination.max]) {
        if (!acceptedModes.includes('DESTINATION_AMOUNT')) break;
        const side = { unit_type: 'CURRENCY', unit: destination.unit, amount: value.toNumber() };
        requests.push({ calculation_mode: 'DESTINATION_AMOUNT', destination: side });
      }
      for (const request of requests) {
        const tx = await engine.create(bodyFor(product, `ranged-${bought++}`, request), 'async');
        const delivered = amount(((tx.adjusted_values as JsonObject).destination as JsonObject).amount);
        expect(delivered.gte(destination.min) && delivered.lte(destination.max)).toBe(true);
        const wholesale = amount(wholesaleOf(tx).amount);
        expect(wholesale.gte(amount(declared.min)) && wholesale.lte(amount(declared.max))).toBe(true);
        if (bought % 97 === 0) expectSpecTransaction(tx);
      }
    }
    expect(bought).toBeGreaterThan(1000);
  });

  it('holds exactly the listed wholesale price plus fee of fixed products, and completes them', async () => {
    const { engine, ledger, clock } = richEngine();
    const fixed = catalogue.products.filter((p) => !p.type.startsWith('RANGED_'));
    const sample = fixed.filter((_, i) => i % 40 === 0);
    for (const [i, product] of sample.entries()) {
      const listed = wholesaleOf(product.json.en);
      const unit = listed.unit as string;
      const before = new Decimal(ledger.totals(unit).holding);
      const tx = await engine.create(bodyFor(product, `fixed-${i}`, { auto_confirm: true }), 'async');
      const held = new Decimal(ledger.totals(unit).holding).minus(before);
      expect(held.equals(amount(listed.amount).plus(amount(listed.fee)))).toBe(true);
      expectSpecTransaction(tx);
    }
    clock.advance(3_000);
    const done = engine.all();
    expect(done.map(statusOf).every((status) => status === 'COMPLETED')).toBe(true);
    for (const tx of done.filter((t) => String((t.product as JsonObject).type).endsWith('_PIN_PURCHASE'))) {
      expect(tx.pin).toEqual({ code: expect.any(String), serial: expect.any(String) });
    }
  });

  it('quotes every G&S account, refusing only the bills already paid', () => {
    const clock = createClock();
    const gs = createGsEngine({ catalogue, clock, ledger: createLedger(catalogue.balances) });
    try {
      for (const account of catalogue.gsAccounts) {
        const product = catalogue.byId.gsProduct.get(account.productId);
        if (!product) throw new Error(`account ${account.accountNumber} has no product`);
        if (new Decimal(account.amountDue).isZero()) {
          expect(() => gs.quote(account.productId, account.accountNumber)).toThrow('Bill already paid');
          continue;
        }
        const quote = gs.quote(account.productId, account.accountNumber);
        const localValue = new Decimal(account.amountDue).plus(product.paymentFee);
        expect(amount(quote.local_value).equals(localValue)).toBe(true);
        const wholesale = localValue.times(product.wholesaleRate).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
        expect(amount(quote.wholesale_price).equals(wholesale)).toBe(true);
        expect(quote.account_currency).toBe(product.accountCurrency);
      }
    } finally {
      clock.dispose();
    }
  });
});
