import { randomUUID } from 'node:crypto';
import { stringify } from 'lossless-json';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Product } from '../../src/datasources/dtone/types.js';
import { Decimal } from '../../src/money/decimal.js';
import { parseJson } from '../../src/money/json.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { spendOf, toMicros } from '../../src/transactions/spend.js';
import { startGateway, TEST_DATA_KEY, type TestGateway } from '../helpers/gateway.js';
import { post, spawnGateway } from '../helpers/gateway-process.js';
import { freshDatabaseWithKey } from '../helpers/postgres.js';
import { startSandbox } from '../helpers/sandbox.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on Error { code message }
      ... on SpendLimitExceededError { cap { amount unit } spent { amount unit } requested { amount unit } }
      ... on CreateTransactionSuccess { transaction { id } }
    }
  }
`;
const POSTS = 'POST /v1/async/transactions';

type Result = {
  __typename: string;
  code?: string;
  cap?: { amount: string; unit: string };
  spent?: { amount: string; unit: string };
  requested?: { amount: string; unit: string };
};

/** A fixed top-up priced in USD, and what one costs the tenant (wholesale price plus fee). */
function usdTopUp(sandbox: Sandbox) {
  const product = sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]' &&
      (p.json.en.prices as { wholesale: { unit: string } }).wholesale.unit === 'USD',
  )!;
  // As the gateway reads it off the wire (the sandbox keeps lossless numbers).
  const wire = parseJson(stringify(product.json.en)!) as Product;
  const spend = spendOf(wire, { idempotencyKey: 'x', productId: product.id })!;
  expect(spend.unit).toBe('USD');
  return { productId: product.id, micros: spend.micros };
}

const input = (productId: number, key = randomUUID()) => ({
  idempotencyKey: key,
  productId,
  creditParty: { mobileNumber: '+6591234100' },
});

/** `micros` as the decimal text a cap is set with. */
const asDecimal = (micros: bigint) =>
  Decimal.div(Decimal.parse(micros.toString()), Decimal.parse('1000000'), 6, 'down');

async function capAt(store: Store, tenantId: string, micros: bigint) {
  const daily = asDecimal(micros);
  await store.setSpendCap({ tenantId, unit: 'USD', daily, dailyMicros: toMicros(daily) });
}

describe('spend caps per tenant', () => {
  it('refuses the create that would pass the cap with SpendLimitExceededError, sending nothing; replays still answer', async () => {
    const t: TestGateway = await startGateway();
    const { productId, micros } = usdTopUp(t.sandbox);
    await capAt(t.gateway.store, 'acme', micros * 3n);
    const create = async (body: ReturnType<typeof input>) =>
      (await t.gql<{ createTransaction: Result }>(CREATE, { input: body })).data!.createTransaction;

    const accepted = [input(productId), input(productId), input(productId)];
    for (const body of accepted) expect((await create(body)).__typename).toBe('CreateTransactionSuccess');
    const before = t.sandbox.control.calls(POSTS);
    const refused = await create(input(productId));
    expect(refused).toMatchObject({
      __typename: 'SpendLimitExceededError',
      code: 'SPEND_LIMIT_EXCEEDED',
      cap: { unit: 'USD' },
      spent: { unit: 'USD' },
      requested: { unit: 'USD' },
    });
    expect(Decimal.eq(Decimal.parse(refused.cap!.amount), asDecimal(micros * 3n))).toBe(true);
    expect(Decimal.eq(Decimal.parse(refused.spent!.amount), asDecimal(micros * 3n))).toBe(true);
    expect(Decimal.eq(Decimal.parse(refused.requested!.amount), asDecimal(micros))).toBe(true);
    expect(t.sandbox.control.calls(POSTS)).toBe(before);

    // A replay of an accepted key is the same transaction, not a new spend.
    expect((await create(accepted[0]!)).__typename).toBe('CreateTransactionSuccess');
    // Another tenant has no cap; raising acme's lets it spend again.
    const other = await t.createKey('globex');
    const globex = await t.gql<{ createTransaction: Result }>(
      CREATE,
      { input: input(productId) },
      {
        authorization: `Bearer ${other}`,
      },
    );
    expect(globex.data!.createTransaction.__typename).toBe('CreateTransactionSuccess');
    await capAt(t.gateway.store, 'acme', micros * 4n);
    expect((await create(input(productId))).__typename).toBe('CreateTransactionSuccess');
    expect(await t.gateway.store.spentToday('acme', 'USD')).toBe(micros * 4n);
  });

  it('lets exactly as many of 50 concurrent creates through as fit the cap, on SQLite', async () => {
    const t = await startGateway();
    const { productId, micros } = usdTopUp(t.sandbox);
    await capAt(t.gateway.store, 'acme', micros * 10n);
    const before = t.sandbox.control.calls(POSTS);
    const results = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const res = await t.gql<{ createTransaction: Result }>(CREATE, { input: input(productId) });
        return res.data!.createTransaction.__typename;
      }),
    );
    expect(results.filter((r) => r === 'CreateTransactionSuccess')).toHaveLength(10);
    expect(results.filter((r) => r === 'SpendLimitExceededError')).toHaveLength(40);
    expect(t.sandbox.control.calls(POSTS) - before).toBe(10);
    expect(await t.gateway.store.spentToday('acme', 'USD')).toBe(micros * 10n);
  });

  describe('on PostgreSQL across two gateway processes', () => {
    let drop: (() => Promise<void>) | undefined;
    afterAll(async () => {
      await drop?.();
    });

    it('never overshoots the cap under 50 concurrent creates split between them', async () => {
      const db = await freshDatabaseWithKey('dtgw_spend');
      drop = db.drop;
      const sandbox = await startSandbox();
      const { productId, micros } = usdTopUp(sandbox);
      const store = await createStore(loadConfig({ DATABASE_URL: db.databaseUrl }).store);
      try {
        await capAt(store, 'acme', micros * 10n);
      } finally {
        await store.close();
      }
      const env = {
        DATABASE_URL: db.databaseUrl,
        DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
        DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
        DTONE_BASE_URL: `${sandbox.url}/v1`,
        DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
        CALLBACK_SECRET: 'a-deployment-secret-of-at-least-32-characters',
      };
      const [a, b] = await Promise.all([spawnGateway(env), spawnGateway(env)]);
      const results = await Promise.all(
        Array.from({ length: 50 }, async (_, i) => {
          const answer = await post((i % 2 ? b : a).url, db.apiKey, CREATE, { input: input(productId) });
          if (answer.dropped) return 'dropped';
          return (answer.body.data?.createTransaction as Result | undefined)?.__typename ?? 'no data';
        }),
      );
      expect(results.filter((r) => r === 'CreateTransactionSuccess')).toHaveLength(10);
      expect(results.filter((r) => r === 'SpendLimitExceededError')).toHaveLength(40);
      expect(sandbox.control.calls(POSTS)).toBe(10);
      const check = await createStore(loadConfig({ DATABASE_URL: db.databaseUrl }).store);
      try {
        expect(await check.spentToday('acme', 'USD')).toBe(micros * 10n);
      } finally {
        await check.close();
      }
    }, 60_000);
  });
});
