import { randomUUID } from 'node:crypto';
import { parse, subscribe } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../src/context.js';
import { schema } from '../../src/schema/index.js';
import type { StatusHistoryEntry, TransactionRecord } from '../../src/store/types.js';
import { createMemoryPubSub } from '../../src/subscriptions/pubsub.js';
import { callbackTokenFor } from '../../src/transactions/identity.js';
import { startGateway } from '../helpers/gateway.js';
import { mobileTopUp } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const WATCH = parse(/* GraphQL */ `subscription ($id: ID!) { transactionUpdated(id: $id) { statusClass } }`);

/** A store of one transaction that counts its reads, behind the context the subscription resolver uses. */
function fixture() {
  const id = randomUUID();
  const history: StatusHistoryEntry[] = [];
  const record = {
    id,
    tenantId: 'acme',
    api: 'DVS',
    status: 'CREATED',
    statusClass: 'CREATED',
  } as TransactionRecord;
  const reads = { get: 0, history: 0 };
  const record_status = (statusClass: string) => {
    history.push({
      transactionId: id,
      seq: history.length + 1,
      status: statusClass,
      statusClass,
      source: 'callback',
      at: new Date().toISOString(),
    });
  };
  record_status('CREATED');
  const pubsub = createMemoryPubSub();
  const ctx = {
    caller: { tenantId: 'acme', keyId: null, scopes: new Set(['transactions:read']) },
    pubsub,
    transactions: {
      get: async (tenantId: string, txId: string) => {
        reads.get++;
        return tenantId === 'acme' && txId === id ? record : undefined;
      },
      history: async () => {
        reads.history++;
        return [...history];
      },
    },
  } as unknown as GatewayContext;
  const open = async () => {
    const result = await subscribe({
      schema,
      document: WATCH,
      variableValues: { id: Buffer.from(`Transaction:${id}`).toString('base64') },
      contextValue: ctx,
    });
    if (!(Symbol.asyncIterator in result)) throw new Error(JSON.stringify(result));
    return result as AsyncGenerator<{ data?: { transactionUpdated: { statusClass: string } } }>;
  };
  const change = (statusClass: string) => {
    record_status(statusClass);
    void pubsub.publish({ transactionId: id });
  };
  return { open, change, reads, pubsub };
}

const classOf = async (stream: Awaited<ReturnType<ReturnType<typeof fixture>['open']>>) =>
  (await stream.next()).value?.data?.transactionUpdated.statusClass;

describe('transactionUpdated fan-out', () => {
  it('stops listening as soon as the client completes, while no change is pending', async () => {
    const f = fixture();
    const stream = await f.open();
    expect(await classOf(stream)).toBe('CREATED');
    const waiting = stream.next();
    expect(f.pubsub.listeners()).toBe(1);
    await stream.return(undefined);
    expect(f.pubsub.listeners()).toBe(0);
    expect((await waiting).done).toBe(true);
  });

  it('reads the store once per change for all subscribers of a transaction, each getting it once, in order', async () => {
    const f = fixture();
    const streams = await Promise.all(Array.from({ length: 50 }, () => f.open()));
    for (const s of streams) expect(await classOf(s)).toBe('CREATED');
    const before = { ...f.reads };
    f.change('CONFIRMED');
    for (const s of streams) expect(await classOf(s)).toBe('CONFIRMED');
    expect(f.reads.get - before.get).toBe(1);
    expect(f.reads.history - before.history).toBe(1);

    f.change('SUBMITTED');
    f.change('COMPLETED');
    for (const s of streams) {
      expect(await classOf(s)).toBe('SUBMITTED');
      expect(await classOf(s)).toBe('COMPLETED');
    }
    await Promise.all(streams.map((s) => s.return(undefined)));
    expect(f.pubsub.listeners()).toBe(0);
  });

  it('does not let a later change be read from an earlier read', async () => {
    const f = fixture();
    const [a, b] = [await f.open(), await f.open()];
    expect(await classOf(a)).toBe('CREATED');
    expect(await classOf(b)).toBe('CREATED');
    f.change('CONFIRMED');
    const first = classOf(a);
    // A second change lands before b resumes: b must see it even if a's read started before it.
    f.change('SUBMITTED');
    expect(await first).toBe('CONFIRMED');
    expect(await classOf(b)).toBe('CONFIRMED');
    expect(await classOf(b)).toBe('SUBMITTED');
    expect(await classOf(a)).toBe('SUBMITTED');
  });
});

