/**
 * Scenario (e), live half: callback → subscriber latency across instances. Transactions are created through A with
 * `autoConfirm`; the sandbox's COMPLETED callbacks land in the bench's sink (the gateways' PUBLIC_URL) and are then
 * replayed to A at a paced rate, alternating between transactions watched on B (A≠B: the event crosses Redis) and
 * transactions watched on A (A=B), so drift on the shared machine hits both sides alike. Subscribers are graphql-ws
 * clients in this process; the latency is from the replayed POST's start to the COMPLETED event's arrival.
 */
import { randomUUID } from 'node:crypto';
import { type Client, createClient } from 'graphql-ws';
import { request } from 'undici';
import WebSocket from 'ws';
import { paced, quantile, sleep, wallClock } from '../floors/redis-pubsub.js';
import type { BenchProcess } from '../lib/processes.js';
import type { Check, Row } from '../lib/report.js';
import type { Served } from './a-setup.js';
import { graphql, type ScaleOutContext } from './e-setup.js';

const SCENARIO = 'e.live';
/** Replayed callbacks per second, both sides together. */
export const CALLBACK_RATE = 200;
const CREATE_CONCURRENCY = 8;
const EVENT_TIMEOUT_MS = 10_000;

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id externalId } }
    }
  }
`;
const WATCH = 'subscription ($id: ID!) { transactionUpdated(id: $id) { id status statusClass } }';

interface Created {
  /** The GraphQL id. */
  id: string;
  /** DT One's external_id: what the sink keys the callbacks by. */
  externalId: string;
}

interface Watched extends Created {
  /** Where the subscriber is. */
  side: 'A≠B' | 'A=B';
  subscribed: boolean;
  sentAt?: number;
  completedAt?: number;
  status?: number;
}

/** A product whose only required credit party field is a mobile number (so `+65…100` completes after 3 s). */
async function mobileProduct(ctx: ScaleOutContext): Promise<number> {
  const { apiKey, apiSecret } = ctx.env.credentials;
  const res = await request(
    `${ctx.env.dvsEnv.DTONE_BASE_URL}/products?type=FIXED_VALUE_RECHARGE&per_page=100`,
    { headers: { authorization: `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}` } },
  );
  const products = (await res.body.json()) as {
    id: number;
    required_credit_party_identifier_fields: unknown;
  }[];
  const product = products.find(
    (p) => JSON.stringify(p.required_credit_party_identifier_fields) === '[["mobile_number"]]',
  );
  if (!product) throw new Error('the sandbox has no fixed-value product needing only a mobile number');
  return product.id;
}

async function createTransactions(ctx: ScaleOutContext, count: number): Promise<Created[]> {
  const productId = await mobileProduct(ctx);
  const out: Created[] = [];
  const worker = async () => {
    while (out.length < count) {
      const slot = out.push({ id: '', externalId: '' }) - 1;
      const data = await graphql<{
        createTransaction: { __typename: string; transaction?: { id: string; externalId: string } };
      }>(ctx.a.ready.url, ctx.apiKey, CREATE, {
        input: {
          idempotencyKey: randomUUID(),
          productId,
          creditParty: { mobileNumber: '+6591234100' },
          autoConfirm: true,
        },
      });
      const created = data.createTransaction.transaction;
      if (!created) throw new Error(`createTransaction answered ${data.createTransaction.__typename}`);
      out[slot] = created;
    }
  };
  await Promise.all(Array.from({ length: CREATE_CONCURRENCY }, worker));
  return out.slice(0, count);
}

function subscriber(gateway: BenchProcess<Served>, apiKey: string): Client {
  return createClient({
    url: `${gateway.ready.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${apiKey}` },
    retryAttempts: 0,
  });
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await sleep(20);
}

export interface LiveResult {
  rows: Row[];
  checks: Check[];
}

/** `perSide` transactions watched on B and as many on A; every COMPLETED callback replayed to A. */
export async function crossInstanceLatency(ctx: ScaleOutContext, perSide: number): Promise<LiveResult> {
  const created = await createTransactions(ctx, 2 * perSide);
  const watched: Watched[] = created.map((c, i) => ({
    ...c,
    side: i % 2 === 0 ? 'A≠B' : 'A=B',
    subscribed: false,
  }));
  const clients = { 'A≠B': subscriber(ctx.b, ctx.apiKey), 'A=B': subscriber(ctx.a, ctx.apiKey) };
  const stops = watched.map((w) =>
    clients[w.side].subscribe<{ transactionUpdated: { statusClass: string } }>(
      { query: WATCH, variables: { id: w.id } },
      {
        next: ({ data }) => {
          w.subscribed = true;
          if (data?.transactionUpdated.statusClass === 'COMPLETED') w.completedAt ??= wallClock();
        },
        error: () => undefined,
        complete: () => undefined,
      },
    ),
  );
  try {
    await until(() => watched.every((w) => w.subscribed), EVENT_TIMEOUT_MS);
    // The sandbox completes each transaction 3 s after its confirmation and calls back into the sink.
    await until(() => watched.every((w) => ctx.sink.received.has(w.externalId)), 15_000);
    const early = watched.filter((w) => w.completedAt !== undefined).length;
    await paced(CALLBACK_RATE, watched.length, async (i) => {
      const w = watched[i]!;
      const callback = ctx.sink.received.get(w.externalId);
      if (!callback) return;
      w.sentAt = wallClock();
      const res = await request(`${ctx.a.ready.url}${callback.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: callback.body,
      });
      await res.body.dump();
      w.status = res.statusCode;
    });
    await until(() => watched.every((w) => w.completedAt !== undefined), EVENT_TIMEOUT_MS);
    return summarise(watched, early);
  } finally {
    for (const stop of stops) stop();
    await Promise.all(Object.values(clients).map((c) => c.dispose()));
  }
}

