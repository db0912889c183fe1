import { randomUUID } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';

let t: TestGateway;
let sandbox: Sandbox;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on Error { code message }
      ... on InvalidInputError { field }
      ... on AmountOutOfRangeError { min max increment }
      ... on IdempotencyConflictError { idempotencyKey }
      ... on RateLimitedError { retryAfterSeconds }
      ... on CreateTransactionSuccess {
        transaction {
          id status statusClass externalId upstreamId
          destination { amount unit }
          wholesalePrice { amount unit }
          fee { amount unit }
          history { statusClass source }
        }
      }
    }
  }
`;
const CONFIRM = /* GraphQL */ `
  mutation ($id: ID!) {
    confirmTransaction(input: { id: $id }) {
      __typename
      ... on Error { code }
      ... on InvalidStateError { reason transaction { statusClass } }
      ... on ConfirmTransactionSuccess { transaction { id statusClass } }
    }
  }
`;
const CANCEL = /* GraphQL */ `
  mutation ($id: ID!) {
    cancelTransaction(input: { id: $id }) {
      __typename
      ... on Error { code }
      ... on InvalidStateError { reason }
      ... on CancelTransactionSuccess { transaction { id statusClass } }
    }
  }
`;

type Result = Record<string, unknown> & {
  __typename: string;
  code?: string;
  transaction?: Record<string, unknown> & { id: string; statusClass: string; externalId: string };
};

function mobileProduct() {
  const p = sandbox.catalogue.products.find(
    (x) =>
      x.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(x.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]' &&
      (x.json.en.prices as { wholesale: { unit: string } }).wholesale.unit === 'USD',
  )!;
  return p;
}

function number(suffix: string) {
  return `+6591234${suffix}`;
}

async function create(input: Record<string, unknown>, headers?: Record<string, string>) {
  const res = await t.gql<{ createTransaction: Result }>(CREATE, { input }, headers);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!.createTransaction;
}

function topUp(extra: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    productId: mobileProduct().id,
    creditParty: { mobileNumber: number('100') },
    ...extra,
  };
}

beforeAll(async () => {
  t = await startGateway();
  sandbox = t.sandbox;
});
beforeEach(() => {
  sandbox.control.faults.clear();
  sandbox.control.resetCalls();
});

describe('createTransaction', () => {
  it('creates a transaction at DT One, persisted with its derived external_id', async () => {
    const result = await create(topUp());
    expect(result.__typename).toBe('CreateTransactionSuccess');
    const tx = result.transaction!;
    expect(tx.statusClass).toBe('CREATED');
    expect(sandbox.control.engine.countByExternalId(tx.externalId)).toBe(1);
    const product = mobileProduct().json.en as { prices: { wholesale: { amount: unknown; unit: string } } };
    expect(tx.wholesalePrice).toEqual({ amount: String(product.prices.wholesale.amount), unit: 'USD' });
  });

  it("writes every time as RFC 3339 UTC with milliseconds, DT One's microsecond offsets included", async () => {
    const { transaction } = await create(topUp());
    const read = await t.gql<{
      transaction: { confirmationExpiresAt: string; createdAt: string; updatedAt: string };
    }>(
      /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { confirmationExpiresAt createdAt updatedAt } }`,
      {
        id: transaction!.id,
      },
    );
    const times = read.data!.transaction;
    for (const time of Object.values(times)) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const upstream = sandbox.control.engine.all().find((tx) => String(tx.id) === transaction!.upstreamId)!;
    // DT One writes "…:40.726000+00:00"; the graph writes the same instant.
    expect(String(upstream.confirmation_expiration_date)).toMatch(/\.\d{6}\+00:00$/);
    expect(Date.parse(times.confirmationExpiresAt)).toBe(
      Date.parse(String(upstream.confirmation_expiration_date)),
    );
  });

  it('replays the same input with the same key without calling DT One again', async () => {
    const input = topUp();
    const first = await create(input);
    sandbox.control.resetCalls();
    const second = await create(input);
    expect(second.transaction!.id).toBe(first.transaction!.id);
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(0);
  });

  it('replays by key when the product cannot be read now, and a refused input under a used key is a conflict', async () => {
    const input = topUp();
    const first = await create(input);
    t.gateway.cache.clear();
    sandbox.control.faults.add({
      route: 'GET /v1/products/{product_id}',
      times: 20,
      status: 503,
      body: 'down',
    });
    sandbox.control.resetCalls();
    const again = await create(input);
    expect(again.transaction!.id).toBe(first.transaction!.id);
    sandbox.control.faults.clear();
    const refused = await create({ ...input, creditParty: null });
    expect(refused).toMatchObject({
      __typename: 'IdempotencyConflictError',
      idempotencyKey: input.idempotencyKey,
    });
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(0);
  });

  it('answers IdempotencyConflictError for the same key with another input, sending nothing', async () => {
    const input = topUp();
    await create(input);
    sandbox.control.resetCalls();
    const conflict = await create({ ...input, creditParty: { mobileNumber: number('200') } });
    expect(conflict).toMatchObject({ __typename: 'IdempotencyConflictError', code: 'IDEMPOTENCY_CONFLICT' });
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(0);
  });

  it('answers InvalidInputError with the field path when the product needs a credit party', async () => {
    const result = await create(topUp({ creditParty: null }));
    expect(result).toMatchObject({ __typename: 'InvalidInputError', field: ['creditParty', 'mobileNumber'] });
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(0);
  });

  it('answers ProductUnavailableError for a product DT One does not offer', async () => {
    expect(await create(topUp({ productId: 999_999_999 }))).toMatchObject({
      __typename: 'ProductUnavailableError',
    });
  });

  it('answers AmountOutOfRangeError for a ranged amount outside the range, before any call', async () => {
    const ranged = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'RANGED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!;
    const max = String((ranged.json.en.destination as { amount: { max: unknown } }).amount.max);
    const scale = max.includes('.') ? max.length - max.indexOf('.') - 1 : 0;
    const above = new Decimal(max).plus(1000).toFixed(scale);
    const result = await create(
      topUp({ productId: ranged.id, amount: above, calculationMode: 'DESTINATION_AMOUNT' }),
    );
    expect(result).toMatchObject({ __typename: 'AmountOutOfRangeError', max });
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(0);
  });

  it('answers InsufficientBalanceError when the account balance is short, and the same on replay', async () => {
    const before = sandbox.control.ledger.list({ unit: 'USD' })[0] as { available: unknown };
    sandbox.control.ledger.set('USD', '0.01');
    try {
      const input = topUp();
      expect(await create(input)).toMatchObject({ __typename: 'InsufficientBalanceError' });
      sandbox.control.resetCalls();
      expect(await create(input)).toMatchObject({ __typename: 'InsufficientBalanceError' });
      expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(0);
    } finally {
      sandbox.control.ledger.set('USD', String(before.available));
    }
  });

  it('answers RateLimitedError on 429, holds a retry for Retry-After without sending it, then lets it through once', async () => {
    sandbox.control.faults.add({
      route: 'POST /v1/async/transactions',
      status: 429,
      body: { errors: [{ code: 1000429, message: 'Too many requests' }] },
      headers: { 'Retry-After': '1' },
    });
    const input = topUp();
    expect(await create(input)).toMatchObject({ __typename: 'RateLimitedError', retryAfterSeconds: 1 });
    const sent = sandbox.control.calls('POST /v1/async/transactions');
    // Within DT One's Retry-After the shared budget holds the call (≤ 2 s) rather than earn another 429.
    const retry = await create(input);
    expect(retry.__typename).toBe('CreateTransactionSuccess');
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(sent + 1);
    expect(sandbox.control.engine.countByExternalId(retry.transaction!.externalId)).toBe(1);
  });

  it('recovers a create whose answer was lost by looking it up, never sending twice', async () => {
    sandbox.control.faults.add({ route: 'POST /v1/async/transactions', resetAfterBytes: 10 });
    const result = await create(topUp());
    expect(result.__typename).toBe('CreateTransactionSuccess');
    expect(result.transaction!.statusClass).toBe('CREATED');
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(1);
    expect(sandbox.control.engine.countByExternalId(result.transaction!.externalId)).toBe(1);
  });

  it('returns a PENDING transaction when the outcome stays unknown', async () => {
    sandbox.control.faults.add({ route: 'POST /v1/async/transactions', resetAfterBytes: 10 });
    sandbox.control.faults.add({ route: 'GET /v1/transactions', times: 10, status: 503, body: 'down' });
    const result = await create(topUp());
    expect(result.__typename).toBe('CreateTransactionSuccess');
    expect(result.transaction!.statusClass).toBe('PENDING');
  });

  it('sends 50 identical concurrent requests to DT One once, and every caller sees the same transaction', async () => {
    const input = topUp();
    const results = await Promise.all(Array.from({ length: 50 }, () => create(input)));
    const ids = new Set(results.map((r) => r.transaction?.id));
    expect(ids.size).toBe(1);
    expect(sandbox.control.calls('POST /v1/async/transactions')).toBe(1);
    expect(sandbox.control.engine.countByExternalId(results[0]!.transaction!.externalId)).toBe(1);
  });
});

