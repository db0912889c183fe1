import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { mobileTopUp } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

describe('reconciler', () => {
  it('flags a transaction for review once it stays unknown past the horizon, and stops polling it', async () => {
    const t = await startGateway({
      env: { RECONCILE_FIRST_POLL_MS: '100', RECONCILE_INTERVAL_MS: '50', RECONCILE_HORIZON_MS: '300' },
    });
    const product = mobileTopUp(t.sandbox);
    // The create's answer is lost and DT One's look-up stays down: the outcome is unknown for good.
    t.sandbox.control.faults.add({ route: 'POST /v1/async/transactions', resetAfterBytes: 10 });
    t.sandbox.control.faults.add({
      route: 'GET /v1/transactions',
      times: 100_000,
      status: 503,
      body: 'down',
    });
    const created = await t.gql<{ createTransaction: { transaction: { id: string; statusClass: string } } }>(
      /* GraphQL */ `mutation ($input: CreateTransactionInput!) {
        createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id statusClass } } }
      }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: product.id,
          creditParty: { mobileNumber: '+6591234100' },
        },
      },
    );
    const id = created.data!.createTransaction.transaction.id;
    expect(created.data!.createTransaction.transaction.statusClass).toBe('PENDING');

    const READ = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass needsReview } }`;
    const read = await waitFor(
      'the transaction flagged for review',
      () => t.gql<{ transaction: { statusClass: string; needsReview: boolean } }>(READ, { id }),
      (r) => r.data?.transaction.needsReview === true,
      10_000,
    );
    expect(read.data!.transaction).toEqual({ statusClass: 'PENDING', needsReview: true });
    // Barrier: a whole reconciler round runs after the flag, and neither polls it nor asks DT One about it.
    const polls = t.sandbox.control.calls('GET /v1/transactions');
    const local = Buffer.from(id, 'base64').toString().split(':')[1]!;
    expect((await t.gateway.store.getTransaction('acme', local))?.nextPollAt).toBeNull();
    expect((await t.gateway.reconcileNow()).map((step) => step.id)).not.toContain(local);
    expect(t.sandbox.control.calls('GET /v1/transactions')).toBe(polls);
  });

  it('settles a transaction whose callback never comes, by polling DT One', async () => {
    const t = await startGateway({ env: { RECONCILE_FIRST_POLL_MS: '100', RECONCILE_INTERVAL_MS: '50' } });
    t.sandbox.control.engine.setCallbackFaults({ drop: 1 });
    const product = mobileTopUp(t.sandbox);
    const created = await t.gql<{ createTransaction: { transaction: { id: string } } }>(
      /* GraphQL */ `mutation ($input: CreateTransactionInput!) {
        createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id } } }
      }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: product.id,
          creditParty: { mobileNumber: '+6591234102' },
          autoConfirm: true,
        },
      },
    );
    const id = created.data!.createTransaction.transaction.id;
    const READ = /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass status } }`;
    const read = await waitFor(
      'the transaction settled by polls',
      () => t.gql<{ transaction: { statusClass: string; status: string } }>(READ, { id }),
      (r) => r.data?.transaction.statusClass === 'DECLINED',
      10_000,
    );
    expect(read.data!.transaction).toEqual({
      statusClass: 'DECLINED',
      status: 'DECLINED-INVALID-CREDIT-PARTY',
    });
  });
});
