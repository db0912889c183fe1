import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/error-registry.js';
import { postEventStream, startGateway, type TestGateway } from '../helpers/gateway.js';
import { mobileTopUp } from '../helpers/sandbox.js';

/**
 * One condition, one code, on queries, mutations and subscriptions alike (docs/errors.md): each condition is provoked
 * over HTTP through every kind of operation that can meet it, and a mutation whose union has a member for the
 * condition answers it as that member, never as a top-level error.
 */
const PRODUCT = /* GraphQL */ `query ($id: Int!) { product(id: $id) { name } }`;
const PRODUCTS = /* GraphQL */ `{ products(first: 1) { edges { node { id } } } }`;
const QUOTE = /* GraphQL */ `
  query ($productId: Int!) {
    quote(productId: $productId, amount: "10", mode: SOURCE_AMOUNT) { __typename ... on Error { code } }
  }
`;
const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on Error { code }
      ... on CreateTransactionSuccess { transaction { id } }
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename ... on Error { code } } }
`;
const TRANSACTION = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { id } }`;
const WATCH = /* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }`;

/** DT One's 429 with a Retry-After the gateway honours. */
const TOO_MANY = { status: 429, headers: { 'Retry-After': '1' }, body: { errors: [] } };

const topUp = (t: TestGateway, mobileNumber = '+6591234100') => ({
  idempotencyKey: randomUUID(),
  productId: mobileTopUp(t.sandbox).id,
  creditParty: { mobileNumber },
});

async function create(t: TestGateway, input: Record<string, unknown>) {
  const res = await t.gql<{
    createTransaction: { __typename: string; code?: string; transaction?: { id: string } };
  }>(CREATE, { input });
  return res;
}

const topLevelCodes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

describe('one code per condition', () => {
  it("DT One refusing the gateway's credentials is UPSTREAM_AUTH_ERROR on a query and on a top-up", async () => {
    const t = await startGateway();
    t.sandbox.control.faults.add({ route: 'GET /v1/products', status: 401, body: { errors: [] }, times: 10 });
    expect(topLevelCodes(await t.gql(PRODUCTS))).toEqual(['UPSTREAM_AUTH_ERROR']);
    t.sandbox.control.faults.clear();

    t.sandbox.control.faults.add({ route: 'POST /v1/async/transactions', status: 401, body: { errors: [] } });
    const input = topUp(t);
    const refused = await create(t, input);
    expect(topLevelCodes(refused)).toEqual(['UPSTREAM_AUTH_ERROR']);
    expect(ERROR_CODES.UPSTREAM_AUTH_ERROR.retry).toBe('after-fix');
    // Nothing was sent: once the credentials work, the same key sends it.
    const retried = await create(t, input);
    expect(retried.data?.createTransaction.__typename).toBe('CreateTransactionSuccess');
  });

  it('DT One rate limiting is RATE_LIMITED on a query (top-level) and on a top-up (its union member)', async () => {
    const t = await startGateway();
    t.sandbox.control.faults.add({ route: 'GET /v1/products', ...TOO_MANY, times: 10 });
    const query = await t.gql(PRODUCTS);
    expect(topLevelCodes(query)).toEqual(['RATE_LIMITED']);
    t.sandbox.control.faults.clear();

    const u = await startGateway();
    u.sandbox.control.faults.add({ route: 'POST /v1/async/transactions', ...TOO_MANY });
    const refused = await create(u, topUp(u));
    expect(refused.errors).toBeUndefined();
    expect(refused.data?.createTransaction).toEqual({ __typename: 'RateLimitedError', code: 'RATE_LIMITED' });
  });

  it('a product DT One does not offer is PRODUCT_UNAVAILABLE from product(id), quote and createTransaction', async () => {
    const t = await startGateway();
    const missing = Math.max(...t.sandbox.catalogue.products.map((p) => p.id)) + 1;
    expect(topLevelCodes(await t.gql(PRODUCT, { id: missing }))).toEqual(['PRODUCT_UNAVAILABLE']);
    const quote = await t.gql<{ quote: { __typename: string; code: string } }>(QUOTE, { productId: missing });
    expect(quote.data?.quote).toEqual({ __typename: 'ProductUnavailableError', code: 'PRODUCT_UNAVAILABLE' });
    const created = await create(t, { ...topUp(t), productId: missing });
    expect(created.data?.createTransaction).toMatchObject({
      __typename: 'ProductUnavailableError',
      code: 'PRODUCT_UNAVAILABLE',
    });
  });

  it('a missing transaction is TRANSACTION_NOT_FOUND from transaction(id), confirm and the subscription', async () => {
    const t = await startGateway();
    const missing = Buffer.from(`Transaction:${randomUUID()}`).toString('base64');
    expect(topLevelCodes(await t.gql(TRANSACTION, { id: missing }))).toEqual(['TRANSACTION_NOT_FOUND']);
    const confirm = await t.gql<{ confirmTransaction: unknown }>(CONFIRM, { id: missing });
    expect(confirm.data?.confirmTransaction).toEqual({
      __typename: 'TransactionNotFoundError',
      code: 'TRANSACTION_NOT_FOUND',
    });
    const res = await postEventStream(t.url, t.apiKey, WATCH, { id: missing });
    expect(await res.text()).toContain('"code":"TRANSACTION_NOT_FOUND"');
  });

  it('answers a refused input, a second confirm and a DT One 500 on create as union members', async () => {
    const t = await startGateway();
    const invalid = await create(t, { ...topUp(t), creditParty: null });
    expect(invalid.data?.createTransaction).toMatchObject({
      __typename: 'InvalidInputError',
      code: 'INVALID_INPUT',
    });

    const created = await create(t, topUp(t));
    const id = created.data!.createTransaction.transaction!.id;
    await t.gql(CONFIRM, { id });
    const again = await t.gql<{ confirmTransaction: unknown }>(CONFIRM, { id });
    expect(again.data?.confirmTransaction).toEqual({
      __typename: 'InvalidStateError',
      code: 'INVALID_STATE',
    });

    // A 500 DT One answered before acting: its union offers UpstreamUnavailableError, so never a top-level error.
    t.sandbox.control.faults.add({ route: 'POST /v1/async/transactions', status: 500, body: { errors: [] } });
    const failed = await create(t, topUp(t));
    expect(failed.errors).toBeUndefined();
    expect(failed.data?.createTransaction.__typename).toMatch(
      /^(UpstreamUnavailableError|CreateTransactionSuccess)$/,
    );
  });

  it('refuses a request with no operation (BAD_REQUEST) and a form post (CSRF_PREFLIGHT_REQUIRED) before running it', async () => {
    const t = await startGateway();
    const empty = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.apiKey}` },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('"code":"BAD_REQUEST"');
    const form = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'query={__typename}',
    });
    expect(form.status).toBe(403);
    expect(await form.text()).toContain('"code":"CSRF_PREFLIGHT_REQUIRED"');
  });
});