describe('confirmTransaction and cancelTransaction', () => {
  it('confirms once; a second confirm is ALREADY_CONFIRMED; cancel after confirm is NOT_CANCELLABLE', async () => {
    const created = (await create(topUp())).transaction!;
    const confirmed = await t.gql<{ confirmTransaction: Result }>(CONFIRM, { id: created.id });
    expect(confirmed.data!.confirmTransaction).toMatchObject({
      __typename: 'ConfirmTransactionSuccess',
      transaction: { statusClass: 'CONFIRMED' },
    });
    const again = await t.gql<{ confirmTransaction: Result }>(CONFIRM, { id: created.id });
    expect(again.data!.confirmTransaction).toMatchObject({
      __typename: 'InvalidStateError',
      reason: 'ALREADY_CONFIRMED',
    });
    const cancel = await t.gql<{ cancelTransaction: Result }>(CANCEL, { id: created.id });
    expect(cancel.data!.cancelTransaction).toMatchObject({
      __typename: 'InvalidStateError',
      reason: 'NOT_CANCELLABLE',
    });
  });

  it('cancels a created transaction; confirming it then is ALREADY_CANCELLED', async () => {
    const created = (await create(topUp())).transaction!;
    const cancel = await t.gql<{ cancelTransaction: Result }>(CANCEL, { id: created.id });
    expect(cancel.data!.cancelTransaction).toMatchObject({ transaction: { statusClass: 'CANCELLED' } });
    const confirm = await t.gql<{ confirmTransaction: Result }>(CONFIRM, { id: created.id });
    expect(confirm.data!.confirmTransaction).toMatchObject({
      __typename: 'InvalidStateError',
      reason: 'ALREADY_CANCELLED',
    });
  });

  it('answers EXPIRED once the confirmation window has passed', async () => {
    const created = (await create(topUp())).transaction!;
    sandbox.control.clock.advance(2 * 60 * 60_000);
    const confirm = await t.gql<{ confirmTransaction: Result }>(CONFIRM, { id: created.id });
    expect(confirm.data!.confirmTransaction).toMatchObject({
      __typename: 'InvalidStateError',
      reason: 'EXPIRED',
    });
  });
});

