import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { dvs, type RawResponse, startSandbox } from '../helpers/sandbox.js';
import { createSpecValidator } from '../helpers/spec-validator.js';

/**
 * Every DVS route of the sandbox, success and error, validated against `spec/dvs-api-spec.json`. The coverage
 * table (operation × status) is asserted at the end, so a route that loses its test fails the suite.
 */
const validator = createSpecValidator();
const covered = new Map<string, Set<number>>();
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.0001 });
});

async function check(
  method: 'GET' | 'POST',
  template: string,
  path: string,
  expected: number,
  init: Parameters<typeof dvs>[2] = {},
): Promise<RawResponse> {
  const res = await dvs(sandbox, path, { method, ...init });
  expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).toBe(expected);
  const headers = Object.fromEntries(res.headers.entries());
  const errors = validator.validateResponse(method, template, res.status, res.json, headers);
  expect(errors, `${method} ${path} → ${res.status}`).toEqual([]);
  const key = `${method} ${template}`;
  if (!covered.has(key)) covered.set(key, new Set());
  covered.get(key)!.add(res.status);
  return res;
}

function firstProduct(type: string, extra: (json: Record<string, unknown>) => boolean = () => true) {
  const p = sandbox.catalogue.products.find((x) => x.type === type && extra(x.json.en));
  if (!p) throw new Error(`no ${type} product in the catalogue`);
  return p;
}

function mobileFor(productId: number, suffix: string): string {
  const product = sandbox.catalogue.byId.product.get(productId)!;
  const country = sandbox.catalogue.byId.country.get(product.countryIsoCode);
  const code = country?.callingCode ?? '65';
  return `+${code}9123${suffix}`.slice(0, 16);
}

let externalSeq = 0;
const nextExternalId = () => `conformance-${Date.now()}-${++externalSeq}`;

