import { describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startGateway } from '../helpers/gateway.js';
import { startSandbox } from '../helpers/sandbox.js';

const DEPTH_3 = /* GraphQL */ `
  query OneCountry($iso: CountryCode!) {
    country(isoCode: $iso) {
      isoCode
      name
      operators(first: 20) {
        totalCount
        edges {
          node {
            operatorId
            name
            products(first: 50) {
              totalCount
              edges {
                node {
                  __typename
                  productId
                  name
                  promotions(first: 5) {
                    edges { node { promotionId title endDate } }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** The country with the most mobile operators, so that batching has something to batch. */
function busyCountry(sandbox: Sandbox) {
  const counts = new Map<string, number>();
  for (const o of sandbox.catalogue.operators)
    counts.set(o.countryIsoCode, (counts.get(o.countryIsoCode) ?? 0) + 1);
  const [iso] = [...counts.entries()]
    .filter(([c]) => c !== 'GXX' && c !== 'EXX')
    .sort((a, b) => b[1] - a[1])[0]!;
  const operators = sandbox.catalogue.operators.filter((o) => o.countryIsoCode === iso);
  const products = sandbox.catalogue.products.filter((p) => p.countryIsoCode === iso);
  const promotions = sandbox.catalogue.promotions.filter((p) => p.countryIsoCode === iso);
  return { iso, operators, products, promotions };
}

function upstreamCalls(sandbox: Sandbox): Record<string, number> {
  return Object.fromEntries(
    Object.entries(sandbox.control.callCounts()).filter(([k]) => k.includes(' /v1/')),
  );
}

describe('catalogue graph: one country, depth 3', () => {
  it('costs one call per distinct endpoint and page when cold, none when warm', async () => {
    const { sandbox, gql } = await startGateway();
    const country = busyCountry(sandbox);
    sandbox.control.resetCalls();

    const cold = await gql(DEPTH_3, { iso: country.iso });
    expect(cold.errors).toBeUndefined();
    const coldCalls = upstreamCalls(sandbox);
    const pages = (n: number) => Math.max(1, Math.ceil(n / 100));
    expect(coldCalls).toEqual({
      'GET /v1/countries/{country_iso_code}': 1,
      'GET /v1/operators': pages(country.operators.length),
      'GET /v1/products': pages(country.products.length),
      'GET /v1/promotions': pages(country.promotions.length),
    });

    const data = cold.data as { country: { operators: { totalCount: number; edges: unknown[] } } };
    expect(data.country.operators.totalCount).toBe(country.operators.length);
    expect(data.country.operators.edges.length).toBe(Math.min(20, country.operators.length));

    sandbox.control.resetCalls();
    const warm = await gql(DEPTH_3, { iso: country.iso });
    expect(upstreamCalls(sandbox)).toEqual({});
    expect(warm.data).toEqual(cold.data);
  });

  it('reads the country, its operators, products and promotions all at once: one upstream level', async () => {
    const { sandbox, gql } = await startGateway();
    // Lists of one DVS page each: a longer list adds a level, since its later pages wait for X-Total-Pages.
    const country = sandbox.catalogue.countries
      .map((c) => ({
        iso: c.isoCode,
        operators: sandbox.catalogue.operators.filter((o) => o.countryIsoCode === c.isoCode).length,
        products: sandbox.catalogue.products.filter((p) => p.countryIsoCode === c.isoCode).length,
      }))
      .find((c) => c.operators >= 3 && c.products <= 100)!;
    // A first query compiles and warms the code paths: on a loaded machine that alone can outlast one upstream delay.
    const other = sandbox.catalogue.countries.find((c) => c.isoCode !== country.iso)!;
    await gql(DEPTH_3, { iso: other.isoCode });
    sandbox.control.faults.add({ route: '*', times: 1_000, hangMs: 100 });
    sandbox.control.resetCalls();
    const res = await gql(DEPTH_3, { iso: country.iso });
    expect(res.errors).toBeUndefined();
    expect(sandbox.control.waterfallDepth()).toBe(1);

    // A list longer than one DVS page adds a level: its later pages wait for X-Total-Pages.
    const busy = busyCountry(sandbox);
    sandbox.control.resetCalls();
    const second = await gql(DEPTH_3, { iso: busy.iso });
    expect(second.errors).toBeUndefined();
    expect(sandbox.control.waterfallDepth()).toBe(busy.products.length > 100 ? 2 : 1);
  });

  it('asks for the later pages of a list as soon as page 1’s headers say how many, before its body is in', async () => {
    const { sandbox, gql } = await startGateway();
    const busy = busyCountry(sandbox);
    expect(busy.products.length).toBeGreaterThan(100);
    // Page 1's body trickles in over ~0.5 s; page 2 must not wait for it.
    sandbox.control.faults.add({
      route: 'GET /v1/products',
      times: 1,
      drip: { bytes: 16_384, intervalMs: 50 },
    });
    sandbox.control.resetCalls();
    const res = await gql(DEPTH_3, { iso: busy.iso });
    expect(res.errors).toBeUndefined();
    const productPages = () =>
      sandbox.control
        .callLog()
        .filter((c) => c.routeKey === 'GET /v1/products')
        .map((c) => ({ page: new URLSearchParams(c.query).get('page'), at: c.at, finishedAt: c.finishedAt }));
    // The sandbox records the end of a dripped answer a moment after its last byte left.
    await vi.waitFor(() => expect(productPages().every((p) => p.finishedAt > 0)).toBe(true));
    const pages = productPages();
    const first = pages.find((p) => p.page === '1')!;
    const second = pages.find((p) => p.page === '2')!;
    expect(pages).toHaveLength(2);
    // Page 2 went out while most of page 1 was still on its way.
    expect(second.at - first.at).toBeLessThan((first.finishedAt - first.at) / 2);
  });

  it('fails cleanly when page 1 breaks after its headers started the other pages', async () => {
    const { sandbox, gql } = await startGateway();
    const busy = busyCountry(sandbox);
    sandbox.control.faults.add({ route: 'GET /v1/products', times: 50, resetAfterBytes: 200 });
    const broken = await gql(DEPTH_3, { iso: busy.iso });
    expect(broken.errors?.[0]?.extensions?.code).toMatch(/^UPSTREAM_/);
    sandbox.control.faults.clear();
    const healthy = await gql(DEPTH_3, { iso: busy.iso });
    expect(healthy.errors).toBeUndefined();
  });

  it('sends 32 concurrent cold copies upstream no more than once', async () => {
    const sandbox = await startSandbox();
    const single = await startGateway({ sandbox });
    const country = busyCountry(sandbox);
    sandbox.control.resetCalls();
    await single.gql(DEPTH_3, { iso: country.iso });
    const once = sandbox.control.calls();

    const fresh = await startGateway({ sandbox });
    sandbox.control.resetCalls();
    const results = await Promise.all(
      Array.from({ length: 32 }, () => fresh.gql(DEPTH_3, { iso: country.iso })),
    );
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(sandbox.control.calls()).toBeLessThanOrEqual(once);
  });
});

const CATALOGUE_PAGE = /* GraphQL */ `
  query CataloguePage {
    countries(first: 10) {
      edges {
        node {
          isoCode
          operators(first: 10) {
            edges { node { operatorId products(first: 10) { edges { node { productId } } } } }
          }
        }
      }
    }
  }
