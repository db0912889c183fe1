import { LosslessNumber } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { createSpecValidator } from './spec-validator.js';

const validator = createSpecValidator();

const country = { name: 'Nigeria', iso_code: 'NGA', regions: null };
const operator = { id: 7, name: 'MTN Nigeria', country, regions: null };
const money = (unit: string, amount: number) => ({ unit_type: 'CURRENCY', unit, amount });

/** A complete FIXED_VALUE_RECHARGE product, written from the spec's schema by hand. */
function fixedProduct(): Record<string, unknown> {
  return {
    id: 1,
    name: 'NGN 500 Airtime',
    description: 'NGN 500 of airtime.',
    tags: ['BEST_SELLER'],
    service: { id: 1, name: 'Mobile', subservice: { id: 11, name: 'Airtime' } },
    operator,
    regions: null,
    type: 'FIXED_VALUE_RECHARGE',
    validity: { unit: 'DAY', quantity: 30 },
    required_debit_party_identifier_fields: null,
    required_credit_party_identifier_fields: [['mobile_number']],
    required_sender_fields: null,
    required_beneficiary_fields: null,
    required_statement_identifier_fields: null,
    required_additional_identifier_fields: null,
    availability_zones: ['INTERNATIONAL'],
    source: money('USD', 0.33),
    destination: money('NGN', 500),
    prices: {
      wholesale: { ...money('USD', 0.31), fee: 0 },
      retail: { unit_type: null, unit: null, amount: null, fee: null },
    },
    rates: { base: 1515.151515, wholesale: 1612.903226, retail: null },
    benefits: [
      {
        type: 'TALKTIME',
        unit_type: 'CURRENCY',
        unit: 'NGN',
        amount: { base: 500, promotion_bonus: 0, total_excluding_tax: 500, total_including_tax: 462.5 },
        additional_information: null,
      },
    ],
    promotions: null,
  };
}

describe('createSpecValidator', () => {
  it('accepts a complete product written from the spec', () => {
    expect(validator.validateSchema('Product', fixedProduct())).toEqual([]);
    expect(validator.validateSchema('ProductFixedValueRecharge', fixedProduct())).toEqual([]);
  });

  it('returns the same validator every time', () => {
    expect(createSpecValidator()).toBe(validator);
  });

  it('rejects a product with a missing required field', () => {
    const { rates: _dropped, ...product } = fixedProduct();
    expect(validator.validateSchema('Product', product)).toContainEqual(expect.stringContaining("'rates'"));
  });

  it('rejects a required nullable field that is left out rather than null', () => {
    const { required_sender_fields: _dropped, ...product } = fixedProduct();
    expect(validator.validateSchema('Product', product)).toContainEqual(
      expect.stringContaining("'required_sender_fields'"),
    );
  });

  it('rejects a product type or availability zone outside the enums', () => {
    expect(
      validator.validateSchema('Product', { ...fixedProduct(), type: 'FIXED_VALUE_PAYMENT' }),
    ).toContainEqual(expect.stringContaining('/type must be equal to one of the allowed values'));
    expect(
      validator.validateSchema('Product', { ...fixedProduct(), availability_zones: ['ABROAD'] }),
    ).toContainEqual(
      expect.stringContaining('/availability_zones/0 must be equal to one of the allowed values'),
    );
  });

  it('rejects an extra property on a product and on its operator, where the spec closes them', () => {
    expect(validator.validateSchema('Product', { ...fixedProduct(), colour: 'red' })).toContainEqual(
      expect.stringContaining('(colour)'),
    );
    const product = { ...fixedProduct(), operator: { ...operator, logo: 'x.png' } };
    expect(validator.validateSchema('Product', product)).toContainEqual(expect.stringContaining('(logo)'));
  });

  it('reads the fields of the type the discriminator names, not another type', () => {
    const asRanged = { ...fixedProduct(), type: 'RANGED_VALUE_RECHARGE' };
    const errors = validator.validateSchema('Product', asRanged);
    expect(errors).toContainEqual(expect.stringContaining("'accepted_calculation_modes'"));
    expect(errors).toContainEqual(expect.stringContaining('/destination/amount must be object'));
  });

  it('accepts null where the spec says nullable and rejects it elsewhere', () => {
    expect(validator.validateSchema('Product', { ...fixedProduct(), validity: null, tags: null })).toEqual(
      [],
    );
    const product = { ...fixedProduct(), rates: { base: null, wholesale: 1, retail: null } };
    expect(validator.validateSchema('Product', product)).toContainEqual('/rates/base must be number');
  });

  it('accepts an unknown validity quantity (null), as the spec’s own description allows', () => {
    expect(validator.validateSchema('validity', { unit: 'DAY', quantity: null })).toEqual([]);
    expect(validator.validateSchema('validity', { unit: 'DAY' })).toContainEqual(
      expect.stringContaining("'quantity'"),
    );
  });

  it('checks patterns, int32 ranges and date-times', () => {
    expect(validator.validateSchema('country', { ...country, iso_code: 'NG' })).toContainEqual(
      expect.stringContaining('/iso_code must match pattern'),
    );
    expect(
      validator.validateSchema('Product', { ...fixedProduct(), operator: { ...operator, id: 2 ** 31 } }),
    ).toContainEqual(expect.stringContaining('/operator/id must match format "int32"'));
    const promotion = {
      id: 1,
      title: 't',
      description: 'd',
      terms: null,
      start_date: '2026-13-01T00:00:00Z',
      end_date: '2026-02-01T00:00:00Z',
      operator: { id: 7, name: 'MTN Nigeria', country: { name: 'Nigeria', iso_code: 'NGA' } },
      products: [],
    };
    expect(validator.validateSchema('promotion', promotion)).toEqual([
      '/start_date must match format "date-time"',
    ]);
  });

  it('validates values holding LosslessNumbers as the JSON a client receives', () => {
    const product = {
      ...fixedProduct(),
      source: { unit_type: 'CURRENCY', unit: 'USD', amount: new LosslessNumber('0.30') },
    };
    expect(validator.validateSchema('Product', product)).toEqual([]);
  });

  it('rejects an error body with an extra field and accepts a plain one', () => {
    expect(
      validator.validateSchema('error', { errors: [{ code: 1003001, message: 'Product not found' }] }),
    ).toEqual([]);
    expect(
      validator.validateSchema('error', {
        errors: [{ code: 1003001, message: 'Product not found', field: 'id' }],
      }),
    ).toEqual(['/errors/0 must NOT have additional properties (field)']);
  });

  it('throws for a schema the spec does not have', () => {
    expect(() => validator.validateSchema('Nope', {})).toThrow(/no schema named Nope/);
  });
});