describe('sandbox responses validate against the DVS spec', () => {
  it('discovery: services, countries, operators, benefit types', async () => {
    const country = sandbox.catalogue.countries[0]!.isoCode;
    await check('GET', '/services', '/services', 200);
    await check('GET', '/services', `/services?country_iso_code=${country}`, 200);
    await check('GET', '/services', '/services?country_iso_code=xx', 400);
    await check('GET', '/services/{service_id}', '/services/1', 200);
    await check('GET', '/services/{service_id}', '/services/999', 404);
    await check('GET', '/countries', '/countries?per_page=100&page=2', 200);
    await check('GET', '/countries', '/countries?subservice_id=11', 400);
    await check('GET', '/countries/{country_iso_code}', `/countries/${country}`, 200);
    await check('GET', '/countries/{country_iso_code}', '/countries/ZZZ', 404);
    await check('GET', '/operators', `/operators?country_iso_code=${country}`, 200);
    await check('GET', '/operators', '/operators?per_page=500', 400);
    await check('GET', '/operators/{operator_id}', `/operators/${sandbox.catalogue.operators[0]!.id}`, 200);
    await check('GET', '/operators/{operator_id}', '/operators/999999999', 404);
    await check('GET', '/benefit-types', '/benefit-types', 200);
  });

  it('products of every type, in every language, and their errors', async () => {
    await check('GET', '/products', '/products?per_page=100', 200);
    for (const lang of ['en', 'es', 'fr']) {
      await check('GET', '/products', `/products?per_page=100&page=3`, 200, {
        headers: { 'accept-language': lang },
      });
    }
    for (const type of [
      'FIXED_VALUE_RECHARGE',
      'RANGED_VALUE_RECHARGE',
      'FIXED_VALUE_PIN_PURCHASE',
      'RANGED_VALUE_PIN_PURCHASE',
      'RANGED_VALUE_PAYMENT',
    ]) {
      const res = await check('GET', '/products', `/products?type=${type}&per_page=100`, 200);
      expect((res.json as unknown[]).length).toBeGreaterThan(0);
      await check('GET', '/products/{product_id}', `/products/${firstProduct(type).id}`, 200, {
        headers: { 'accept-language': 'fr' },
      });
    }
    await check('GET', '/products', '/products?type=NOPE', 400);
    await check('GET', '/products/{product_id}', '/products/999999999', 404);
  });

  it('promotions and campaigns', async () => {
    const promotions = await check('GET', '/promotions', '/promotions?per_page=20', 200, {
      headers: { 'accept-language': 'es' },
    });
    const promotionId = (promotions.json as { id: number }[])[0]!.id;
    await check('GET', '/promotions', '/promotions?operator_id=abc', 400);
    await check('GET', '/promotions/{promotion_id}', `/promotions/${promotionId}`, 200);
    await check('GET', '/promotions/{promotion_id}', '/promotions/999999999', 404);
    const campaigns = await check('GET', '/campaigns', '/campaigns', 200);
    const campaignId = (campaigns.json as { id: number }[])[0]!.id;
    await check('GET', '/campaigns', '/campaigns?product_id=0', 400);
    await check('GET', '/campaigns/{campaign_id}', `/campaigns/${campaignId}`, 200);
    await check('GET', '/campaigns/{campaign_id}', '/campaigns/999999999', 404);
  });

  it('look-ups', async () => {
    const operator = sandbox.catalogue.operators.find((o) => o.mobilePrefixes.length > 0)!;
    const country = sandbox.catalogue.byId.country.get(operator.countryIsoCode)!;
    const number = `+${country.callingCode}${operator.mobilePrefixes[0]}1234567`.slice(0, 14);
    await check('POST', '/lookup/mobile-number', '/lookup/mobile-number', 200, {
      body: { mobile_number: number },
    });
    await check('POST', '/lookup/mobile-number', '/lookup/mobile-number', 400, {
      body: { mobile_number: 'x' },
    });
    await check(
      'GET',
      '/lookup/mobile-number/{mobile_number}',
      `/lookup/mobile-number/${encodeURIComponent(number)}`,
      200,
    );
    const payable = firstProduct(
      'RANGED_VALUE_PAYMENT',
      (j) => (j.payment as { supports_statement_inquiry?: boolean })?.supports_statement_inquiry === true,
    );
    const notPayable = firstProduct('FIXED_VALUE_RECHARGE');
    await check('POST', '/lookup/statement-inquiry', '/lookup/statement-inquiry', 200, {
      body: { product_id: payable.id, account_number: '123456789' },
    });
    await check('POST', '/lookup/statement-inquiry', '/lookup/statement-inquiry', 400, {
      body: { product_id: notPayable.id, account_number: '123456789' },
    });
    await check('POST', '/lookup/statement-inquiry', '/lookup/statement-inquiry', 404, {
      body: { product_id: 999999999, account_number: '123456789' },
    });
    await check('POST', '/lookup/credit-party-benefits', '/lookup/credit-party-benefits', 200, {
      body: { service_id: 1, credit_party_identifier: { mobile_number: number } },
    });
    await check('POST', '/lookup/credit-party-benefits', '/lookup/credit-party-benefits', 404, {
      body: { service_id: 999, credit_party_identifier: { mobile_number: number } },
    });
    await check('POST', '/lookup/credit-party-status', '/lookup/credit-party-status', 200, {
      body: { service_id: 13, credit_party_identifier: { account_number: '8988247000100003319' } },
    });
    await check('POST', '/lookup/credit-party-status', '/lookup/credit-party-status', 400, {
      body: { service_id: 13, credit_party_identifier: {} },
    });
  });

  it('transactions: create, confirm, cancel, get, list, and their errors', async () => {
    const product = firstProduct(
      'FIXED_VALUE_RECHARGE',
      (j) => JSON.stringify(j.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    );
    const body = (externalId: string, extra: Record<string, unknown> = {}) => ({
      external_id: externalId,
      product_id: product.id,
      credit_party_identifier: { mobile_number: mobileFor(product.id, '100') },
      ...extra,
    });
    const externalId = nextExternalId();
    const created = await check('POST', '/async/transactions', '/async/transactions', 201, {
      body: body(externalId),
    });
    const id = (created.json as { id: number }).id;
    await check('POST', '/async/transactions', '/async/transactions', 400, { body: body(externalId) });
    await check('POST', '/async/transactions', '/async/transactions', 400, {
      body: { product_id: product.id },
    });
    await check('POST', '/async/transactions', '/async/transactions', 404, {
      body: { ...body(nextExternalId()), product_id: 999999999 },
    });
    await check('GET', '/transactions/{transaction_id}', `/transactions/${id}`, 200);
    await check('GET', '/transactions/{transaction_id}', '/transactions/999999999999', 404);
    await check('GET', '/transactions', `/transactions?external_id=${externalId}`, 200);
    await check('GET', '/transactions', '/transactions', 200);
    await check('GET', '/transactions', '/transactions?external_id=never-used', 404);
    await check(
      'POST',
      '/async/transactions/{transaction_id}/confirm',
      `/async/transactions/${id}/confirm`,
      202,
    );
    await check(
      'POST',
      '/async/transactions/{transaction_id}/confirm',
      `/async/transactions/${id}/confirm`,
      400,
    );
    await check('POST', '/transactions/{transaction_id}/cancel', `/transactions/${id}/cancel`, 400);

    const toCancel = await check('POST', '/async/transactions', '/async/transactions', 201, {
      body: body(nextExternalId()),
    });
    const cancelId = (toCancel.json as { id: number }).id;
    await check('POST', '/transactions/{transaction_id}/cancel', `/transactions/${cancelId}/cancel`, 202);
    await check('POST', '/transactions/{transaction_id}/cancel', `/transactions/${cancelId}/cancel`, 400);

    const sync = await check('POST', '/sync/transactions', '/sync/transactions', 201, {
      body: body(nextExternalId(), { auto_confirm: true }),
    });
    expect((sync.json as { status: { class: { message: string } } }).status.class.message).toBe('COMPLETED');
    const syncCreated = await check('POST', '/sync/transactions', '/sync/transactions', 201, {
      body: body(nextExternalId()),
    });
    const syncId = (syncCreated.json as { id: number }).id;
    await check(
      'POST',
      '/sync/transactions/{transaction_id}/confirm',
      `/sync/transactions/${syncId}/confirm`,
      202,
    );
    await check(
      'POST',
      '/sync/transactions/{transaction_id}/confirm',
      '/sync/transactions/999999999999/confirm',
      404,
    );
    await check('POST', '/sync/transactions', '/sync/transactions', 400, {
      body: { external_id: ' ', product_id: product.id },
    });
  });

  it('balances, 401 on every route, and 429', async () => {
    await check('GET', '/balances', '/balances', 200);
    await check('GET', '/balances', '/balances?unit=USD', 200);
    await check('GET', '/balances', '/balances?unit_type=DATA', 400);
    const limited = await startSandbox({ rateLimit: { limit: 0, windowMs: 60_000 } });
    const res = await dvs(limited, '/balances');
    expect(res.status).toBe(429);
    expect(validator.validateResponse('GET', '/balances', 429, res.json)).toEqual([]);
    covered.get('GET /balances')!.add(429);

    for (const key of sandbox.routes.filter((r) => / \/v1\//.test(r))) {
      const [method, template] = key.split(' ') as ['GET' | 'POST', string];
      const path = template.replace(/\{[^}]+\}/g, '1').replace(/^\/v1/, '');
      const unauthorized = await dvs(sandbox, path, {
        method,
        auth: false,
        ...(method === 'POST' && { body: {} }),
      });
      expect(unauthorized.status, key).toBe(401);
      expect(validator.validateResponse(method, template, 401, unauthorized.json), key).toEqual([]);
      covered.get(`${method} ${template.replace(/^\/v1/, '')}`)?.add(401);
    }
  });
});

afterAll(() => {
  // Coverage table for the closing note: operation → statuses seen.
  const table = [...covered.entries()].map(([op, statuses]) => `${op}: ${[...statuses].sort().join(', ')}`);
  if (process.env.PRINT_SPEC_COVERAGE) console.log(table.join('\n'));
});

describe('spec coverage', () => {
  it('exercised all 26 DVS operations with a success and an error status each', () => {
    expect(covered.size).toBe(26);
    for (const [op, statuses] of covered) {
      expect(
        [...statuses].some((s) => s < 300),
        `${op} success`,
      ).toBe(true);
      expect(
        [...statuses].some((s) => s >= 400),
        `${op} error`,
      ).toBe(true);
    }
  });
});
