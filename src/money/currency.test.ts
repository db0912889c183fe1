import { describe, expect, it } from 'vitest';
import { isCurrencyCode, minorUnits } from './currency.js';
import { InvalidUnitError } from './errors.js';

describe('minorUnits', () => {
  it.each(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'XOF', 'XAF', 'UGX', 'UYI'])('gives 0 for %s', (code) => {
    expect(minorUnits(code)).toBe(0);
  });

  it.each(['BHD', 'KWD', 'JOD', 'OMR', 'TND', 'IQD', 'LYD'])('gives 3 for %s', (code) => {
    expect(minorUnits(code)).toBe(3);
  });

  it.each(['CLF', 'UYW'])('gives 4 for %s', (code) => {
    expect(minorUnits(code)).toBe(4);
  });

  it.each(['USD', 'EUR', 'GBP', 'NGN', 'INR', 'ZZZ'])('gives 2 for %s', (code) => {
    expect(minorUnits(code)).toBe(2);
  });

  it.each(['usd', 'US', 'USDT', '', ' USD'])('refuses the malformed code %j', (code) => {
    expect(() => minorUnits(code)).toThrow(InvalidUnitError);
    expect(() => minorUnits(code)).toThrow(expect.objectContaining({ code: 'MONEY_INVALID_UNIT' }));
  });
});

describe('isCurrencyCode', () => {
  it('accepts three upper-case letters and nothing else', () => {
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('usd')).toBe(false);
    expect(isCurrencyCode('US1')).toBe(false);
    expect(isCurrencyCode('USD\n')).toBe(false);
    expect(isCurrencyCode(840)).toBe(false);
  });
});
