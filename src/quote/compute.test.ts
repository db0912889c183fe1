import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minorUnits } from '../money/currency.js';
import { Decimal } from '../money/decimal.js';
import { computeQuote, type QuoteAmounts, type QuoteOutcome } from './compute.js';
import type { CalculationMode, RangedTerms } from './terms.js';

const d = (text: string) => Decimal.parse(text);

/** USD → AWG, as the sandbox's first ranged product of seed 1 is priced. */
const AWG: RangedTerms = {
  productId: 1,
  acceptedModes: ['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'],
  source: { unit: 'USD', min: d('1.14'), max: d('141.94') },
  destination: { unit: 'AWG', min: d('2.00'), max: d('250.00'), increment: d('0.01') },
  wholesale: { unit: 'USD', fee: d('0') },
  retail: { unit: 'USD' },
  rates: { base: d('1.76136'), wholesale: d('1.79'), retail: d('1.679085') },
};

/** USD → BIF (no minor unit), stepping by 100 from 500. */
const BIF: RangedTerms = {
  ...AWG,
  source: { unit: 'USD', min: d('0.18'), max: d('35.09') },
  destination: { unit: 'BIF', min: d('500'), max: d('100000'), increment: d('100') },
  wholesale: { unit: 'USD', fee: d('0.5') },
  rates: { base: d('2850.5'), wholesale: d('2790'), retail: null },
};

/** USD → KWD (three minor digits), stepping by 0.010. */
const KWD: RangedTerms = {
  ...AWG,
  acceptedModes: ['DESTINATION_AMOUNT', 'SOURCE_AMOUNT'],
  source: { unit: 'USD', min: d('3.26'), max: d('162.81') },
  destination: { unit: 'KWD', min: d('1.000'), max: d('50.000'), increment: d('0.010') },
  rates: { base: d('0.30712'), wholesale: d('0.305'), retail: d('-1') },
};

function quoted(outcome: QuoteOutcome): Record<string, string | null> {
  if (!outcome.ok) throw new Error(`expected a quote, got ${JSON.stringify(outcome.failure)}`);
  const q: QuoteAmounts = outcome.quote;
  const text = (m: { amount: string; unit: string } | null) => (m ? `${m.amount} ${m.unit}` : null);
  return {
    source: text(q.source),
    destination: text(q.destination),
    wholesalePrice: text(q.wholesalePrice),
    fee: text(q.fee),
    retailPrice: text(q.retailPrice),
  };
}

describe('computeQuote, destination amount', () => {
  it('divides the destination by the base and wholesale rates, half-up to cents', () => {
    expect(quoted(computeQuote(AWG, 'DESTINATION_AMOUNT', d('10')))).toEqual({
      source: '5.68 USD',
      destination: '10.00 AWG',
      wholesalePrice: '5.59 USD',
      fee: '0.00 USD',
      retailPrice: '5.96 USD',
    });
  });

  it('rounds a tie half-up, not to even', () => {
    const halves: RangedTerms = {
      ...AWG,
      destination: { ...AWG.destination, min: d('0.01') },
      rates: { base: d('2'), wholesale: d('2'), retail: d('2') },
    };
    const q = quoted(computeQuote(halves, 'DESTINATION_AMOUNT', d('0.05')));
    expect(q.source).toBe('0.03 USD');
    expect(q.wholesalePrice).toBe('0.03 USD');
  });

  it('prices a currency without minor units and one with three', () => {
    expect(quoted(computeQuote(BIF, 'DESTINATION_AMOUNT', d('2800')))).toEqual({
      source: '0.98 USD',
      destination: '2800 BIF',
      wholesalePrice: '1.00 USD',
      fee: '0.50 USD',
      retailPrice: null,
    });
    expect(quoted(computeQuote(KWD, 'DESTINATION_AMOUNT', d('3.21')))).toEqual({
      source: '10.45 USD',
      destination: '3.210 KWD',
      wholesalePrice: '10.52 USD',
      fee: '0.00 USD',
      retailPrice: '0.00 USD',
    });
  });

  it('refuses an amount off the increment, below the minimum or above the maximum', () => {
    for (const amount of ['2850', '400', '100100']) {
      expect(computeQuote(BIF, 'DESTINATION_AMOUNT', d(amount))).toEqual({
        ok: false,
        failure: { kind: 'out-of-range', unit: 'BIF', min: '500', max: '100000', increment: '100' },
      });
    }
  });

  it('refuses more fraction digits than the currency has, even trailing zeros', () => {
    expect(computeQuote(BIF, 'DESTINATION_AMOUNT', d('2800.0'))).toEqual({
      ok: false,
      failure: { kind: 'too-many-decimals', field: 'amount', unit: 'BIF', allowed: 0, given: 1 },
    });
    expect(computeQuote(KWD, 'DESTINATION_AMOUNT', d('3.2100'))).toMatchObject({
      ok: false,
      failure: { kind: 'too-many-decimals', unit: 'KWD', allowed: 3, given: 4 },
    });
  });
});