function summarise(watched: Watched[], early: number): LiveResult {
  const side = (name: Watched['side']) => {
    const own = watched.filter((w) => w.side === name);
    const latencies = own
      .filter((w) => w.sentAt !== undefined && w.completedAt !== undefined && w.completedAt >= w.sentAt)
      .map((w) => w.completedAt! - w.sentAt!);
    return {
      count: own.length,
      delivered: own.filter((w) => w.completedAt !== undefined).length,
      rejected: own.filter((w) => w.status !== 204).length,
      p50Ms: quantile(latencies, 0.5),
      p99Ms: quantile(latencies, 0.99),
    };
  };
  const same = side('A=B');
  const cross = side('A≠B');
  const dp50 = cross.p50Ms - same.p50Ms;
  const dp99 = cross.p99Ms - same.p99Ms;
  const rate = CALLBACK_RATE / 2;
  const rows: Row[] = [
    { scenario: SCENARIO, variant: `callback→sub A=B ${rate}/s`, rps: rate, ...pick(same), ratio: '1.00' },
    {
      scenario: SCENARIO,
      variant: `callback→sub A≠B ${rate}/s`,
      rps: rate,
      ...pick(cross),
      ratio: `${signed(dp50)}/${signed(dp99)}ms`,
      target: '≤+1 p50, ≤+5 p99 ms',
      ok: dp50 <= 1 && dp99 <= 5,
    },
  ];
  const checks: Check[] = [same, cross].map((s, i) => ({
    name: `${SCENARIO} ${i === 0 ? 'A=B' : 'A≠B'}: every COMPLETED reaches its subscriber (loss 0)`,
    ok: s.delivered === s.count && s.rejected === 0,
    detail: `${s.delivered}/${s.count} delivered, ${s.rejected} callbacks not answered 204`,
  }));
  checks.push({
    name: `${SCENARIO} no COMPLETED before its callback was replayed`,
    ok: early === 0,
    detail: `${early} of ${watched.length} (the reconciler or another path moved them first: latency excludes them)`,
    informational: true,
  });
  return { rows, checks };
}

const pick = (s: { p50Ms: number; p99Ms: number }) => ({ p50Ms: s.p50Ms, p99Ms: s.p99Ms });
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
