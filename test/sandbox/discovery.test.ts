import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { dvs, startSandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});

describe('sandbox discovery over HTTP', () => {
  it('refuses a request without credentials or with a wrong secret with 401 1000401', async () => {
    for (const auth of [false, `${sandbox.credentials.dvs.apiKey}:wrong`, 'garbage'] as const) {
      const res = await dvs(sandbox, '/services', { auth });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ errors: [{ code: 1000401, message: 'Unauthorized' }] });
    }
  });

  it('answers an unknown path with 404 1000404', async () => {
    const res = await dvs(sandbox, '/nothing-here');
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ errors: [{ code: 1000404, message: 'Resource not found' }] });
  });

  it('pages products with every paging header, and omits the ones that do not apply', async () => {
    const total = sandbox.catalogue.products.length;
    const first = await dvs(sandbox, '/products?per_page=5');
    expect(first.status).toBe(200);
    expect((first.json as unknown[]).length).toBe(5);
    expect(first.headers.get('x-total')).toBe(String(total));
    expect(first.headers.get('x-total-pages')).toBe(String(Math.ceil(total / 5)));
    expect(first.headers.get('x-per-page')).toBe('5');
    expect(first.headers.get('x-page')).toBe('1');
    expect(first.headers.get('x-next-page')).toBe('2');
    expect(first.headers.get('x-prev-page')).toBeNull();

    const lastPage = Math.ceil(total / 100);
    const last = await dvs(sandbox, `/products?per_page=100&page=${lastPage}`);
    expect(last.headers.get('x-next-page')).toBeNull();
    expect(last.headers.get('x-prev-page')).toBe(String(lastPage - 1));
    expect((last.json as unknown[]).length).toBe(total - (lastPage - 1) * 100);
  });

  it('defaults to 50 per page and refuses per_page outside 1..100 and a page below 1', async () => {
    const res = await dvs(sandbox, '/operators');
    expect(res.headers.get('x-per-page')).toBe('50');
    for (const q of ['per_page=0', 'per_page=101', 'per_page=abc', 'page=0', 'page=-1']) {
      const bad = await dvs(sandbox, `/operators?${q}`);
      expect(bad.status, q).toBe(400);
      expect((bad.json as { errors: { code: number }[] }).errors[0]!.code).toBe(1000400);
    }
  });

  it('filters operators by country and service exactly as the catalogue holds them', async () => {
    const country = sandbox.catalogue.countries.find((c) => c.serviceIds.has(1))!;
    const expected = sandbox.catalogue.operators.filter(
      (o) => o.countryIsoCode === country.isoCode && o.serviceIds.has(1),
    );
    const res = await dvs(
      sandbox,
      `/operators?country_iso_code=${country.isoCode}&service_id=1&per_page=100`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total')).toBe(String(expected.length));
    expect((res.json as { id: number }[]).map((o) => o.id)).toEqual(expected.map((o) => o.id));
  });

  it('requires service_id when subservice_id is given', async () => {
    const res = await dvs(sandbox, '/countries?subservice_id=11');
    expect(res.status).toBe(400);
  });

  it('answers each by-id route and its documented not-found code', async () => {
    const product = sandbox.catalogue.products[0]!;
    const operator = sandbox.catalogue.operators[0]!;
    const country = sandbox.catalogue.countries[0]!;
    expect((await dvs(sandbox, `/products/${product.id}`)).json).toMatchObject({ id: product.id });
    expect((await dvs(sandbox, `/operators/${operator.id}`)).json).toMatchObject({ id: operator.id });
    expect((await dvs(sandbox, `/countries/${country.isoCode}`)).json).toMatchObject({
      iso_code: country.isoCode,
    });
    expect((await dvs(sandbox, '/services/1')).json).toMatchObject({ id: 1 });
    const cases: Array<[string, number, number]> = [
      ['/products/999999999', 404, 1003001],
      ['/operators/999999999', 404, 1005006],
      ['/countries/ZZZ', 404, 1005005],
      ['/services/999', 404, 1005004],
      ['/promotions/999999999', 404, 1003201],
      ['/campaigns/999999999', 404, 1003301],
      ['/products/abc', 400, 1000400],
    ];
    for (const [path, status, code] of cases) {
      const res = await dvs(sandbox, path);
      expect(res.status, path).toBe(status);
      expect((res.json as { errors: { code: number }[] }).errors[0]!.code, path).toBe(code);
    }
  });

  it('writes amounts as the exact JSON numbers of the catalogue, never through a float', async () => {
    const product =
      sandbox.catalogue.products.find((p) => /\.\d*0[,}]/.test(JSON.stringify(p.json.en))) ??
      sandbox.catalogue.products[0]!;
    const res = await dvs(sandbox, `/products/${product.id}`);
    const prices = (product.json.en.prices as { wholesale: { amount: unknown } }).wholesale.amount;
    expect(res.text).toContain(`"amount":${String(prices)}`);
  });

  it('sorts products by name, amount and id, descending with a leading minus', async () => {
    const byAmountDesc = await dvs(sandbox, '/products?type=FIXED_VALUE_RECHARGE&sort=-amount&per_page=100');
    const amounts = (byAmountDesc.json as { destination: { amount: number } }[]).map(
      (p) => p.destination.amount,
    );
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const byId = await dvs(sandbox, '/products?sort=-id&per_page=3');
    const ids = (byId.json as { id: number }[]).map((p) => p.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect((await dvs(sandbox, '/products?sort=price')).status).toBe(400);
  });

  it('filters products by type, operator, tags and benefit types', async () => {
    const sample = sandbox.catalogue.products.find((p) => p.tags.length > 0 && p.benefitTypes.length > 0)!;
    const res = await dvs(
      sandbox,
      `/products?type=${sample.type}&operator_id=${sample.operatorId}&tags=${sample.tags[0]}&benefit_types=${sample.benefitTypes[0]}&per_page=100`,
    );
    const items = res.json as { id: number; type: string; operator: { id: number }; tags: string[] }[];
    expect(items.map((p) => p.id)).toContain(sample.id);
    for (const p of items) {
      expect(p.type).toBe(sample.type);
      expect(p.operator.id).toBe(sample.operatorId);
      expect(p.tags).toContain(sample.tags[0]);
    }
  });

  it('translates products and promotions by Accept-Language and says so in Content-Language', async () => {
    const product = sandbox.catalogue.products[0]!;
    const es = await dvs(sandbox, `/products/${product.id}`, {
      headers: { 'accept-language': 'es-ES,es;q=0.9,en;q=0.5' },
    });
    expect(es.headers.get('content-language')).toBe('es');
    expect(es.headers.get('vary')).toBe('Accept-Language');
    expect((es.json as { name: string }).name).toBe(product.name.es);
    const fallback = await dvs(sandbox, `/products/${product.id}`, { headers: { 'accept-language': 'de' } });
    expect(fallback.headers.get('content-language')).toBe('en');
  });

  it('answers 429 1000429 once the configured per-key budget is spent, with X-RateLimit headers', async () => {
    const limited = await startSandbox({ rateLimit: { limit: 3, windowMs: 60_000 } });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof dvs>> | undefined;
    for (let i = 0; i < 4; i++) {
      last = await dvs(limited, '/benefit-types');
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.json).toEqual({ errors: [{ code: 1000429, message: 'Too many requests' }] });
    expect(last!.headers.get('x-ratelimit-limit')).toBe('3');
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
    limited.control.clock.advance(60_000);
    expect((await dvs(limited, '/benefit-types')).status).toBe(200);
  });

  it('identifies the operator of a mobile number by its prefix and lists the other operators of the country', async () => {
    const operator = sandbox.catalogue.operators.find((o) => o.mobilePrefixes.length > 0)!;
    const country = sandbox.catalogue.byId.country.get(operator.countryIsoCode)!;
    let number = `+${country.callingCode}${operator.mobilePrefixes[0]}`;
    while (number.length < 12) number += '1';
    const res = await dvs(sandbox, '/lookup/mobile-number', { body: { mobile_number: number } });
    expect(res.status).toBe(200);
    const found = res.json as { id: number; identified: boolean }[];
    expect(found.find((o) => o.id === operator.id)?.identified).toBe(true);
    const deprecated = await dvs(sandbox, `/lookup/mobile-number/${encodeURIComponent(number)}`);
    expect(deprecated.json).toEqual(found);
    const bad = await dvs(sandbox, '/lookup/mobile-number', { body: { mobile_number: '12345' } });
    expect(bad.status).toBe(400);
  });

  it('refuses a malformed JSON body with 400 1000400', async () => {
    const res = await dvs(sandbox, '/lookup/mobile-number', { body: '{"mobile_number":' });
    expect(res.status).toBe(400);
    expect((res.json as { errors: { code: number }[] }).errors[0]!.code).toBe(1000400);
  });
});