describe('computeQuote, source amount', () => {
  it('multiplies by the base rate and rounds down to the destination increment', () => {
    expect(quoted(computeQuote(AWG, 'SOURCE_AMOUNT', d('5.00')))).toEqual({
      source: '5.00 USD',
      destination: '8.80 AWG',
      wholesalePrice: '4.92 USD',
      fee: '0.00 USD',
      retailPrice: '5.24 USD',
    });
    expect(quoted(computeQuote(BIF, 'SOURCE_AMOUNT', d('1'))).destination).toBe('2800 BIF');
    expect(quoted(computeQuote(KWD, 'SOURCE_AMOUNT', d('10'))).destination).toBe('3.070 KWD');
  });

  it('clamps a source at either end of its range into the destination range', () => {
    const wide: RangedTerms = { ...AWG, source: { unit: 'USD', min: d('1.00'), max: d('200.00') } };
    expect(quoted(computeQuote(wide, 'SOURCE_AMOUNT', d('1.00'))).destination).toBe('2.00 AWG');
    expect(quoted(computeQuote(wide, 'SOURCE_AMOUNT', d('200.00'))).destination).toBe('250.00 AWG');
  });

  it('refuses a source outside its range, naming the range without an increment', () => {
    expect(computeQuote(AWG, 'SOURCE_AMOUNT', d('141.95'))).toEqual({
      ok: false,
      failure: { kind: 'out-of-range', unit: 'USD', min: '1.14', max: '141.94', increment: null },
    });
  });

  it('refuses a mode the product does not accept', () => {
    const destinationOnly: RangedTerms = { ...AWG, acceptedModes: ['DESTINATION_AMOUNT'] };
    expect(computeQuote(destinationOnly, 'SOURCE_AMOUNT', d('5'))).toEqual({
      ok: false,
      failure: { kind: 'mode-not-accepted', mode: 'SOURCE_AMOUNT', accepted: ['DESTINATION_AMOUNT'] },
    });
  });
});

/** Random ranged terms: a USD source, a destination of 0, 2 or 3 minor digits on a grid of whole minor units. */
const termsArb = fc
  .record({
    unit: fc.constantFrom('BIF', 'AWG', 'KWD', 'EUR'),
    minSteps: fc.integer({ min: 1, max: 5_000 }),
    spanSteps: fc.integer({ min: 0, max: 100_000 }),
    stepMinor: fc.constantFrom(1, 5, 10, 100),
    baseMicros: fc.integer({ min: 1, max: 5_000_000_000 }),
    wholesaleMicros: fc.integer({ min: 1, max: 5_000_000_000 }),
  })
  .map(({ unit, minSteps, spanSteps, stepMinor, baseMicros, wholesaleMicros }): RangedTerms => {
    const digits = minorUnits(unit);
    const fromMinor = (n: number) => Decimal.div(d(String(n)), d(`1${'0'.repeat(digits)}`), digits, 'down');
    const increment = fromMinor(stepMinor);
    const min = fromMinor(minSteps * stepMinor);
    const max = Decimal.add(min, Decimal.mul(d(String(spanSteps)), increment));
    const base = Decimal.div(d(String(baseMicros)), d('1000000'), 6, 'down');
    return {
      ...AWG,
      source: {
        unit: 'USD',
        min: Decimal.div(min, base, 2, 'half-up'),
        max: Decimal.div(max, base, 2, 'half-up'),
      },
      destination: { unit, min, max, increment },
      rates: {
        base,
        wholesale: Decimal.div(d(String(wholesaleMicros)), d('1000000'), 6, 'down'),
        retail: null,
      },
    };
  });

