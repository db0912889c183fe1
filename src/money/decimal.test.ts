import { describe, expect, it } from 'vitest';
import { Decimal } from './decimal.js';
import { DecimalFormatError, DecimalOverflowError, DivisionByZeroError } from './errors.js';
import type { RoundingMode } from './rounding.js';

const d = (text: string): Decimal => Decimal.parse(text);

describe('Decimal.parse', () => {
  it.each(['0', '7', '-7', '20.89', '0.30', '-0.05', '12345678901234567890.000000001'])(
    'keeps canonical text %s exactly as given',
    (text) => {
      expect(Decimal.parse(text)).toBe(text);
    },
  );

  it('drops the sign of a negative zero but keeps its scale', () => {
    expect(Decimal.parse('-0')).toBe('0');
    expect(Decimal.parse('-0.00')).toBe('0.00');
  });

  it.each([
    ' 12.0 ',
    '12,50',
    '١٢',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e5',
    '',
    '+1',
    '01',
    '-01',
    '1.',
    '.5',
    '-',
  ])('rejects %j with MONEY_INVALID_DECIMAL', (text) => {
    expect(() => Decimal.parse(text)).toThrow(DecimalFormatError);
    expect(() => Decimal.parse(text)).toThrow(expect.objectContaining({ code: 'MONEY_INVALID_DECIMAL' }));
  });

  it.each([12.5, null, undefined, {}])('rejects the non-string %j at run time', (value) => {
    expect(() => Decimal.parse(value as unknown as string)).toThrow(DecimalFormatError);
  });

  it('refuses more than 1000 digits instead of building an unbounded value', () => {
    expect(Decimal.parse('9'.repeat(1000))).toHaveLength(1000);
    expect(() => Decimal.parse('9'.repeat(1001))).toThrow(DecimalOverflowError);
  });
});

