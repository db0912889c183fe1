import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../money/json.js';
import { toWireJson } from './wire-body.js';

describe('toWireJson', () => {
  it('writes decimal-text amounts as exact JSON numbers', () => {
    const body = {
      product_id: 7,
      source: { unit_type: 'CURRENCY', unit: 'USD', amount: '12345678901234567.89' },
    };
    expect(toWireJson(body)).toBe(
      '{"product_id":7,"source":{"unit_type":"CURRENCY","unit":"USD","amount":12345678901234567.89}}',
    );
  });

  it('keeps integer amounts and every other string as they are', () => {
    expect(toWireJson({ destination: { amount: 500 }, external_id: '10.5' })).toBe(
      '{"destination":{"amount":500},"external_id":"10.5"}',
    );
  });

  it('refuses a float amount and text that is not a plain decimal', () => {
    expect(() => toWireJson({ source: { amount: 0.1 } })).toThrow(TypeError);
    for (const amount of ['1e3', ' 12.0 ', '12,50', '', '0x10', 'NaN', '.5', '1.']) {
      expect(() => toWireJson({ source: { amount } })).toThrow(TypeError);
    }
  });

  it('round-trips any decimal amount exactly through the lossless parser', () => {
    const decimalText = fc
      .tuple(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.option(fc.stringMatching(/^\d{1,12}$/)),
      )
      .map(([neg, int, frac]) => `${neg && (int > 0n || frac) ? '-' : ''}${int}${frac ? `.${frac}` : ''}`);
    fc.assert(
      fc.property(decimalText, (amount) => {
        const parsed = parseJson(toWireJson({ source: { amount } })) as { source: { amount: unknown } };
        const back = parsed.source.amount;
        expect(typeof back === 'number' ? String(back) : back).toBe(amount === '-0' ? '0' : amount);
      }),
    );
  });
});