const centsIn = (lo: Decimal, hi: Decimal) =>
  fc.bigInt({ min: 0n, max: BigInt(Decimal.sub(hi, lo).replace('.', '')) }).map((n) => ({ lo, n }));

describe('computeQuote properties', () => {
  it('delivers, for any source in range, the largest grid destination not above source × base, clamped', () => {
    fc.assert(
      fc.property(
        termsArb.chain((terms) =>
          centsIn(Decimal.round(terms.source.min, 2), Decimal.round(terms.source.max!, 2)).map(
            ({ lo, n }) => ({
              terms,
              source: Decimal.add(lo, Decimal.div(d(n.toString()), d('100'), 2, 'down')),
            }),
          ),
        ),
        ({ terms, source }) => {
          const outcome = computeQuote(terms, 'SOURCE_AMOUNT', source);
          if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure));
          const { min, max, increment } = terms.destination;
          const delivered = outcome.quote.destination.amount;
          const exact = Decimal.mul(source, terms.rates.base);
          expect(Decimal.scale(delivered)).toBe(minorUnits(terms.destination.unit));
          expect(Decimal.gte(delivered, min) && Decimal.lte(delivered, max!)).toBe(true);
          // on the grid: the same amount is a valid destination-amount quote
          expect(computeQuote(terms, 'DESTINATION_AMOUNT', delivered).ok).toBe(true);
          if (Decimal.gt(delivered, min)) expect(Decimal.lte(delivered, exact)).toBe(true);
          if (Decimal.lt(delivered, max!))
            expect(Decimal.gt(Decimal.add(delivered, increment!), exact)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('charges, for any destination on the grid, the source nearest to destination ÷ base', () => {
    fc.assert(
      fc.property(
        termsArb.chain((terms) =>
          fc.integer({ min: 0, max: 100_000 }).map((k) => {
            const { min, max, increment } = terms.destination;
            const offset = Decimal.mul(d(String(k)), increment!);
            return { terms, destination: Decimal.min(max!, Decimal.add(min, offset)) };
          }),
        ),
        ({ terms, destination }) => {
          const outcome = computeQuote(terms, 'DESTINATION_AMOUNT', destination);
          if (!outcome.ok) throw new Error(JSON.stringify(outcome.failure));
          const { source, wholesalePrice } = outcome.quote;
          const halfCent = d('0.005');
          for (const [paid, rate] of [
            [source.amount, terms.rates.base],
            [wholesalePrice.amount, terms.rates.wholesale],
          ] as const) {
            expect(Decimal.scale(paid)).toBe(2);
            // |paid × rate − destination| ≤ half a cent × rate, with the tie going up
            const gap = Decimal.sub(Decimal.mul(paid, rate), destination);
            const limit = Decimal.mul(halfCent, rate);
            expect(Decimal.lte(gap, limit) && Decimal.gte(gap, Decimal.neg(limit))).toBe(true);
            if (Decimal.eq(Decimal.abs(gap), limit)) expect(Decimal.isNegative(gap)).toBe(false);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never quotes an amount whose mode the product refuses, whatever the amount', () => {
    const modes: CalculationMode[] = ['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'];
    fc.assert(
      fc.property(
        fc.constantFrom(...modes),
        fc.stringMatching(/^(0|[1-9]\d{0,6})(\.\d{1,4})?$/),
        (mode, text) => {
          const only: RangedTerms = { ...AWG, acceptedModes: modes.filter((m) => m !== mode) };
          expect(computeQuote(only, mode, d(text))).toMatchObject({
            ok: false,
            failure: { kind: 'mode-not-accepted' },
          });
        },
      ),
    );
  });
});
