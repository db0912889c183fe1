import { LosslessNumber, stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { airtime, engineUnderTest, failure } from '../../../test/fixtures/sandbox-engine.js';
import type { JsonObject } from '../catalogue/types.js';
import { createBodyOf, parseCreateBody } from './validate.js';

const ranged = (extra: JsonObject): JsonObject => ({
  external_id: 'r-1',
  product_id: 2,
  credit_party_identifier: { mobile_number: '+6595123100' },
  ...extra,
});
const money = (unit: string, amount: string) => ({
  unit_type: 'CURRENCY',
  unit,
  amount: new LosslessNumber(amount),
});
const bill = (extra: JsonObject): JsonObject => ({
  external_id: 'b-1',
  product_id: 4,
  calculation_mode: 'DESTINATION_AMOUNT',
  destination: money('IDR', '150000'),
  credit_party_identifier: { account_number: '5300012100' },
  sender: { first_name: 'Ayu', last_name: 'Lestari' },
  ...extra,
});

describe('create body validation', () => {
  it.each([
    ['missing', undefined, 'external_id: is required'],
    ['blank', '   ', 'external_id: must not be blank'],
    ['longer than 40 characters', 'x'.repeat(41), 'external_id: must be at most 40 characters'],
    ['not a string', 42, 'external_id: must be a string'],
  ])('answers 1000400 naming external_id when it is %s', async (_case, externalId, message) => {
    const { engine } = engineUnderTest();
    const body = airtime('unused');
    if (externalId === undefined) delete body.external_id;
    else body.external_id = externalId;
    const error = await failure(() => engine.create(body, 'async'));
    expect([error.code, error.status, error.message]).toEqual([1000400, 400, message]);
  });

  it('accepts an external_id of exactly 40 characters', async () => {
    const { engine } = engineUnderTest();
    const created = await engine.create(airtime('x'.repeat(40)), 'async');
    expect(created.external_id).toBe('x'.repeat(40));
  });

  it.each([
    ['missing', undefined],
    ['a string', '1'],
    ['a fraction', new LosslessNumber('1.5')],
    ['zero', 0],
  ])('answers 1000400 naming product_id when it is %s', async (_case, productId) => {
    const { engine } = engineUnderTest();
    const body = airtime('p-1');
    if (productId === undefined) delete body.product_id;
    else body.product_id = productId;
    const error = await failure(() => engine.create(body, 'async'));
    expect(error.code).toBe(1000400);
    expect(error.message).toMatch(/^product_id: /);
  });

  it('answers 404 1003001 for an unknown product', async () => {
    const { engine } = engineUnderTest();
    const error = await failure(() =>
      engine.create(airtime('p-2', '+6595123100', { product_id: 999 }), 'async'),
    );
    expect([error.code, error.status, error.message]).toEqual([
      1003001,
      404,
      'Product is not available in your account',
    ]);
  });

  it('answers 1000400 for a body that is not an object', async () => {
    const { engine } = engineUnderTest();
    expect((await failure(() => engine.create([], 'async'))).code).toBe(1000400);
    expect((await failure(() => engine.create(undefined, 'async'))).code).toBe(1000400);
  });

  it('answers 1000400 naming the credit party when the product requires a mobile number and none is given', async () => {
    const { engine } = engineUnderTest();
    const error = await failure(() => engine.create({ external_id: 'c-1', product_id: 1 }, 'async'));
    expect(error.code).toBe(1000400);
    expect(error.message).toBe(
      'credit_party_identifier: product 1 requires credit_party_identifier.mobile_number',
    );
  });

  it('accepts any one alternative of a requirement and refuses an incomplete one', async () => {
    const { engine } = engineUnderTest();
    await expect(engine.create(bill({ external_id: 'b-names' }), 'async')).resolves.toBeDefined();
    await expect(
      engine.create(bill({ external_id: 'b-mobile', sender: { mobile_number: '+6281234567' } }), 'async'),
    ).resolves.toBeDefined();
    const error = await failure(() =>
      engine.create(bill({ external_id: 'b-half', sender: { first_name: 'Ayu' } }), 'async'),
    );
    expect(error.code).toBe(1000400);
    expect(error.message).toBe(
      'sender: product 4 requires sender.first_name + sender.last_name or sender.mobile_number',
    );
  });

  it('answers 1000400 when a PIN product misses its required purchaser id', async () => {
    const { engine } = engineUnderTest();
    const error = await failure(() => engine.create({ external_id: 'g-1', product_id: 3 }, 'async'));
    expect(error.code).toBe(1000400);
    expect(error.message).toMatch(/additional_identifier\.purchaser_id/);
  });

  it.each([
    ['credit_party_identifier', 1005003, 'Credit party'],
    ['sender', 1005503, 'Sender'],
    ['debit_party_identifier', 1006003, 'Debit party'],
    ['beneficiary', 1006503, 'Beneficiary'],
  ])('answers %s mobile numbers that are not E.164 with %i', async (party, code) => {
    const { engine } = engineUnderTest();
    const body = airtime('m-1', '+6595123100', { [party]: { mobile_number: '6595123100' } });
    const error = await failure(() => engine.create(body, 'async'));
    expect([error.code, error.status]).toEqual([code, 400]);
  });

  it.each([
    ['sender.address_postal_code', { sender: { address_postal_code: '-bad' } }],
    ['sender.nationality_country_iso_code', { sender: { nationality_country_iso_code: 'SG' } }],
    ['additional_identifier.purchaser_id', { additional_identifier: { purchaser_id: 'short' } }],
    ['statement_identifier.due_date', { statement_identifier: { due_date: '2026-02-30' } }],
    [
      'credit_party_identifier.account_number',
      { credit_party_identifier: { account_number: 'x'.repeat(91) } },
    ],
    ['beneficiary', { beneficiary: {} }],
    ['auto_confirm', { auto_confirm: 'yes' }],
    ['calculation_mode', { calculation_mode: 'BOTH' }],
    ['source.unit_type', { source: { unit_type: 'MONEY', unit: 'USD', amount: 1 } }],
    ['source.extra', { source: { unit_type: 'CURRENCY', unit: 'USD', amount: 1, extra: true } }],
    ['destination.amount', { destination: { unit_type: 'CURRENCY', unit: 'SGD', amount: '6.50' } }],
  ])('answers 1000400 naming %s when it breaks the spec schema', async (field, extra) => {
    const { engine } = engineUnderTest();
    const error = await failure(() => engine.create(airtime('s-1', '+6595123100', extra), 'async'));
    expect(error.code).toBe(1000400);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it('answers 1000400 for a callback_url that is not an http(s) URI on the async endpoint only', async () => {
    const { engine } = engineUnderTest();
    const body = airtime('u-1', '+6595123100', { callback_url: 'not a url' });
    expect((await failure(() => engine.create(body, 'async'))).message).toMatch(/^callback_url: /);
    const created = await engine.create(body, 'sync');
    expect(created).not.toHaveProperty('callback_url');
  });

  it('ignores amounts and calculation mode sent for a fixed product', async () => {
    const { engine } = engineUnderTest();
    const created = await engine.create(
      airtime('f-1', '+6595123100', { calculation_mode: 'SOURCE_AMOUNT', source: money('USD', '999.99') }),
      'async',
    );
    const wholesale = (created.prices as JsonObject).wholesale as JsonObject;
    expect(String(wholesale.amount)).toBe('4.50');
  });

  describe('ranged amounts', () => {
    it('answers 1000400 when calculation_mode is missing', async () => {
      const { engine } = engineUnderTest();
      const error = await failure(() => engine.create(ranged({ destination: money('SGD', '10') }), 'async'));
      expect(error.code).toBe(1000400);
      expect(error.message).toBe('calculation_mode: is required for RANGED_VALUE_RECHARGE product 2');
    });

    it('answers 1000400 when the product does not accept the calculation mode', async () => {
      const { engine } = engineUnderTest();
      const body = bill({ calculation_mode: 'SOURCE_AMOUNT', source: money('USD', '10') });
      const error = await failure(() => engine.create(body, 'async'));
      expect(error.code).toBe(1000400);
      expect(error.message).toMatch(/^calculation_mode: SOURCE_AMOUNT is not accepted by product 4/);
    });

    it('answers 1000400 when the amount for the calculation mode is missing', async () => {
      const { engine } = engineUnderTest();
      const body = ranged({ calculation_mode: 'SOURCE_AMOUNT', destination: money('SGD', '10') });
      const error = await failure(() => engine.create(body, 'async'));
      expect([error.code, error.message]).toEqual([
        1000400,
        'source: is required when calculation_mode is SOURCE_AMOUNT',
      ]);
    });

    it.each([
      ['DESTINATION_AMOUNT', 'destination', money('USD', '10')],
      ['SOURCE_AMOUNT', 'source', money('SGD', '10')],
    ])('answers 1003003 for a %s request in the wrong unit', async (mode, side, amount) => {
      const { engine } = engineUnderTest();
      const error = await failure(() =>
        engine.create(ranged({ calculation_mode: mode, [side]: amount }), 'async'),
      );
      expect([error.code, error.status]).toEqual([1003003, 400]);
    });

    it.each([
      ['below the minimum', 'DESTINATION_AMOUNT', 'destination', money('SGD', '1.33')],
      ['above the maximum', 'DESTINATION_AMOUNT', 'destination', money('SGD', '134.01')],
      ['off the increment', 'DESTINATION_AMOUNT', 'destination', money('SGD', '10.005')],
      ['below the source minimum', 'SOURCE_AMOUNT', 'source', money('USD', '0.98')],
      ['above the source maximum', 'SOURCE_AMOUNT', 'source', money('USD', '100.01')],
      ['finer than the source currency', 'SOURCE_AMOUNT', 'source', money('USD', '7.775')],
    ])('answers 1003002 for an amount %s', async (_case, mode, side, amount) => {
      const { engine } = engineUnderTest();
      const error = await failure(() =>
        engine.create(ranged({ calculation_mode: mode, [side]: amount }), 'async'),
      );
      expect([error.code, error.status]).toEqual([1003002, 400]);
    });

    it('answers 1003002 for a bill amount off its 1000 IDR increment', async () => {
      const { engine } = engineUnderTest();
      const error = await failure(() =>
        engine.create(bill({ destination: money('IDR', '150500') }), 'async'),
      );
      expect(error.code).toBe(1003002);
    });

    it('accepts the inclusive bounds of the range', async () => {
      const { engine } = engineUnderTest();
      for (const [i, amount] of ['1.34', '134.00'].entries()) {
        const body = ranged({
          external_id: `bound-${i}`,
          calculation_mode: 'DESTINATION_AMOUNT',
          destination: money('SGD', amount),
        });
        await expect(engine.create(body, 'async')).resolves.toBeDefined();
      }
    });
  });

  describe('account rules', () => {
    it('answers 1007001 when an external_id is reused, even after the first transaction was cancelled', async () => {
      const { engine } = engineUnderTest();
      const first = await engine.create(airtime('dup-1'), 'async');
      engine.cancel(first.id as number);
      const error = await failure(() => engine.create(airtime('dup-1', '+6595123200'), 'async'));
      expect([error.code, error.status]).toEqual([1007001, 400]);
      expect(engine.countByExternalId('dup-1')).toBe(1);
    });

    it('answers 1006001 and creates nothing when the balance cannot cover wholesale price and fee', async () => {
      const { engine, ledger } = engineUnderTest();
      const giftCard = (externalId: string) => ({
        external_id: externalId,
        product_id: 3,
        additional_identifier: { purchaser_id: 'pos-000123' },
      });
      await engine.create(giftCard('gc-1'), 'async');
      const error = await failure(() => engine.create(giftCard('gc-2'), 'async'));
      expect([error.code, error.status, error.message]).toEqual([1006001, 400, 'Insufficient balance']);
      expect(engine.countByExternalId('gc-2')).toBe(0);
      expect(ledger.totals('EUR')).toMatchObject({ available: '6', holding: '24' });
    });

    it('answers 404 1006009 for a product priced in a currency the account holds no balance in', async () => {
      const { engine } = engineUnderTest();
      const error = await failure(() =>
        engine.create(airtime('gbp-1', '+6595123100', { product_id: 5 }), 'async'),
      );
      expect([error.code, error.status]).toEqual([1006009, 404]);
    });
  });
});

describe('createBodyOf', () => {
  it.each([
    ['a bare fixed top-up', airtime('k-1')],
    [
      'a ranged top-up with both amounts, every party and a callback URL',
      ranged({
        auto_confirm: true,
        calculation_mode: 'SOURCE_AMOUNT',
        source: money('USD', '10.50'),
        destination: money('SGD', '14.1'),
        sender: { first_name: 'Ayu', last_name: 'Lestari', nationality_country_iso_code: 'IDN' },
        beneficiary: { first_name: 'Budi', mobile_number: '+6281234567890' },
        debit_party_identifier: { account_number: '77' },
        statement_identifier: { reference: 'INV-9', due_date: '2026-12-31' },
        additional_identifier: { purchaser_id: 'abcd-1234' },
        callback_url: 'https://gw.example.com/callbacks/dtone/1/token',
      }),
    ],
    ['a bill payment', bill({})],
  ])('writes a body that parses back into the same request: %s', (_case, body) => {
    const request = parseCreateBody(body, 'async');
    expect(parseCreateBody(createBodyOf(request), 'async')).toEqual(request);
  });

  it('writes amounts as exact JSON numbers, beyond what a double holds', () => {
    const request = parseCreateBody(ranged({ source: money('USD', '12345678901234567.01') }), 'async');
    expect(stringify(createBodyOf(request).source)).toBe(
      '{"unit_type":"CURRENCY","unit":"USD","amount":12345678901234567.01}',
    );
  });
});