describe('validateResponse', () => {
  it('checks a 200 body against the operation’s schema, with or without the /v1 prefix', () => {
    expect(validator.validateResponse('GET', '/operators/{operator_id}', 200, operator)).toEqual([]);
    expect(validator.validateResponse('get', '/v1/operators', 200, [operator])).toEqual([]);
    expect(
      validator.validateResponse('GET', '/operators/{operator_id}', 200, { ...operator, identified: true }),
    ).toEqual(['/ must NOT have unevaluated properties (identified)']);
  });

  it('accepts the identified flag on mobile-number look-ups and requires it there', () => {
    expect(
      validator.validateResponse('POST', '/lookup/mobile-number', 200, [{ ...operator, identified: true }]),
    ).toEqual([]);
    expect(validator.validateResponse('POST', '/lookup/mobile-number', 200, [operator])).toContainEqual(
      expect.stringContaining("'identified'"),
    );
  });

  it('checks a status the operation does not list against its default error response', () => {
    const body = { errors: [{ code: 1009503, message: 'Service unavailable, please retry later' }] };
    expect(validator.validateResponse('GET', '/products/{product_id}', 503, body)).toEqual([]);
    expect(validator.validateResponse('GET', '/products/{product_id}', 503, fixedProduct())).toContainEqual(
      expect.stringContaining("'errors'"),
    );
  });

  it('does not require write-only fields in a transaction response', () => {
    const transaction = {
      id: 1,
      external_id: 'ext-1',
      status: { id: 10000, message: 'CREATED', class: { id: 1, message: 'CREATED' } },
    };
    expect(validator.validateResponse('POST', '/async/transactions', 201, transaction)).toEqual([]);
    expect(validator.validateResponse('POST', '/async/transactions', 201, { id: 1 })).toContainEqual(
      expect.stringContaining("'external_id'"),
    );
  });

  it('checks documented headers that are present, whatever their case', () => {
    const headers = {
      'x-total': '120',
      'X-Total-Pages': '3',
      'X-Page': '1',
      'x-next-page': '2',
      'Content-Language': 'es',
    };
    expect(validator.validateResponse('GET', '/products', 200, [], headers)).toEqual([]);
    expect(
      validator.validateResponse('GET', '/products', 200, [], { 'X-Total': 'many', 'X-Prev-Page': '' }),
    ).toEqual([
      'header X-Total must be an integer, got "many"',
      'header X-Prev-Page must be an integer, got ""',
    ]);
  });

  it('throws for an operation the spec does not have', () => {
    expect(() => validator.validateResponse('DELETE', '/products', 200, [])).toThrow(
      /no operation DELETE \/products/,
    );
  });
});

describe('validateRequestBody', () => {
  it('requires the write-only product_id in a create body and ignores read-only fields', () => {
    expect(
      validator.validateRequestBody('POST', '/async/transactions', { external_id: 'x', product_id: 1 }),
    ).toEqual([]);
    expect(validator.validateRequestBody('POST', '/sync/transactions', { external_id: 'x' })).toContainEqual(
      expect.stringContaining("'product_id'"),
    );
  });

  it('checks look-up bodies, including E.164 mobile numbers', () => {
    expect(
      validator.validateRequestBody('POST', '/lookup/mobile-number', { mobile_number: '+2348031234567' }),
    ).toEqual([]);
    expect(
      validator.validateRequestBody('POST', '/lookup/mobile-number', { mobile_number: '08031234567' }),
    ).toContainEqual(expect.stringContaining('/mobile_number must match pattern'));
  });
});