/**
 * A gateway whose first poll is an hour away and whose sandbox drops its own callbacks, with one top-up created:
 * the test sends the callbacks itself and counts DT One re-reads.
 */
async function oneTopUp(reconcileIntervalMs: string, mobileNumber: string) {
  const secret = 'a-callback-secret-for-this-test-of-32+chars';
  const t = await startGateway({
    env: {
      CALLBACK_SECRET: secret,
      RECONCILE_FIRST_POLL_MS: '3600000',
      RECONCILE_INTERVAL_MS: reconcileIntervalMs,
    },
  });
  t.sandbox.control.engine.setCallbackFaults({ drop: 1 });
  const product = mobileTopUp(t.sandbox);
  const created = await t.gql<{ createTransaction: { transaction: { id: string; upstreamId: string } } }>(
    /* GraphQL */ `mutation ($input: CreateTransactionInput!) {
      createTransaction(input: $input) { ... on CreateTransactionSuccess { transaction { id upstreamId } } }
    }`,
    { input: { idempotencyKey: randomUUID(), productId: product.id, creditParty: { mobileNumber } } },
  );
  const { id, upstreamId } = created.data!.createTransaction.transaction;
  const local = Buffer.from(id, 'base64').toString().split(':')[1]!;
  const callback = () =>
    fetch(`${t.url}/callbacks/dtone/${local}/${callbackTokenFor(secret, local)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  const reReads = () => t.sandbox.control.calls('GET /v1/transactions/{transaction_id}');
  return { t, id, upstreamId, callback, reReads };
}

describe('callbacks of one transaction arriving together', () => {
  it('share one re-read while one is running, then one more; a later callback is re-read again', async () => {
    const { t, id, upstreamId, callback, reReads } = await oneTopUp('3600000', '+6591234300');
    const read = async () =>
      (
        await t.gql<{ transaction: { statusClass: string; history: { statusClass: string }[] } }>(
          /* GraphQL */ `query ($id: ID!) { transaction(id: $id) { statusClass history { statusClass } } }`,
          { id },
        )
      ).data!.transaction;

    // The test sandbox runs fast: confirmed, the transaction is COMPLETED by the time the callbacks land.
    await t.sandbox.control.engine.confirm(upstreamId, 'async');
    await t.sandbox.control.engine.callbacksIdle();
    // The first re-read hangs, so the other callbacks surely arrive while it runs.
    t.sandbox.control.faults.add({ route: 'GET /v1/transactions/{transaction_id}', times: 1, hangMs: 300 });
    const before = reReads();
    const answers = await Promise.all(Array.from({ length: 5 }, callback));
    expect(answers.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
    await waitFor('the burst re-read and recorded', read, (tx) => tx.statusClass === 'COMPLETED');
    await waitFor('the two re-reads of the burst', reReads, (n) => n - before >= 2);

    // A later callback is re-read again: the next state is not missed. It is also the barrier for the burst: once
    // its state is recorded, the burst's work is over, and it cost exactly two re-reads.
    t.sandbox.control.engine.reverse(upstreamId);
    expect((await callback()).status).toBe(204);
    await waitFor('the later callback recorded', read, (tx) => tx.statusClass === 'REVERSED');
    expect(reReads() - before).toBe(3);
    const classes = (await read()).history.map((h) => h.statusClass);
    expect(new Set(classes).size).toBe(classes.length);
    expect(classes.at(-2)).toBe('COMPLETED');
  });

  it("has the reconciler look again at once when a callback's re-read finds nothing new yet", async () => {
    // The first poll is an hour away and the reconciler wakes every 50 ms: only a "poll now" makes it re-read.
    const { callback, reReads } = await oneTopUp('50', '+6591234301');
    const before = reReads();
    // DT One has not moved it: the callback outran the state it announces.
    expect((await callback()).status).toBe(204);
    await waitFor("the callback's re-read and then the reconciler's", reReads, (n) => n - before >= 2);
  });
});