`;

describe('catalogue graph: a page of countries, depth 3', () => {
  it('reads each country’s operators and products in one level after the countries: two upstream levels', async () => {
    const { sandbox, gql } = await startGateway();
    const first10 = sandbox.catalogue.countries.slice(0, 10).map((c) => c.isoCode);
    const pagesOf = (iso: string, list: readonly { countryIsoCode: string }[]) =>
      Math.ceil(list.filter((x) => x.countryIsoCode === iso).length / 100);
    const longLists = first10.some(
      (iso) => pagesOf(iso, sandbox.catalogue.products) > 1 || pagesOf(iso, sandbox.catalogue.operators) > 1,
    );
    await gql('{ country(isoCode: "PHL") { operators(first: 1) { edges { node { name } } } } }');
    sandbox.control.faults.add({ route: '*', times: 1_000, hangMs: 100 });
    sandbox.control.resetCalls();
    const res = await gql(CATALOGUE_PAGE);
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ countries: { edges: expect.any(Array) } });
    expect(sandbox.control.waterfallDepth()).toBe(longLists ? 3 : 2);
    // One countries page, then per country one operators list and one products list (and their later pages).
    const calls = upstreamCalls(sandbox);
    expect(calls['GET /v1/countries']).toBe(1);
    expect(calls['GET /v1/operators']).toBe(
      first10.reduce((n, iso) => n + Math.max(1, pagesOf(iso, sandbox.catalogue.operators)), 0),
    );
    expect(calls['GET /v1/products']).toBe(
      first10.reduce((n, iso) => n + Math.max(1, pagesOf(iso, sandbox.catalogue.products)), 0),
    );
  });
});
