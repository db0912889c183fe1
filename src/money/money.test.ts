import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import {
  AmountPrecisionError,
  CurrencyMismatchError,
  DecimalFormatError,
  InvalidUnitError,
  NegativeAmountError,
} from './errors.js';
import { Money } from './money.js';

const numRuns = Number(process.env.FC_NUM_RUNS ?? 10000);
const usd = (text: string): Money => Money.of(Decimal.parse(text), 'USD');

/** Minor units as BigInt, written as decimal text with `digits` fraction digits (the independent oracle). */
function minorToText(minor: bigint, digits: number): string {
  const magnitude = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  const sign = minor < 0n ? '-' : '';
  return digits === 0
    ? sign + magnitude
    : `${sign}${magnitude.slice(0, -digits)}.${magnitude.slice(-digits)}`;
}

describe('Money.of and Money.fromWire', () => {
  it('builds a frozen amount, CURRENCY by default', () => {
    const money = usd('20.89');
    expect(money).toEqual({ amount: '20.89', unit: 'USD', unitType: 'CURRENCY' });
    expect(Object.isFrozen(money)).toBe(true);
  });

  it('reads an upstream amount exactly, keeping its scale', () => {
    expect(Money.fromWire('0.30', 'EUR').amount).toBe('0.30');
    expect(Money.fromWire(7, 'GB', 'DATA')).toEqual({ amount: '7', unit: 'GB', unitType: 'DATA' });
    expect(() => Money.fromWire(20.89, 'USD')).toThrow(DecimalFormatError);
  });

  it('refuses a malformed currency code, a blank unit or an unknown unit type', () => {
    expect(() => Money.of(Decimal.parse('1'), 'usd')).toThrow(InvalidUnitError);
    expect(() => Money.of(Decimal.parse('1'), ' ', 'DATA')).toThrow(InvalidUnitError);
    expect(() => Money.of(Decimal.parse('1'), 'GB', 'BYTES' as 'DATA')).toThrow(InvalidUnitError);
  });

  it('refuses an amount that is not a canonical Decimal', () => {
    expect(() => Money.of('1e3' as Decimal, 'USD')).toThrow(DecimalFormatError);
  });
});

describe('Money arithmetic', () => {
  it('adds and subtracts amounts of the same currency', () => {
    expect(Money.add(usd('10.00'), usd('0.5')).amount).toBe('10.50');
    expect(Money.sub(usd('10.00'), usd('12.25'))).toEqual(usd('-2.25'));
  });

  it('multiplies by a factor and keeps every digit', () => {
    expect(Money.mul(usd('19.99'), Decimal.parse('0.075')).amount).toBe('1.49925');
  });

  it('throws MONEY_CURRENCY_MISMATCH when the currencies differ', () => {
    const eur = Money.of(Decimal.parse('1'), 'EUR');
    expect(() => Money.add(usd('1'), eur)).toThrow(CurrencyMismatchError);
    expect(() => Money.sub(usd('1'), eur)).toThrow(
      expect.objectContaining({ code: 'MONEY_CURRENCY_MISMATCH' }),
    );
    expect(() => Money.cmp(usd('1'), eur)).toThrow(CurrencyMismatchError);
    expect(() => Money.eq(usd('1'), eur)).toThrow(CurrencyMismatchError);
  });

  it('throws MONEY_CURRENCY_MISMATCH when only the unit type differs', () => {
    const data = Money.of(Decimal.parse('1'), 'GB', 'DATA');
    const quantity = Money.of(Decimal.parse('1'), 'GB', 'QUANTITY');
    expect(() => Money.add(data, quantity)).toThrow(CurrencyMismatchError);
  });

  it('compares amounts of one currency numerically', () => {
    expect(Money.eq(usd('1.0'), usd('1'))).toBe(true);
    expect(Money.cmp(usd('0.99'), usd('1'))).toBe(-1);
  });
});

describe('Money.roundToMinor', () => {
  it.each([
    ['JPY', '1234.5', 'half-even', '1234'],
    ['JPY', '1235.5', 'half-even', '1236'],
    ['USD', '0.125', 'half-even', '0.12'],
    ['USD', '0.125', 'half-up', '0.13'],
    ['USD', '5', 'half-even', '5.00'],
    ['KWD', '1.2345', 'half-even', '1.234'],
    ['KWD', '1.2345', 'up', '1.235'],
    ['CLF', '0.123456', 'down', '0.1234'],
  ] as const)('rounds %s %s with %s to %s', (currency, amount, rounding, expected) => {
    const money = Money.of(Decimal.parse(amount), currency);
    expect(Money.roundToMinor(money, rounding).amount).toBe(expected);
  });

  it('refuses an amount that is not CURRENCY', () => {
    expect(() => Money.roundToMinor(Money.of(Decimal.parse('1.5'), 'GB', 'DATA'))).toThrow(InvalidUnitError);
  });
});

describe('Money.parseAmount', () => {
  it('accepts amounts within the currency minor units and keeps the text as given', () => {
    expect(Money.parseAmount('20.89', 'USD')).toEqual(usd('20.89'));
    expect(Money.parseAmount('5.5', 'USD').amount).toBe('5.5');
    expect(Money.parseAmount('100', 'JPY').amount).toBe('100');
    expect(Money.parseAmount('1.234', 'KWD').amount).toBe('1.234');
  });

  it('refuses more fraction digits than the currency allows instead of rounding', () => {
    expect(() => Money.parseAmount('20.891', 'USD')).toThrow(AmountPrecisionError);
    expect(() => Money.parseAmount('100.00', 'JPY')).toThrow(
      expect.objectContaining({
        code: 'MONEY_TOO_MANY_DECIMALS',
        currency: 'JPY',
        allowedDecimals: 0,
        givenDecimals: 2,
      }),
    );
  });

  it('accepts a negative amount unless nonNegative is asked', () => {
    expect(Money.parseAmount('-5.00', 'USD').amount).toBe('-5.00');
    expect(() => Money.parseAmount('-5.00', 'USD', { nonNegative: true })).toThrow(NegativeAmountError);
    expect(Money.parseAmount('-0', 'USD', { nonNegative: true }).amount).toBe('0');
  });

  it('refuses malformed text and malformed currency codes', () => {
    expect(() => Money.parseAmount(' 12.0 ', 'USD')).toThrow(DecimalFormatError);
    expect(() => Money.parseAmount('12,50', 'EUR')).toThrow(DecimalFormatError);
    expect(() => Money.parseAmount('12', 'usd')).toThrow(InvalidUnitError);
  });
});

describe('Money properties', () => {
  it.each([
    ['JPY', 0],
    ['USD', 2],
    ['KWD', 3],
  ] as const)('sums %s amounts exactly like BigInt minor units', (currency, digits) => {
    const minorAmounts = fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), {
      minLength: 1,
      maxLength: 20,
    });
    fc.assert(
      fc.property(minorAmounts, (amounts) => {
        const parsed = amounts.map((minor) => Money.parseAmount(minorToText(minor, digits), currency));
        const expected = minorToText(
          amounts.reduce((total, minor) => total + minor, 0n),
          digits,
        );
        expect(parsed.reduce(Money.add).amount).toBe(expected);
        expect(Decimal.sum(parsed.map((money) => money.amount))).toBe(expected);
      }),
      { numRuns },
    );
  });
});
