import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import type { RoundingMode } from './rounding.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 10000);
const MODES: RoundingMode[] = ['half-even', 'half-up', 'half-down', 'up', 'down', 'ceil', 'floor'];

// The oracle: a decimal is an unscaled BigInt and a scale, value = unscaled / 10^scale.
interface Scaled {
  readonly unscaled: bigint;
  readonly scale: number;
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function toText(unscaled: bigint, scale: number): string {
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const sign = unscaled < 0n ? '-' : '';
  if (scale === 0) return sign + digits;
  return `${sign}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

const textOf = (x: Scaled): Decimal => Decimal.parse(toText(x.unscaled, x.scale));
const rescale = (x: Scaled, scale: number): bigint => x.unscaled * pow10(scale - x.scale);

/** n / d (d > 0) rounded to an integer with `mode`, by BigInt division and remainder. */
function divideRounded(n: bigint, d: bigint, mode: RoundingMode): bigint {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const quotient = magnitude / d;
  const twiceRemainder = 2n * (magnitude % d);
  if (twiceRemainder === 0n) return negative ? -quotient : quotient;
  const awayFromZero: Record<RoundingMode, boolean> = {
    up: true,
    down: false,
    ceil: !negative,
    floor: negative,
    'half-up': twiceRemainder >= d,
    'half-down': twiceRemainder > d,
    'half-even': twiceRemainder > d || (twiceRemainder === d && quotient % 2n === 1n),
  };
  const rounded = awayFromZero[mode] ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

const scaled = (maxDigits = 30, maxScale = 8): fc.Arbitrary<Scaled> =>
  fc.record({
    unscaled: fc.oneof(
      fc.bigInt({ min: -1000n, max: 1000n }),
      fc.bigInt({ min: -pow10(maxDigits), max: pow10(maxDigits) }),
    ),
    scale: fc.integer({ min: 0, max: maxScale }),
  });
const mode = fc.constantFrom(...MODES);

describe('Decimal properties', () => {
  it('parses every canonical string to itself', () => {
    fc.assert(
      fc.property(scaled(), (x) => {
        const text = toText(x.unscaled, x.scale);
        expect(Decimal.parse(text)).toBe(text);
        expect(Decimal.isDecimal(text)).toBe(true);
      }),
      { numRuns },
    );
  });

  it('reads a JSON number literal with an exponent as its exact value', () => {
    fc.assert(
      fc.property(scaled(20), fc.integer({ min: -30, max: 30 }), fc.constantFrom('e', 'E'), (x, exp, e) => {
        const literal = `${toText(x.unscaled, x.scale)}${e}${exp}`;
        const scale = Math.max(0, x.scale - exp);
        const expected = toText(x.unscaled * pow10(Math.max(0, exp - x.scale)), scale);
        expect(Decimal.fromWire(literal)).toBe(expected);
      }),
      { numRuns },
    );
  });

  it('adds, subtracts and multiplies exactly like scaled BigInt arithmetic', () => {
    fc.assert(
      fc.property(scaled(), scaled(), (a, b) => {
        const scale = Math.max(a.scale, b.scale);
        expect(Decimal.add(textOf(a), textOf(b))).toBe(toText(rescale(a, scale) + rescale(b, scale), scale));
        expect(Decimal.sub(textOf(a), textOf(b))).toBe(toText(rescale(a, scale) - rescale(b, scale), scale));
        expect(Decimal.mul(textOf(a), textOf(b))).toBe(toText(a.unscaled * b.unscaled, a.scale + b.scale));
      }),
      { numRuns },
    );
  });

  it('orders values totally, consistently with sub and with BigInt comparison', () => {
    fc.assert(
      fc.property(scaled(6, 3), scaled(6, 3), scaled(6, 3), (a, b, c) => {
        const [x, y, z] = [textOf(a), textOf(b), textOf(c)];
        const scale = Math.max(a.scale, b.scale);
        const difference = rescale(a, scale) - rescale(b, scale);
        expect(Decimal.cmp(x, y)).toBe(difference === 0n ? 0 : difference < 0n ? -1 : 1);
        expect(Decimal.cmp(y, x)).toBe(-Decimal.cmp(x, y) || 0);
        expect(Decimal.cmp(x, x)).toBe(0);
        const gap = Decimal.sub(x, y);
        expect(Decimal.cmp(x, y)).toBe(Decimal.isZero(gap) ? 0 : Decimal.isNegative(gap) ? -1 : 1);
        if (Decimal.lte(x, y) && Decimal.lte(y, z)) expect(Decimal.lte(x, z)).toBe(true);
      }),
      { numRuns },
    );
  });

  it('treats a value and its zero-padded form as equal', () => {
    fc.assert(
      fc.property(scaled(), fc.integer({ min: 1, max: 5 }), (x, pad) => {
        const padded = Decimal.parse(toText(x.unscaled * pow10(pad), x.scale + pad));
        expect(Decimal.eq(textOf(x), padded)).toBe(true);
      }),
      { numRuns },
    );
  });

  it('rounds like BigInt division by a power of ten, in every mode', () => {
    fc.assert(
      fc.property(scaled(), fc.integer({ min: 0, max: 10 }), mode, (x, places, rounding) => {
        const expected = divideRounded(x.unscaled * pow10(places), pow10(x.scale), rounding);
        expect(Decimal.round(textOf(x), places, rounding)).toBe(toText(expected, places));
      }),
      { numRuns },
    );
  });

  it('divides like BigInt division with the same rounding, in every mode', () => {
    const nonZero = scaled().filter((x) => x.unscaled !== 0n);
    fc.assert(
      fc.property(scaled(), nonZero, fc.integer({ min: 0, max: 12 }), mode, (a, b, places, rounding) => {
        const sign = b.unscaled < 0n ? -1n : 1n;
        const numerator = sign * a.unscaled * pow10(b.scale + places);
        const denominator = sign * b.unscaled * pow10(a.scale);
        const expected = toText(divideRounded(numerator, denominator, rounding), places);
        expect(Decimal.div(textOf(a), textOf(b), places, rounding)).toBe(expected);
      }),
      { numRuns },
    );
  });

  it('never prints an exponent or a negative zero', () => {
    fc.assert(
      fc.property(scaled(25, 12), scaled(25, 12), (a, b) => {
        for (const result of [Decimal.mul(textOf(a), textOf(b)), Decimal.sub(textOf(a), textOf(a))]) {
          expect(result).toMatch(/^-?(0|[1-9]\d*)(\.\d+)?$/);
          expect(result).not.toMatch(/^-0(\.0+)?$/);
        }
      }),
      { numRuns },
    );
  });
});
