import { InvalidUnitError, quoteInput } from './errors.js';

// ISO 4217 minor units for every currency whose exponent is not 2 (funds codes such as UYI and CLF included).
const ZERO_DECIMAL = new Set(
  'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF'.split(' '),
);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);
const FOUR_DECIMAL = new Set(['CLF', 'UYW']);

/** The spec's `iso-4217` shape: three upper-case letters. */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value);
}

/** Number of fraction digits of the currency's minor unit; 2 for any well-formed code not listed otherwise. */
export function minorUnits(currency: string): number {
  if (!isCurrencyCode(currency))
    throw new InvalidUnitError(`not an ISO 4217 currency code: ${quoteInput(currency)}`);
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  if (FOUR_DECIMAL.has(currency)) return 4;
  return 2;
}
