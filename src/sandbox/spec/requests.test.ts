import { LosslessNumber, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { SandboxError } from '../errors.js';
import type { SandboxRequest } from '../http/types.js';
import { checkRequest, DEPENDENT_RULES, specOperations } from './requests.js';
import { createSchemaReader, findProblem } from './schema.js';

function request(key: string, init: Partial<SandboxRequest> = {}): SandboxRequest {
  return {
    method: key.split(' ')[0]!,
    routeKey: key,
    path: key.split(' ')[1]!,
    params: {},
    query: new URLSearchParams(),
    headers: {},
    body: undefined,
    apiKey: 'k',
    ...init,
  };
}

function failure(key: string, init: Partial<SandboxRequest>): { code: number; message: string } | undefined {
  try {
    checkRequest(specOperations().get(key)!, request(key, init));
    return undefined;
  } catch (error) {
    if (!(error instanceof SandboxError)) throw error;
    return { code: error.code, message: error.message };
  }
}

describe('the spec’s operations as the sandbox checks them', () => {
  it('reads all 26 DVS operations under the /v1 server path', () => {
    const keys = [...specOperations().keys()];
    expect(keys).toHaveLength(26);
    expect(keys).toContain('GET /v1/products/{product_id}');
    expect(keys).toContain('POST /v1/lookup/credit-party-status');
  });

  it('has a declared rule for every parameter description that states a dependency, and uses each rule', () => {
    const stated = [...specOperations().values()].flatMap((op) =>
      op.parameters
        .filter((p) =>
          /required when|can not exceed|only (?:when|with)|must (?:also )?be (?:given|specified)/i.test(
            p.description,
          ),
        )
        .map((p) => ({ op: op.key, param: p.name, description: p.description })),
    );
    for (const { param, description } of stated) {
      const covered = DEPENDENT_RULES.some(
        (r) => description.includes(r.says) && Object.values(r.rule).includes(param),
      );
      expect(covered, `${param}: ${description}`).toBe(true);
    }
    const applied = (kind: string) =>
      [...specOperations().values()]
        .filter((op) => op.rules.some((r) => r.kind === kind))
        .map((op) => op.key);
    expect(applied('requires')).toEqual(['GET /v1/countries', 'GET /v1/operators', 'GET /v1/products']);
    expect(applied('window')).toEqual(['GET /v1/transactions']);
  });

  it('answers the first problem with 1000400 and the field, and a request object’s mobile number with its own code', () => {
    const create = 'POST /v1/async/transactions';
    const body = (extra: object) => parse(JSON.stringify({ external_id: 'x', product_id: 1, ...extra }));
    expect(failure(create, { body: body({ auto_confirm: null }) })).toEqual({
      code: 1000400,
      message: 'auto_confirm: must not be null',
    });
    expect(failure(create, { body: body({ sender: { mobile_number: '12' } }) })?.code).toBe(1005503);
    expect(failure(create, { body: body({ beneficiary: { mobile_number: 12 } }) })?.code).toBe(1006503);
    expect(
      failure(create, { body: body({ metadata: { type: 'ESIM', activation_type: 'TOP_UP' } }) }),
    ).toEqual({
      code: 1000400,
      message: 'metadata.balance: is required',
    });
    expect(failure(create, { body: [] })?.message).toBe('body: must be an object');
    expect(failure(create, { body: body({}) })).toBeUndefined();
    expect(failure('POST /v1/lookup/mobile-number', {})?.message).toBe('body: is required');
  });

  it('checks path parameters with their int64 range, keeping every digit', () => {
    const key = 'GET /v1/transactions/{transaction_id}';
    expect(failure(key, { params: { transaction_id: '9223372036854775807' } })).toBeUndefined();
    expect(failure(key, { params: { transaction_id: '9223372036854775808' } })?.message).toMatch(
      /^transaction_id: must be between/,
    );
  });

  it('reads a space in a query value as the unencoded + it was, when only that reading is valid', () => {
    const query = new URLSearchParams(
      'credit_party_mobile_number= 6591234567&from_date=2026-01-01T00:00:00 08:00',
    );
    checkRequest(specOperations().get('GET /v1/transactions')!, request('GET /v1/transactions', { query }));
    expect(query.get('credit_party_mobile_number')).toBe('+6591234567');
    expect(query.get('from_date')).toBe('2026-01-01T00:00:00+08:00');
    const sort = new URLSearchParams('sort=name, -amount');
    checkRequest(specOperations().get('GET /v1/products')!, request('GET /v1/products', { query: sort }));
    expect(sort.get('sort')).toBe('name, -amount');
  });
});

describe('reading OpenAPI 3.0 schemas for requests', () => {
  const read = (schema: object, schemas: object = {}) =>
    createSchemaReader({ components: { schemas } }).read(schema);

  it('reads allOf with a { nullable: true } member as a nullable reference, and a bare allOf as its member', () => {
    const schemas = { mode: { type: 'string', enum: ['A'] }, maybe: { type: 'object', nullable: true } };
    expect(
      read({ allOf: [{ $ref: '#/components/schemas/mode' }, { nullable: true }] }, schemas).nullable,
    ).toBe(true);
    expect(read({ allOf: [{ $ref: '#/components/schemas/mode' }] }, schemas).nullable).toBe(false);
    expect(read({ allOf: [{ $ref: '#/components/schemas/maybe' }] }, schemas).nullable).toBe(true);
    expect(read({ type: 'object', allOf: [{ $ref: '#/components/schemas/maybe' }] }, schemas).nullable).toBe(
      false,
    );
  });

  it('drops readOnly properties and their required entries', () => {
    const schema = read({
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'integer', readOnly: true }, name: { type: 'string' } },
    });
    expect(Object.keys(schema.properties!)).toEqual(['name']);
    expect(schema.required).toEqual(['name']);
  });

  it('refuses a keyword or format it does not know, rather than skipping a constraint', () => {
    expect(() => read({ type: 'string', const: 'x' })).toThrow(/Unsupported schema keyword const/);
    expect(() => read({ type: 'string', format: 'email' })).toThrow(/Unsupported format email/);
  });

  it('checks formats as RFC 3339 and RFC 3986 read them', () => {
    const problem = (format: string, value: string) => findProblem(read({ type: 'string', format }), value);
    expect(problem('date', '2024-02-29')).toBeUndefined();
    expect(problem('date', '2026-02-29')).toBeDefined();
    expect(problem('date-time', '2026-01-01T23:59:59.5-05:30')).toBeUndefined();
    expect(problem('date-time', '2026-01-01T23:59:59')).toBeDefined();
    expect(problem('uri', 'https://example.com/a?b=c#d')).toBeUndefined();
    expect(problem('uri', 'https://example.com/a b')).toBeDefined();
    expect(
      findProblem(read({ type: 'integer', format: 'int32' }), new LosslessNumber('2147483648')),
    ).toBeDefined();
  });
});
