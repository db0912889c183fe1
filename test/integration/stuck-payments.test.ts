import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isFinal } from '../../src/transactions/state.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

/**
 * The probe's sequence (issue 13): an upstream 503 fails a create, a reconciler pass closes the failed intent and
 * clears its poll, the client's retry sends it after all, and its callback is lost. The transaction must still
 * reach DT One's final status: every transaction that is not final has a poll scheduled.
 */
const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id statusClass } }
    }
  }
`;

/** A fixed top-up that needs only the recipient's mobile number. */
function mobileTopUp(t: TestGateway) {
  return t.sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
  )!;
}

async function create(t: TestGateway, input: Record<string, unknown>) {
  const res = await t.gql<{ createTransaction: { __typename: string; transaction?: { id: string } } }>(
    CREATE,
    {
      input,
    },
  );
  return res.data!.createTransaction;
}

describe('a top-up retried after the reconciler closed its failed intent', () => {
  it('gets a poll again and settles at DT One’s final status although its callback is lost', async () => {
    const t = await startGateway({
      env: {
        // Callbacks go nowhere; only polls can settle the transaction. The reconciler runs when the test says.
        PUBLIC_URL: 'http://127.0.0.1:9',
        RECONCILE_FIRST_POLL_MS: '1',
        RECONCILE_INTERVAL_MS: '3600000',
      },
    });
    const product = mobileTopUp(t);
    const input = {
      idempotencyKey: randomUUID(),
      productId: product.id,
      creditParty: { mobileNumber: '+6591234100' },
      autoConfirm: true,
    };
    t.sandbox.control.faults.add({ route: 'POST /v1/async/transactions', status: 503, body: 'down' });
    expect((await create(t, input)).__typename).toBe('UpstreamUnavailableError');

    const [failed] = (await t.gateway.store.listTransactions({ tenantId: 'acme' }, { offset: 0, limit: 1 }))
      .items;
    await waitFor(
      'the reconciler to close the failed intent',
      async () => {
        await t.gateway.reconcileNow();
        return t.gateway.store.getTransaction('acme', failed!.id);
      },
      (record) => record?.phase === 'FAILED' && record.nextPollAt === null,
    );

    const retried = await create(t, input);
    expect(retried.__typename).toBe('CreateTransactionSuccess');
    const sent = await t.gateway.store.getTransaction('acme', failed!.id);
    expect(sent?.phase).toBe('SENT');
    expect(isFinal(sent!.statusClass) || sent!.nextPollAt !== null).toBe(true);

    const settled = await waitFor(
      'the transaction to settle through polls alone',
      async () => {
        await t.gateway.reconcileNow();
        return t.gateway.store.getTransaction('acme', failed!.id);
      },
      (record) => record !== undefined && isFinal(record.statusClass),
    );
    const upstream = t.sandbox.control.engine.all().find((tx) => tx.external_id === settled!.externalId) as {
      status: { class: { message: string } };
    };
    expect(settled!.statusClass).toBe(upstream.status.class.message);
    expect(t.sandbox.control.engine.countByExternalId(settled!.externalId)).toBe(1);
  });
});

describe('a callback whose token does not match', () => {
  it('is refused with 404 yet has the transaction it names polled, so nothing waits on it', async () => {
    const t = await startGateway({
      env: {
        PUBLIC_URL: 'http://127.0.0.1:9',
        RECONCILE_FIRST_POLL_MS: '3600000',
        RECONCILE_INTERVAL_MS: '3600000',
      },
    });
    const product = mobileTopUp(t);
    const created = await create(t, {
      idempotencyKey: randomUUID(),
      productId: product.id,
      creditParty: { mobileNumber: '+6591234100' },
    });
    expect(created.__typename).toBe('CreateTransactionSuccess');
    const [record] = (await t.gateway.store.listTransactions({ tenantId: 'acme' }, { offset: 0, limit: 1 }))
      .items;
    const now = await t.gateway.store.now();
    expect(record!.nextPollAt! > now).toBe(true);

    const res = await fetch(`${t.url}/callbacks/dtone/${record!.id}/${'x'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1 }),
    });
    expect(res.status).toBe(404);
    const after = await t.gateway.store.getTransaction('acme', record!.id);
    expect(after!.nextPollAt! <= (await t.gateway.store.now())).toBe(true);
    // An id nobody has is only a 404.
    const unknown = await fetch(`${t.url}/callbacks/dtone/${randomUUID()}/${'x'.repeat(43)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(unknown.status).toBe(404);
  });
});

describe('a replay of a top-up whose outcome is unknown', () => {
  it('looks it up again, as a bill payment’s replay does, and answers what DT One has', async () => {
    const t = await startGateway({
      env: { RECONCILE_INTERVAL_MS: '3600000', RECONCILE_FIRST_POLL_MS: '3600000' },
    });
    const product = mobileTopUp(t);
    const input = {
      idempotencyKey: randomUUID(),
      productId: product.id,
      creditParty: { mobileNumber: '+6591234100' },
    };
    t.sandbox.control.faults.add({ route: 'POST /v1/async/transactions', resetAfterBytes: 10 });
    t.sandbox.control.faults.add({ route: 'GET /v1/transactions', times: 10, status: 503, body: 'down' });
    const query = `mutation ($input: CreateTransactionInput!) { createTransaction(input: $input) {
      ... on CreateTransactionSuccess { transaction { statusClass } } } }`;
    type Answer = { createTransaction: { transaction: { statusClass: string } } };
    const first = await t.gql<Answer>(query, { input });
    expect(first.data!.createTransaction.transaction.statusClass).toBe('PENDING');
    t.sandbox.control.faults.clear();
    const replayed = await t.gql<Answer>(query, { input });
    expect(replayed.data!.createTransaction.transaction.statusClass).toBe('CREATED');
    expect(t.sandbox.control.calls('POST /v1/async/transactions')).toBe(1);
  });
});

describe('a top-up whose create answer was a 500 DT One never acted on', () => {
  it('is found missing by the reconciler, marked not sent, and the retry sends it once', async () => {
    const t = await startGateway({ env: { RECONCILE_INTERVAL_MS: '3600000', RECONCILE_FIRST_POLL_MS: '1' } });
    const input = {
      idempotencyKey: randomUUID(),
      productId: mobileTopUp(t).id,
      creditParty: { mobileNumber: '+6591234100' },
    };
    t.sandbox.control.faults.add({ route: 'POST /v1/async/transactions', status: 500, body: 'boom' });
    // A 5xx other than 503 may come after DT One acted: the outcome is unknown, not failed.
    expect((await create(t, input)).__typename).toBe('CreateTransactionSuccess');
    const [unknown] = (await t.gateway.store.listTransactions({ tenantId: 'acme' }, { offset: 0, limit: 1 }))
      .items;
    expect(unknown!.phase).toBe('OUTCOME_UNKNOWN');
    await waitFor(
      'the reconciler to find it missing at DT One',
      async () => {
        await t.gateway.reconcileNow();
        return t.gateway.store.getTransaction('acme', unknown!.id);
      },
      (record) => record?.phase === 'FAILED' && record.errorCode === 'NOT_SENT',
    );
    expect((await create(t, input)).__typename).toBe('CreateTransactionSuccess');
    const sent = await t.gateway.store.getTransaction('acme', unknown!.id);
    expect(sent!.phase).toBe('SENT');
    expect(t.sandbox.control.engine.countByExternalId(sent!.externalId)).toBe(1);
  });
});

describe('a top-up confirmed after the reconciler backed off while it waited for the confirm', () => {
  it('is polled again soon after the confirm, so a lost callback leaves it waiting no longer', async () => {
    const t = await startGateway({
      env: { PUBLIC_URL: 'http://127.0.0.1:9', RECONCILE_FIRST_POLL_MS: '200', RECONCILE_INTERVAL_MS: '100' },
    });
    const created = await create(t, {
      idempotencyKey: randomUUID(),
      productId: mobileTopUp(t).id,
      creditParty: { mobileNumber: '+6591234100' },
    });
    const id = created.transaction!.id;
    const local = Buffer.from(id, 'base64').toString().split(':')[1]!;
    // Polled three times while CREATED: the next poll is a minute away.
    for (let i = 0; i < 3; i++) await t.gateway.store.recordPoll(local, { pollAfterMs: 60_000 });
    const confirmed = await t.gql<{ confirmTransaction: { __typename: string } }>(
      /* GraphQL */ `mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`,
      { id },
    );
    expect(confirmed.data?.confirmTransaction.__typename).toBe('ConfirmTransactionSuccess');
    const settled = await waitFor(
      'the confirmed top-up to settle through polls alone',
      () => t.gateway.store.getTransaction('acme', local),
      (record) => record !== undefined && isFinal(record.statusClass),
      10_000,
    );
    expect(settled?.statusClass).toBe('COMPLETED');
  });
});