describe('confirm and cancel when DT One fails', () => {
  it('answers RateLimitedError and UpstreamUnavailableError, and OUTCOME_PENDING while the create is unsettled', async () => {
    const created = (await create(topUp())).transaction!;
    sandbox.control.faults.add({
      route: 'POST /v1/async/transactions/{transaction_id}/confirm',
      status: 429,
      body: { errors: [{ code: 1000429, message: 'Too many requests' }] },
    });
    const limited = await t.gql<{ confirmTransaction: Result }>(CONFIRM, { id: created.id });
    expect(limited.data!.confirmTransaction.__typename).toBe('RateLimitedError');
    sandbox.control.faults.add({
      route: 'POST /v1/transactions/{transaction_id}/cancel',
      status: 503,
      body: 'down',
    });
    const down = await t.gql<{ cancelTransaction: Result }>(CANCEL, { id: created.id });
    expect(down.data!.cancelTransaction.__typename).toBe('UpstreamUnavailableError');

    sandbox.control.faults.add({ route: 'POST /v1/async/transactions', resetAfterBytes: 10 });
    sandbox.control.faults.add({ route: 'GET /v1/transactions', times: 10, status: 503, body: 'down' });
    const pending = (await create(topUp())).transaction!;
    expect(pending.statusClass).toBe('PENDING');
    const early = await t.gql<{ confirmTransaction: Result }>(CONFIRM, { id: pending.id });
    expect(early.data!.confirmTransaction).toMatchObject({
      __typename: 'InvalidStateError',
      reason: 'OUTCOME_PENDING',
    });
  });
});

describe('tenants', () => {
  it("answers another tenant's transaction exactly like a missing one, and never calls DT One for it", async () => {
    const created = (await create(topUp())).transaction!;
    const other = await t.createKey('globex');
    const auth = { authorization: `Bearer ${other}` };
    const read = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { id } }`;
    const foreign = await t.gql(read, { id: created.id }, auth);
    const missing = await t.gql(
      read,
      { id: Buffer.from(`Transaction:${randomUUID()}`).toString('base64') },
      auth,
    );
    expect(foreign.data).toEqual({ transaction: null });
    expect(foreign.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
      missing.errors?.map((e) => [e.message, e.extensions?.code]),
    );
    sandbox.control.resetCalls();
    const confirm = await t.gql<{ confirmTransaction: Result }>(CONFIRM, { id: created.id }, auth);
    expect(confirm.data!.confirmTransaction.__typename).toBe('TransactionNotFoundError');
    expect(sandbox.control.calls()).toBe(0);
    const list = await t.gql<{ transactions: { totalCount: number } }>(
      /* GraphQL */ `{ transactions(first: 5) { totalCount } }`,
      {},
      auth,
    );
    expect(list.data!.transactions.totalCount).toBe(0);
  });

  it('refuses a wrong key with 401, no key with UNAUTHENTICATED, and a read-only key on mutations', async () => {
    const wrong = await t.gql(
      '{ __typename }',
      {},
      { authorization: 'Bearer dtgw_nobody_xxxxxxxxxxxxxxxxxxxx' },
    );
    expect(wrong.status).toBe(401);
    const anonymous = await t.gql('{ countries(first: 1) { totalCount } }', {}, { authorization: '' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const reader = await t.createKey('acme', ['catalogue:read']);
    const denied = await t.gql(CREATE, { input: topUp() }, { authorization: `Bearer ${reader}` });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const balances = await t.gql('{ balances { unit } }', {}, { authorization: `Bearer ${reader}` });
    expect(balances.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
