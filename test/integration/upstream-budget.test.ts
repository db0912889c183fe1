import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryBudget, type UpstreamBudget } from '../../src/datasources/http/budget.js';
import { createRedisBudget } from '../../src/limits/upstream-budget.js';
import type { CallRecord } from '../../src/sandbox/control/calls.js';
import { startGateway } from '../helpers/gateway.js';
import { startSandbox } from '../helpers/sandbox.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const closers: Array<() => void> = [];
afterAll(() => {
  for (const close of closers) close();
});

const told = (remaining: number, limit = 10) => ({
  'x-ratelimit-limit': String(limit),
  'x-ratelimit-remaining': String(remaining),
});

/** The same rules in one process and in Redis: every case runs on both. */
const kinds: Array<[string, () => Promise<[UpstreamBudget, UpstreamBudget]>]> = [
  [
    'in one process',
    async () => {
      const budget = createMemoryBudget();
      return [budget, budget] as [UpstreamBudget, UpstreamBudget];
    },
  ],
  [
    'in Redis, shared by two instances',
    async () => {
      const account = randomUUID();
      const a = await createRedisBudget(REDIS_URL, account);
      const b = await createRedisBudget(REDIS_URL, account);
      closers.push(a.close, b.close);
      return [a, b] as [UpstreamBudget, UpstreamBudget];
    },
  ],
];

describe.each(kinds)('the DT One budget %s', (_, make) => {
  it('sends freely until DT One reports its limit', async () => {
    const [a, b] = await make();
    expect(await a.admit('read')).toBe(0);
    expect(await b.admit('money')).toBe(0);
  });

  it('stops reads at the money reserve and money at zero, until the report lapses', async () => {
    const [a, b] = await make();
    await a.observe(200, told(2));
    expect(await b.admit('money')).toBe(0);
    // `remaining` was 2 and one money call was just taken: 1 is left, the reserve of a limit of 10.
    const readWait = await a.admit('read');
    expect(readWait).toBeGreaterThan(0);
    expect(readWait).toBeLessThanOrEqual(1_000);
    expect(await b.admit('money')).toBe(0);
    expect(await a.admit('money')).toBeGreaterThan(0);
  });

  it('holds every call after a 429 for its Retry-After', async () => {
    const [a, b] = await make();
    await a.observe(429, { 'retry-after': '5' });
    const wait = await b.admit('money');
    expect(wait).toBeGreaterThan(4_000);
    expect(wait).toBeLessThanOrEqual(5_000);
  });

  it('backs off 1 s, then 2 s, after 429s without Retry-After', async () => {
    const [a, b] = await make();
    await a.observe(429, {});
    const first = await b.admit('read');
    expect(first).toBeGreaterThan(900);
    expect(first).toBeLessThanOrEqual(1_000);
    await a.observe(429, {});
    const second = await b.admit('read');
    expect(second).toBeGreaterThan(1_900);
    expect(second).toBeLessThanOrEqual(2_000);
  });

  it('does not believe a higher count that overtook a lower one', async () => {
    const [a, b] = await make();
    await a.observe(200, told(1));
    await a.observe(200, told(9));
    expect(await b.admit('read')).toBeGreaterThan(0);
    expect(await b.admit('money')).toBe(0);
    expect(await b.admit('money')).toBeGreaterThan(0);
  });
});

describe('two gateways against a rate-limited DT One', () => {
  it('share one budget: reads leave the reserve to a payment, and a flood earns few 429s and no 5xx', async () => {
    const sandbox = await startSandbox({ rateLimit: { limit: 10, windowMs: 600_000 } });
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-budget-'));
    const env = { REDIS_URL };
    const a = await startGateway({ sandbox, dataDir, env });
    const b = await startGateway({ sandbox, dataDir, env });
    const products = sandbox.catalogue.products.filter(
      (p) =>
        p.type === 'FIXED_VALUE_RECHARGE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    );
    const read = (gateway: typeof a, i: number) =>
      gateway.gql(`{ product(id: ${products[i]!.id}) { id } }`, undefined, {
        authorization: `Bearer ${a.apiKey}`,
      });

    // Nine reads across both instances bring DT One's count to 1: the reserve of a limit of 10.
    for (let i = 0; i < 9; i++) expect((await read(i % 2 ? b : a, i)).data).toBeTruthy();
    const log = () => sandbox.control.callLog() as readonly CallRecord[];
    expect(log().filter((c) => c.status === 429)).toHaveLength(0);

    // A read now waits for the report to lapse; the payment sent after it goes first and takes the last call.
    const held = read(b, 9);
    const payment = await a.gql<{ createTransaction: { __typename: string } }>(
      `mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) { __typename } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          // Browsed a moment ago, as a checkout does: the product comes from the cache.
          productId: products[0]!.id,
          creditParty: { mobileNumber: '+6591234100' },
        },
      },
    );
    expect(payment.data?.createTransaction.__typename, payment.text).toBe('CreateTransactionSuccess');
    await held;
    const routes = log().map((c) => c.routeKey);
    expect(routes.indexOf('POST /v1/async/transactions')).toBeLessThan(
      routes.lastIndexOf('GET /v1/products/{product_id}'),
    );

    // A flood past the limit: every answer is a typed rate limit or data, never a 5xx, and DT One sees few 429s.
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => read(i % 2 ? b : a, 30 + i)));
    for (const answer of answers) {
      expect(answer.status).toBeLessThan(500);
      for (const error of answer.errors ?? []) {
        expect(error.extensions?.code).toBe('RATE_LIMITED');
        expect(error.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      }
    }
    const refusals = log().filter((c) => c.status === 429).length;
    expect(refusals).toBeLessThanOrEqual(6);
  });
});
