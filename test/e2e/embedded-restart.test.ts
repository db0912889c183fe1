import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { SANDBOX_TENANT } from '../../src/auth/api-keys.js';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { freePort, post, spawnGateway } from '../helpers/gateway-process.js';
import { waitFor } from '../helpers/wait.js';

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id externalId statusClass } }
      ... on Error { code message }
    }
  }
`;

const TRANSACTION = /* GraphQL */ `
  query ($id: ID!) {
    transaction(id: $id) { statusClass status operatorReference }
  }
`;

const BALANCE = /* GraphQL */ `
  query {
    balances(unit: "USD") { available { amount } holding { amount } }
  }
`;

/** The sandbox's time scale: its …300 outcome lands 300 s × 0.01 = 3 s after confirmation. */
const TIME_SCALE = 0.01;
const OUTCOME_DELAY_MS = 300_000 * TIME_SCALE;

/** An anonymous operation (embedded mode's `sandbox` tenant) that must answer without errors: its `data`. */
async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const result = await post(url, '', query, variables);
  if (result.dropped) throw new Error(`the gateway at ${url} dropped the request`);
  expect(result.body.errors).toBeUndefined();
  return result.body.data ?? {};
}

/** One embedded gateway's environment: its data folder, and fixed ports so that callback URLs stay valid. */
async function embeddedEnv(extra: Record<string, string> = {}) {
  return {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-embedded-restart-')),
    PORT: String(await freePort()),
    SANDBOX_PORT: String(await freePort()),
    SANDBOX_TIME_SCALE: String(TIME_SCALE),
    ...extra,
  };
}

/** What the embedded sandbox (a control call on its fixed port) says about its callbacks and transactions. */
async function sandboxControl<T>(env: { SANDBOX_PORT: string }, path: string): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${env.SANDBOX_PORT}/__sandbox/${path}`);
  return (await res.json()) as T;
}

type Delivery = { status: string; httpStatus?: number };

async function usdBalance(url: string) {
  const data = await graphql(url, BALANCE);
  const [usd] = data.balances as Array<{ available: { amount: string }; holding: { amount: string } }>;
  return { available: usd!.available.amount, holding: usd!.holding.amount };
}

describe('an embedded gateway restarted with a top-up in flight', () => {
  it('settles it from the sandbox callback after the restart, and the balance counts it once', async () => {
    // The reconciler stays out of it: only the sandbox's callback can settle the top-up.
    const env = await embeddedEnv({ RECONCILE_FIRST_POLL_MS: '600000' });
    const first = await spawnGateway(env);
    const before = await usdBalance(first.url);
    const input = {
      idempotencyKey: randomUUID(),
      productId: 1, // USD 1.07 wholesale, no fee, in the seed-1 catalogue
      creditParty: { mobileNumber: '+6591234300' },
      autoConfirm: true,
    };
    const created = await graphql(first.url, CREATE, { input });
    const confirmedBy = Date.now();
    const { transaction } = created.createTransaction as {
      transaction: { id: string; externalId: string; statusClass: string };
    };
    expect(transaction.statusClass).toBe('CONFIRMED');

    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    await waitFor(
      'the outcome to fall due while the gateway is down',
      () => Date.now(),
      (now) => now > confirmedBy + OUTCOME_DELAY_MS,
      OUTCOME_DELAY_MS + 5_000,
    );

    const second = await spawnGateway(env);
    const settled = await waitFor(
      'the top-up to complete after the restart',
      async () => (await graphql(second.url, TRANSACTION, { id: transaction.id })).transaction,
      (tx) => (tx as { statusClass: string }).statusClass === 'COMPLETED',
      20_000,
    );
    expect(settled).toMatchObject({
      status: 'COMPLETED',
      operatorReference: expect.stringMatching(/^\d{12}$/),
    });

    // The callback, not a poll, settled it: the restarted sandbox's one delivery reached the restarted gateway.
    expect(await sandboxControl<Delivery[]>(env, 'callbacks')).toEqual([
      expect.objectContaining({ status: 'COMPLETED', httpStatus: 204 }),
    ]);
    const upstream = await sandboxControl<Array<{ external_id: string }>>(env, 'transactions');
    expect(upstream.filter((tx) => tx.external_id === transaction.externalId)).toHaveLength(1);

    const after = await usdBalance(second.url);
    expect(after.holding).toBe(before.holding);
    expect(new Decimal(before.available).minus(after.available).toFixed()).toBe('1.07');
  }, 90_000);

  it('accepts the callbacks of a create recorded by the killed process and sent by the restarted one', async () => {
    // A create recorded but not sent when the process died is sent by the next one, with a callback token derived
    // from the callback secret: only the same secret as the first process makes it match the recorded one.
    const env = await embeddedEnv({ RECONCILE_FIRST_POLL_MS: '300', RECONCILE_INTERVAL_MS: '100' });
    const input = {
      idempotencyKey: randomUUID(),
      productId: 1,
      creditParty: { mobileNumber: '+6591234100' },
      autoConfirm: true,
    };
    const first = await spawnGateway({ ...env, GATEWAY_CRASH_POINT: 'after-intent' });
    expect((await post(first.url, '', CREATE, { input })).dropped).toBe(true);
    expect(await first.exited).toBeNull();

    const second = await spawnGateway(env);
    const store: Store = await createStore(loadConfig({ DATA_DIR: env.DATA_DIR }).store);
    try {
      await waitFor(
        'the restarted gateway to find the unsent intent',
        () => store.getByIdempotencyKey(SANDBOX_TENANT, 'DVS', input.idempotencyKey),
        (record) => record?.phase === 'FAILED',
      );
    } finally {
      await store.close();
    }
    const retried = await graphql(second.url, CREATE, { input });
    const { transaction } = retried.createTransaction as { transaction: { id: string } };
    await waitFor(
      'the retried top-up to complete',
      async () => (await graphql(second.url, TRANSACTION, { id: transaction.id })).transaction,
      (tx) => (tx as { statusClass: string }).statusClass === 'COMPLETED',
      20_000,
    );
    const deliveries = await waitFor(
      'its callback to be answered',
      () => sandboxControl<Delivery[]>(env, 'callbacks'),
      (all) => all.some((d) => d.httpStatus !== undefined),
    );
    expect(deliveries[0]).toMatchObject({ status: 'COMPLETED', httpStatus: 204 });
  }, 90_000);
});
