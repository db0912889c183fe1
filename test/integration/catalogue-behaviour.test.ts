import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';

let t: TestGateway;
let sandbox: Sandbox;
beforeAll(async () => {
  t = await startGateway();
  sandbox = t.sandbox;
});

interface Conn<T> {
  totalCount: number;
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
}

const PAGE = /* GraphQL */ `
  query Page($first: Int, $after: String, $last: Int, $before: String) {
    products(first: $first, after: $after, last: $last, before: $before, sort: [ID_ASC]) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { productId } }
    }
  }
`;

describe('catalogue graph behaviour', () => {
  it('pages forwards and backwards across DVS pages of 100', async () => {
    const total = sandbox.catalogue.products.length;
    const ids = [...sandbox.catalogue.products].map((p) => p.id).sort((a, b) => a - b);
    const first = await t.gql<{ products: Conn<{ productId: number }> }>(PAGE, { first: 60 });
    const firstPage = first.data!.products;
    expect(firstPage.totalCount).toBe(total);
    expect(firstPage.edges.map((e) => e.node.productId)).toEqual(ids.slice(0, 60));
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });

    sandbox.control.resetCalls();
    const second = await t.gql<{ products: Conn<{ productId: number }> }>(PAGE, {
      first: 60,
      after: firstPage.pageInfo.endCursor,
    });
    // Items 60..119 straddle DVS pages 1 and 2: page 1 is cached, so only page 2 is read.
    expect(second.data!.products.edges.map((e) => e.node.productId)).toEqual(ids.slice(60, 120));
    expect(sandbox.control.calls('GET /v1/products')).toBe(1);

    const back = await t.gql<{ products: Conn<{ productId: number }> }>(PAGE, {
      last: 30,
      before: second.data!.products.pageInfo.startCursor,
    });
    expect(back.data!.products.edges.map((e) => e.node.productId)).toEqual(ids.slice(30, 60));
    expect(back.data!.products.pageInfo.hasPreviousPage).toBe(true);

    const tail = await t.gql<{ products: Conn<{ productId: number }> }>(PAGE, { last: 3 });
    expect(tail.data!.products.edges.map((e) => e.node.productId)).toEqual(ids.slice(-3));
    expect(tail.data!.products.pageInfo.hasNextPage).toBe(false);
  });

  it('refuses a page size over 100 with a typed error', async () => {
    const res = await t.gql(PAGE, { first: 1000 });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('resolves every DVS product type to its own GraphQL type', async () => {
    const query = /* GraphQL */ `
      query ($type: ProductType!) {
        products(first: 1, filter: { type: $type }) { edges { node { __typename type } } }
      }
    `;
    const expected: Record<string, string> = {
      FIXED_VALUE_RECHARGE: 'FixedValueRechargeProduct',
      RANGED_VALUE_RECHARGE: 'RangedValueRechargeProduct',
      FIXED_VALUE_PIN_PURCHASE: 'FixedValuePinPurchaseProduct',
      RANGED_VALUE_PIN_PURCHASE: 'RangedValuePinPurchaseProduct',
      RANGED_VALUE_PAYMENT: 'RangedValuePaymentProduct',
    };
    for (const [type, typename] of Object.entries(expected)) {
      const res = await t.gql<{ products: Conn<{ __typename: string; type: string }> }>(query, { type });
      expect(res.data!.products.edges[0]!.node).toEqual({ __typename: typename, type });
    }
  });

  it('keeps amounts exact end to end, trailing zeros included', async () => {
    const product = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        /\.\d*0$/.test(String((p.json.en.destination as { amount: unknown }).amount)),
    )!;
    const wire = product.json.en as {
      destination: { amount: unknown; unit: string };
      prices: { wholesale: { amount: unknown; fee: unknown; unit: string } };
      rates: { base: unknown };
    };
    const res = await t.gql<{
      product: {
        destination: { amount: string; unit: string };
        wholesalePrice: { amount: { amount: string }; fee: { amount: string } };
        rates: { base: string };
      };
    }>(
      /* GraphQL */ `
        query ($id: Int!) {
          product(id: $id) {
            ... on FixedValueRechargeProduct {
              destination { amount unit }
              wholesalePrice { amount { amount } fee { amount } }
            }
            rates { base }
          }
        }
      `,
      { id: product.id },
    );
    expect(res.data!.product.destination).toEqual({
      amount: String(wire.destination.amount),
      unit: wire.destination.unit,
    });
    expect(res.data!.product.wholesalePrice.amount.amount).toBe(String(wire.prices.wholesale.amount));
    expect(res.data!.product.wholesalePrice.fee.amount).toBe(String(wire.prices.wholesale.fee));
    expect(res.data!.product.rates.base).toBe(String(wire.rates.base));
    expect(res.text).toContain(`"amount":"${String(wire.destination.amount)}"`);
  });

  it('links both ways: product → operator → country → operators, and promotion → products', async () => {
    const promotion = sandbox.catalogue.promotions[0]!;
    const res = await t.gql<{
      promotion: {
        operator: { operatorId: number; country: { isoCode: string } };
        products: { productId: number; operator: { operatorId: number } }[];
      };
    }>(
      /* GraphQL */ `
        query ($id: Int!) {
          promotion(id: $id) {
            operator { operatorId country { isoCode } }
            products { productId operator { operatorId } }
          }
        }
      `,
      { id: promotion.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.promotion.operator.operatorId).toBe(promotion.operatorId);
    expect(res.data!.promotion.products.map((p) => p.productId).sort()).toEqual(
      [...promotion.productIds].sort(),
    );
  });

  it('answers node(id) for every catalogue type', async () => {
    const res = await t.gql<{
      country: { id: string; operators: Conn<{ id: string; products: Conn<{ id: string }> }> };
    }>(
      /* GraphQL */ `
        {
          country(isoCode: "IDN") {
            id
            operators(first: 1) { edges { node { id products(first: 1) { edges { node { id } } } } } }
          }
        }
      `,
    );
    const ids = [
      res.data!.country.id,
      res.data!.country.operators.edges[0]!.node.id,
      res.data!.country.operators.edges[0]!.node.products.edges[0]!.node.id,
    ];
    for (const id of ids) {
      const node = await t.gql<{ node: { id: string; __typename: string } | null }>(
        /* GraphQL */ `query ($id: ID!) { node(id: $id) { id __typename } }`,
        { id },
      );
      expect(node.errors).toBeUndefined();
      expect(node.data!.node?.id).toBe(id);
    }
    const missing = await t.gql<{ node: unknown }>(
      /* GraphQL */ `query ($id: ID!) { node(id: $id) { id } }`,
      {
        id: Buffer.from('Operator:999999999').toString('base64'),
      },
    );
    expect(missing.data!.node).toBeNull();
  });

  it('answers an unknown id with null and a typed NOT_FOUND error', async () => {
    const res = await t.gql(
      /* GraphQL */ `{ operator(id: 999999999) { name } country(isoCode: "ZZZ") { name } }`,
    );
    expect(res.data).toEqual({ operator: null, country: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });
});

describe('upstream failures', () => {
  it('masks a 5xx with an HTML body into a typed error that leaks nothing', async () => {
    const { sandbox: s, gql } = await startGateway();
    s.control.faults.add({
      route: 'GET /v1/operators/{operator_id}',
      times: 10,
      status: 500,
      body: '<html>password=CANARY-SECRET at /srv/dvs.pl line 42</html>',
    });
    const res = await gql(/* GraphQL */ `{ operator(id: 1) { name } }`);
    expect(res.data).toEqual({ operator: null });
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_ERROR');
    expect(res.text).not.toMatch(/CANARY|html|dvs\.pl|127\.0\.0\.1| at /);
    expect(res.text).not.toContain(s.credentials.dvs.apiSecret);
  });

  it('answers UPSTREAM_TIMEOUT when DT One hangs past the deadline', async () => {
    const { sandbox: s, gql } = await startGateway({ env: { DTONE_TIMEOUT_MS: '400' } });
    s.control.faults.add({ route: 'GET /v1/operators/{operator_id}', times: 10, hangMs: 5_000 });
    const res = await gql(/* GraphQL */ `{ operator(id: 1) { name } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('serves cached catalogue reads marked stale when DT One is down', async () => {
    let clock = Date.now();
    const { sandbox: s, gql } = await startGateway({ gatewayOptions: { sharedCache: { now: () => clock } } });
    const query = /* GraphQL */ `{ country(isoCode: "IDN") { name operators(first: 2) { totalCount } } }`;
    const fresh = await gql(query);
    expect(fresh.extensions?.stale).toBeUndefined();
    clock += 10 * 60_000;
    s.control.faults.add({ route: '*', times: 1000, status: 503, body: 'down' });
    const stale = await gql(query);
    expect(stale.errors).toBeUndefined();
    expect(stale.data).toEqual(fresh.data);
    expect(stale.extensions?.stale).toBe(true);
  });
});