describe('Decimal.fromWire', () => {
  it.each([
    ['20.89', '20.89'],
    ['0.30', '0.30'],
    ['9.9', '9.9'],
    ['1e-7', '0.0000001'],
    ['1e21', '1000000000000000000000'],
    ['1E+5', '100000'],
    ['12345678901234567.89', '12345678901234567.89'],
    ['-0', '0'],
    ['-0.00', '0.00'],
    ['1.50e1', '15.0'],
    ['-2.5E-3', '-0.0025'],
    ['0.001e2', '0.1'],
    ['0e5', '0'],
    ['12345678901234567890', '12345678901234567890'],
  ])('reads the JSON literal %s as %s', (literal, expected) => {
    expect(Decimal.fromWire(literal)).toBe(expected);
  });

  it.each([
    [7, '7'],
    [-42, '-42'],
    [-0, '0'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  ])('accepts the safe integer %d as %s', (value, expected) => {
    expect(Decimal.fromWire(value)).toBe(expected);
  });

  it.each([20.89, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 53, 1e21])(
    'refuses the number %d because it may already have been rounded',
    (value) => {
      expect(() => Decimal.fromWire(value)).toThrow(DecimalFormatError);
    },
  );

  it.each(['01', '1.', ' 1', 'NaN', '+1', '0x1', '1e', '', '1,5', '١'])(
    'refuses the string %j',
    (literal) => {
      expect(() => Decimal.fromWire(literal)).toThrow(DecimalFormatError);
    },
  );

  it('refuses an exponent that would expand past the digit limit', () => {
    expect(() => Decimal.fromWire('1e999999999')).toThrow(DecimalOverflowError);
    expect(() => Decimal.fromWire('1e-1000')).toThrow(DecimalOverflowError);
    expect(() => Decimal.fromWire(`1e${'9'.repeat(400)}`)).toThrow(DecimalOverflowError);
  });

  it('reads zero with a huge positive exponent as plain zero', () => {
    expect(Decimal.fromWire('0e99999999999999999999')).toBe('0');
  });
});

describe('Decimal.isDecimal', () => {
  it.each(['0', '-1.5', '0.00', '1000'])('accepts canonical %j', (value) => {
    expect(Decimal.isDecimal(value)).toBe(true);
  });

  it.each(['-0', '-0.0', '1e5', '01', '1.', ' 1', 12, null, undefined])('refuses %j', (value) => {
    expect(Decimal.isDecimal(value)).toBe(false);
  });
});

describe('Decimal arithmetic', () => {
  it('adds and subtracts at the larger scale of the operands', () => {
    expect(Decimal.add(d('0.1'), d('0.20'))).toBe('0.30');
    expect(Decimal.sub(d('5'), d('0.25'))).toBe('4.75');
    expect(Decimal.sub(d('0.10'), d('0.1'))).toBe('0.00');
    expect(Decimal.add(d('-1.5'), d('1.5'))).toBe('0.0');
  });

  it('multiplies at the sum of the scales, keeping every digit', () => {
    expect(Decimal.mul(d('1.5'), d('2.0'))).toBe('3.00');
    expect(Decimal.mul(d('0.30'), d('-0.0'))).toBe('0.000');
    expect(Decimal.mul(d('-1.05'), d('3'))).toBe('-3.15');
  });

  it('stays exact where binary floats drift', () => {
    expect(Decimal.add(d('0.1'), d('0.2'))).toBe('0.3');
    expect(Decimal.add(d('12345678901234567.89'), d('0.11'))).toBe('12345678901234568.00');
  });

  it('sums many values at the largest scale, and none to zero', () => {
    expect(Decimal.sum([d('1'), d('2.5'), d('-0.125')])).toBe('3.375');
    expect(Decimal.sum([])).toBe('0');
    expect(Decimal.sum(new Set([d('0.10'), d('0.20')]))).toBe('0.30');
  });

  it('negates, takes absolute values and never produces -0', () => {
    expect(Decimal.neg(d('1.50'))).toBe('-1.50');
    expect(Decimal.neg(d('-1.50'))).toBe('1.50');
    expect(Decimal.neg(d('0.00'))).toBe('0.00');
    expect(Decimal.abs(d('-3.2'))).toBe('3.2');
  });

  it('compares numerically, ignoring scale', () => {
    expect(Decimal.cmp(d('1.0'), d('1'))).toBe(0);
    expect(Decimal.eq(d('1.0'), d('1'))).toBe(true);
    expect(Decimal.cmp(d('-2'), d('1'))).toBe(-1);
    expect(Decimal.lt(d('0.09'), d('0.1'))).toBe(true);
    expect(Decimal.lte(d('0.10'), d('0.1'))).toBe(true);
    expect(Decimal.gt(d('10'), d('9.99'))).toBe(true);
    expect(Decimal.gte(d('-1'), d('-1.01'))).toBe(true);
    expect(Decimal.isZero(d('0.000'))).toBe(true);
    expect(Decimal.isNegative(d('-0.01'))).toBe(true);
    expect(Decimal.isNegative(d('0'))).toBe(false);
  });

  it('picks min and max, keeping the first of equal values', () => {
    expect(Decimal.min(d('3'), d('-1'), d('2'))).toBe('-1');
    expect(Decimal.max(d('3'), d('-1'), d('7.5'))).toBe('7.5');
    expect(Decimal.min(d('1.0'), d('1'))).toBe('1.0');
    expect(Decimal.max(d('1'), d('1.00'))).toBe('1');
  });

  it('reports the scale of the text', () => {
    expect(Decimal.scale(d('0.30'))).toBe(2);
    expect(Decimal.scale(d('7'))).toBe(0);
  });

  it('refuses a branded value that is not canonical text', () => {
    expect(() => Decimal.add('1e5' as Decimal, d('1'))).toThrow(DecimalFormatError);
    expect(() => Decimal.cmp(d('1'), ' 1' as Decimal)).toThrow(DecimalFormatError);
  });
});

describe('Decimal rounding', () => {
  // The table in rounding.ts, row by row.
  const table: Record<RoundingMode, [string, string, string, string, string, string]> = {
    'half-even': ['2', '-2', '2', '-2', '1', '-1'],
    'half-up': ['3', '-3', '2', '-2', '1', '-1'],
    'half-down': ['2', '-2', '2', '-2', '1', '-1'],
    up: ['3', '-3', '2', '-2', '2', '-2'],
    down: ['2', '-2', '1', '-1', '1', '-1'],
    ceil: ['3', '-2', '2', '-1', '2', '-1'],
    floor: ['2', '-3', '1', '-2', '1', '-2'],
  };
  const inputs = ['2.5', '-2.5', '1.6', '-1.6', '1.1', '-1.1'];
  const cases = Object.entries(table).flatMap(([mode, expected]) =>
    inputs.map((input, column) => [input, mode as RoundingMode, expected[column]] as const),
  );

  it.each(cases)('rounds %s with %s to %s', (input, mode, expected) => {
    expect(Decimal.round(d(input), 0, mode)).toBe(expected);
  });

  it.each([
    ['1.005', 'half-up', '1.01'],
    ['1.005', 'half-even', '1.00'],
    ['1.015', 'half-even', '1.02'],
    ['1.005', 'half-down', '1.00'],
    ['1.0051', 'half-down', '1.01'],
    ['-1.005', 'half-up', '-1.01'],
    ['-0.001', 'half-even', '0.00'],
    ['-0.001', 'floor', '-0.01'],
  ] as const)('rounds %s with %s to two places as %s', (input, mode, expected) => {
    expect(Decimal.round(d(input), 2, mode)).toBe(expected);
  });

  it('rounds half-even by default and pads to exactly the places asked', () => {
    expect(Decimal.round(d('2.5'), 0)).toBe('2');
    expect(Decimal.round(d('1.2'), 3)).toBe('1.200');
  });

  it('formats with toFixed: pads, and rounds half-even', () => {
    expect(Decimal.toFixed(d('1'), 2)).toBe('1.00');
    expect(Decimal.toFixed(d('2.345'), 2)).toBe('2.34');
    expect(Decimal.toFixed(d('2.355'), 2)).toBe('2.36');
  });

  it('refuses unknown rounding modes and impossible places', () => {
    expect(() => Decimal.round(d('1'), 2, 'nearest' as RoundingMode)).toThrow(RangeError);
    expect(() => Decimal.round(d('1'), -1)).toThrow(RangeError);
    expect(() => Decimal.round(d('1'), 1.5)).toThrow(RangeError);
  });
});

describe('Decimal.div', () => {
  it.each([
    ['1', '3', 2, 'half-even', '0.33'],
    ['2', '3', 2, 'half-up', '0.67'],
    ['2', '3', 2, 'down', '0.66'],
    ['-1', '8', 2, 'half-even', '-0.12'],
    ['-1', '8', 2, 'half-up', '-0.13'],
    ['10', '4', 0, 'half-even', '2'],
    ['10', '-4', 0, 'half-up', '-3'],
    ['-2', '3', 0, 'floor', '-1'],
    ['-2', '-3', 0, 'ceil', '1'],
    ['1', '0.3', 4, 'up', '3.3334'],
    ['7.50', '2.5', 3, 'half-even', '3.000'],
  ] as const)('divides %s by %s to %i places with %s as %s', (a, b, places, mode, expected) => {
    expect(Decimal.div(d(a), d(b), places, mode)).toBe(expected);
  });

  it('rounds once, so a quotient just above a half is not mistaken for a tie', () => {
    // 1000000001 / 2000000000 = 0.5000000005: above half, so half-down must go up.
    expect(Decimal.div(d('1000000001'), d('2000000000'), 0, 'half-down')).toBe('1');
    expect(Decimal.div(d('999999999'), d('2000000000'), 0, 'half-up')).toBe('0');
  });

  it('refuses to divide by zero at any scale', () => {
    expect(() => Decimal.div(d('1'), d('0.00'), 2, 'half-even')).toThrow(DivisionByZeroError);
  });
});
