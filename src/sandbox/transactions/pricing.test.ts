import { LosslessNumber, stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { airtime, engineUnderTest, expectSpecTransaction } from '../../../test/fixtures/sandbox-engine.js';
import type { JsonObject } from '../catalogue/types.js';

const money = (unit: string, amount: string) => ({
  unit_type: 'CURRENCY',
  unit,
  amount: new LosslessNumber(amount),
});
/** The wire text of part of a transaction, exactly as a client reads it. */
const wire = (value: unknown) => stringify(value as JsonObject);

describe('transaction pricing', () => {
  it('prices a fixed product with its own amounts and holds wholesale price plus fee', async () => {
    const { engine, ledger } = engineUnderTest();
    const tx = await engine.create(airtime('fixed-1'), 'async');
    expect(wire(tx.prices)).toBe(
      '{"wholesale":{"unit_type":"CURRENCY","unit":"USD","amount":4.50,"fee":0.10},' +
        '"retail":{"unit_type":"CURRENCY","unit":"USD","amount":5.00,"fee":0.00}}',
    );
    expect(wire(tx.rates)).toBe('{"base":1.3,"wholesale":1.444444,"retail":1.3}');
    expect(wire(tx.requested_values)).toBe(
      '{"source":{"unit_type":"CURRENCY","unit":"USD","amount":5.00},"destination":{"unit_type":"CURRENCY","unit":"SGD","amount":6.50}}',
    );
    expect(tx.adjusted_values).toEqual(tx.requested_values);
    expect(wire(tx.benefits)).toContain('"total_including_tax":6.50');
    expect(ledger.totals('USD')).toMatchObject({ available: '995.4', holding: '4.6' });
    expectSpecTransaction(tx);
  });

  it('prices a DESTINATION_AMOUNT request: source and wholesale are the destination over the rates, half-up', async () => {
    const { engine, ledger } = engineUnderTest();
    const tx = await engine.create(
      {
        external_id: 'dest-1',
        product_id: 2,
        calculation_mode: 'DESTINATION_AMOUNT',
        destination: money('SGD', '10.00'),
        credit_party_identifier: { mobile_number: '+6595123100' },
      },
      'async',
    );
    // 10 / 1.34 = 7.4626… → 7.46; 10 / 1.4 = 7.1428… → 7.14; retail 10 / 1.3 = 7.6923… → 7.69
    expect(wire(tx.adjusted_values)).toBe(
      '{"source":{"unit_type":"CURRENCY","unit":"USD","amount":7.46},"destination":{"unit_type":"CURRENCY","unit":"SGD","amount":10.00}}',
    );
    expect(tx.requested_values).toEqual(tx.adjusted_values);
    expect(wire(tx.prices)).toBe(
      '{"wholesale":{"unit_type":"CURRENCY","unit":"USD","amount":7.14,"fee":0.25},' +
        '"retail":{"unit_type":"CURRENCY","unit":"USD","amount":7.69,"fee":0.00}}',
    );
    // Benefit read at (10 - 1.34) / (134 - 1.34) of its range: 1.21 + 119.39 × 8.66 / 132.66 = 9.0037… → 9.00
    expect(wire((tx.benefits as JsonObject[])[0]?.amount)).toBe(
      '{"base":10.00,"promotion_bonus":0.00,"total_excluding_tax":10.00,"total_including_tax":9.00}',
    );
    expect(ledger.totals('USD').holding).toBe('7.39');
    expectSpecTransaction(tx);
  });

  it('prices a SOURCE_AMOUNT request: the destination is rounded down to its increment', async () => {
    const { engine, ledger } = engineUnderTest();
    const tx = await engine.create(
      {
        external_id: 'src-1',
        product_id: 2,
        calculation_mode: 'SOURCE_AMOUNT',
        source: money('USD', '7.79'),
        credit_party_identifier: { mobile_number: '+6595123100' },
      },
      'async',
    );
    // 7.79 × 1.34 = 10.4386: requested 10.44 (half-up), adjusted 10.43 (down to the 0.01 increment)
    expect(wire(tx.requested_values)).toBe(
      '{"source":{"unit_type":"CURRENCY","unit":"USD","amount":7.79},"destination":{"unit_type":"CURRENCY","unit":"SGD","amount":10.44}}',
    );
    expect(wire(tx.adjusted_values)).toBe(
      '{"source":{"unit_type":"CURRENCY","unit":"USD","amount":7.79},"destination":{"unit_type":"CURRENCY","unit":"SGD","amount":10.43}}',
    );
    // wholesale 10.43 / 1.4 = 7.45 exactly; retail 10.43 / 1.3 = 8.0230… → 8.02
    expect(wire(tx.prices)).toBe(
      '{"wholesale":{"unit_type":"CURRENCY","unit":"USD","amount":7.45,"fee":0.25},' +
        '"retail":{"unit_type":"CURRENCY","unit":"USD","amount":8.02,"fee":0.00}}',
    );
    expect(ledger.totals('USD').holding).toBe('7.7');
    expectSpecTransaction(tx);
  });

  it('clamps the destination bought by the declared minimum source into the destination range', async () => {
    const { engine } = engineUnderTest();
    const tx = await engine.create(
      {
        external_id: 'src-min',
        product_id: 2,
        calculation_mode: 'SOURCE_AMOUNT',
        source: money('USD', '0.99'),
        credit_party_identifier: { mobile_number: '+6595123100' },
      },
      'async',
    );
    // 0.99 × 1.34 = 1.3266: requested 1.33, delivered the range's 1.34; wholesale 1.34 / 1.4 = 0.957… → 0.96
    expect(wire((tx.requested_values as JsonObject).destination)).toBe(
      '{"unit_type":"CURRENCY","unit":"SGD","amount":1.33}',
    );
    expect(wire((tx.adjusted_values as JsonObject).destination)).toBe(
      '{"unit_type":"CURRENCY","unit":"SGD","amount":1.34}',
    );
    expect(wire((tx.prices as JsonObject).wholesale)).toBe(
      '{"unit_type":"CURRENCY","unit":"USD","amount":0.96,"fee":0.25}',
    );
  });

  it('prices a bill payment in a currency with a large increment and no retail price', async () => {
    const { engine, ledger } = engineUnderTest();
    const tx = await engine.create(
      {
        external_id: 'bill-1',
        product_id: 4,
        calculation_mode: 'DESTINATION_AMOUNT',
        destination: money('IDR', '150000'),
        credit_party_identifier: { account_number: '5300012100' },
        sender: { mobile_number: '+6281234567' },
      },
      'async',
    );
    // 150000 / 15850 = 9.4637… → 9.46; 150000 / 15500 = 9.6774… → 9.68; plus the 1.00 fee
    expect(wire(tx.adjusted_values)).toBe(
      '{"source":{"unit_type":"CURRENCY","unit":"USD","amount":9.46},"destination":{"unit_type":"CURRENCY","unit":"IDR","amount":150000.00}}',
    );
    expect(wire(tx.prices)).toBe(
      '{"wholesale":{"unit_type":"CURRENCY","unit":"USD","amount":9.68,"fee":1.00},"retail":null}',
    );
    expect(wire(tx.rates)).toBe('{"base":15850,"wholesale":15500,"retail":null}');
    expect(tx.benefits).toBeNull();
    expect(ledger.totals('USD').holding).toBe('10.68');
    expectSpecTransaction(tx);
  });

  it('keeps every amount a whole number of minor units for any destination on the increment', async () => {
    const { engine } = engineUnderTest();
    for (const [i, amount] of ['1.34', '1.35', '33.33', '99.99', '133.99', '134.00'].entries()) {
      const tx = await engine.create(
        {
          external_id: `sweep-${i}`,
          product_id: 2,
          calculation_mode: 'DESTINATION_AMOUNT',
          destination: money('SGD', amount),
          credit_party_identifier: { mobile_number: '+6595123100' },
        },
        'async',
      );
      const text = wire(tx.prices) ?? '';
      for (const match of text.matchAll(/"amount":([0-9.]+)/g)) expect(match[1]).toMatch(/^\d+\.\d{2}$/);
      expectSpecTransaction(tx);
    }
  });
});
