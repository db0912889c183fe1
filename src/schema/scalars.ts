import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { Decimal } from '../money/decimal.js';
import { DecimalFormatError, DecimalOverflowError } from '../money/errors.js';
import { builder } from './builder.js';

const ISO_ALPHA3 = /^[A-Z]{3}$/;
const E164 = /^\+[1-9][0-9]{6,14}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function stringLiteral(name: string, ast: ValueNode): string {
  if (ast.kind !== Kind.STRING) throw new GraphQLError(`${name} must be given as a string`);
  return ast.value;
}

function parseDecimal(value: unknown): Decimal {
  if (typeof value !== 'string') {
    throw new GraphQLError(
      'Decimal must be a string such as "20.89" (numbers are refused: they may not be exact)',
    );
  }
  try {
    return Decimal.parse(value);
  } catch (error) {
    if (error instanceof DecimalFormatError)
      throw new GraphQLError(`Decimal is not a plain decimal number: ${error.message}`);
    if (error instanceof DecimalOverflowError)
      throw new GraphQLError(`Decimal is out of range: ${error.message}`);
    throw error;
  }
}

builder.scalarType('Decimal', {
  description:
    'An exact decimal number written as a string ("20.89", "0.30", "1000"). Never a float: the scale is kept as sent.',
  serialize: (value) => value,
  parseValue: parseDecimal,
  parseLiteral: (ast) => parseDecimal(stringLiteral('Decimal', ast)),
});

function parsePattern(name: string, pattern: RegExp, hint: string) {
  return (value: unknown): string => {
    if (typeof value !== 'string' || value.length > 64 || !pattern.test(value)) {
      throw new GraphQLError(`${name} must be ${hint}`);
    }
    return value;
  };
}

const parseCountry = parsePattern(
  'CountryCode',
  ISO_ALPHA3,
  'an ISO 3166-1 alpha-3 code such as "IDN" (or GXX, EXX)',
);
builder.scalarType('CountryCode', {
  description:
    'ISO 3166-1 alpha-3 country code, plus DT One\'s pseudo-countries "GXX" (global) and "EXX" (Europe).',
  serialize: (value) => value,
  parseValue: parseCountry,
  parseLiteral: (ast) => parseCountry(stringLiteral('CountryCode', ast)),
});

const parseCurrency = parsePattern('CurrencyCode', ISO_ALPHA3, 'an ISO 4217 code such as "USD"');
builder.scalarType('CurrencyCode', {
  description: 'ISO 4217 currency code.',
  serialize: (value) => value,
  parseValue: parseCurrency,
  parseLiteral: (ast) => parseCurrency(stringLiteral('CurrencyCode', ast)),
});

const parsePhone = parsePattern('PhoneNumber', E164, 'an E.164 number such as "+6591234567"');
builder.scalarType('PhoneNumber', {
  description: 'A phone number in E.164 form: "+", country code and subscriber number, 7 to 15 digits.',
  serialize: (value) => value,
  parseValue: parsePhone,
  parseLiteral: (ast) => parsePhone(stringLiteral('PhoneNumber', ast)),
});

/** Every time the graph writes has one form (DT One's `…40.726000+00:00` and the store's times alike). */
function serializeDateTime(value: unknown): string {
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(time)) throw new GraphQLError('A stored time could not be read');
  return new Date(time).toISOString();
}

const parseDateTime = (value: unknown): string => {
  if (typeof value !== 'string' || !RFC3339.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an RFC 3339 date-time such as "2026-11-23T10:00:00Z"');
  }
  return value;
};
builder.scalarType('DateTime', {
  description: 'An RFC 3339 date-time in UTC with milliseconds, e.g. "2026-11-23T10:00:00.000Z".',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(stringLiteral('DateTime', ast)),
});
