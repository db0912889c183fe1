/**
 * What drives scenario (c): top-ups created through the gateway (so its store knows them), the sandbox steered by
 * hand (confirm, clock, reversal; its own callbacks dropped) so each transaction really changes state, and
 * callbacks POSTed by this process, paced (open loop) or saturated (closed loop), each sent `copies` times.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool, request } from 'undici';
import { callbackTokenFor } from '../../src/transactions/identity.js';
import { inPool, now } from './subscriber-control.js';

export interface TopUp {
  /** The GraphQL (global) id subscribers use. */
  id: string;
  /** The store's id, in the callback path. */
  local: string;
  upstreamId: string;
}

const CREATE = /* GraphQL */ `
  mutation ($input: CreateTransactionInput!) {
    createTransaction(input: $input) {
      __typename
      ... on CreateTransactionSuccess { transaction { id upstreamId } }
    }
  }
`;

/** A fixed-value top-up product paid by mobile number, from the sandbox's catalogue. */
export async function topUpProduct(sandboxUrl: string, authorization: string): Promise<number> {
  const res = await request(`${sandboxUrl}/v1/products?type=FIXED_VALUE_RECHARGE&per_page=100`, {
    headers: { authorization },
  });
  const products = (await res.body.json()) as {
    id: number;
    required_credit_party_identifier_fields?: string[][];
  }[];
  const product = products.find(
    (p) => JSON.stringify(p.required_credit_party_identifier_fields) === '[["mobile_number"]]',
  );
  if (!product) throw new Error('no mobile top-up product in the sandbox catalogue');
  return product.id;
}

/**
 * Creates `n` top-ups (not confirmed) through the gateway. The number ends in 300: once confirmed, the sandbox
 * submits after 1 s and completes after 5 min of its clock, so nothing moves on its own while callbacks run.
 */
export async function createTopUps(
  gatewayUrl: string,
  apiKey: string,
  productId: number,
  n: number,
): Promise<TopUp[]> {
  const pool = new Pool(gatewayUrl, { connections: 16 });
  const made: TopUp[] = [];
  const tag = `${process.pid}-${Date.now()}`;
  try {
    await inPool(n, 16, async (i) => {
      const create = async () => {
        const res = await pool.request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
          body: JSON.stringify({
            query: CREATE,
            variables: {
              input: {
                idempotencyKey: `bench-${tag}-${i}`,
                productId,
                creditParty: { mobileNumber: '+6591234300' },
              },
            },
          }),
        });
        return (await res.body.json()) as {
          data?: { createTransaction?: { transaction?: { id: string; upstreamId: string } } };
          errors?: { extensions?: { code?: string } }[];
        };
      };
      let body = await create();
      // As a client is told to: STORE_UNAVAILABLE (a lock wait past the store's timeout on a loaded machine) sent
      // nothing, and the same idempotency key may be sent again.
      for (let retry = 1; retry <= 3 && body.errors?.[0]?.extensions?.code === 'STORE_UNAVAILABLE'; retry++) {
        await sleep(200 * retry);
        body = await create();
      }
      const tx = body.data?.createTransaction?.transaction;
      if (!tx) throw new Error(`createTransaction failed: ${JSON.stringify(body)}`);
      const local = Buffer.from(tx.id, 'base64').toString().split(':')[1]!;
      made[i] = { id: tx.id, local, upstreamId: tx.upstreamId };
    });
  } finally {
    await pool.close();
  }
  return made;
}

/**
 * DT One's side, steered through the sandbox's DVS and control routes. Every state change first waits until the
 * gateway has stopped re-reading transactions (the sandbox's call counter holds still for 150 ms): a re-read still
 * running from the previous phase would otherwise see the next state before its callback is sent (only when
 * `countersUrl`, the sandbox's counters port, is given).
 */
export function sandboxSteering(sandboxUrl: string, authorization: string, countersUrl?: string) {
  const pool = new Pool(sandboxUrl, { connections: 16 });
  const reReads = async (url: string) => {
    const res = await request(url);
    const { counts } = (await res.body.json()) as { counts: Record<string, number> };
    return counts['GET /v1/transactions/{transaction_id}'] ?? 0;
  };
  const quiet = async () => {
    if (!countersUrl) return;
    for (
      let last = -1, now = await reReads(countersUrl);
      now !== last;
      last = now, now = await reReads(countersUrl)
    )
      await sleep(150);
  };
  const post = async (path: string, body?: unknown) => {
    const res = await pool.request({
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.body.text();
    if (res.statusCode >= 300) throw new Error(`sandbox ${path} answered ${res.statusCode}: ${text}`);
  };
  const each = (topUps: readonly TopUp[], path: (t: TopUp) => string) =>
    inPool(topUps.length, 16, (i) => post(path(topUps[i]!)));
  return {
    /** The sandbox's own callbacks are all dropped: this process is the only sender. */
    dropCallbacks: (share: number) => post('/__sandbox/callback-faults', { drop: share }),
    confirm: (topUps: readonly TopUp[]) =>
      quiet().then(() => each(topUps, (t) => `/v1/async/transactions/${t.upstreamId}/confirm`)),
    reverse: (topUps: readonly TopUp[]) =>
      quiet().then(() => each(topUps, (t) => `/__sandbox/transactions/${t.upstreamId}/reverse`)),
    advanceClock: (ms: number) => quiet().then(() => post('/__sandbox/clock/advance', { ms })),
    close: () => pool.close(),
  };
}

export interface Sent {
  /** When the first copy of item i was sent. */
  sentAt: number[];
  /** Time from the first send to the last answer. */
  ms: number;
  answered: number;
  failed: number;
}

export interface CallbackTarget {
  /** The path of item i (a callback route, or F4's `/publish`) and its body. */
  item: (i: number) => { path: string; body: string };
  count: number;
  /** Items `offset` … `offset + count - 1` are sent (and their times kept at those indexes). @default 0 */
  offset?: number;
  /** Each item is sent this many times, back to back (duplicated callbacks). */
  copies: number;
}

/** The callback route of a top-up: `/callbacks/dtone/<id>/<HMAC token>`. */
export function callbackPath(secret: string, topUp: TopUp): string {
  return `/callbacks/dtone/${topUp.local}/${callbackTokenFor(secret, topUp.local)}`;
}

export function callbackSender(serverUrl: string, connections = 32) {
  const pool = new Pool(serverUrl, { connections, pipelining: 1 });
  const post = async (path: string, body: string): Promise<boolean> => {
    try {
      const res = await pool.request({
        path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.body.dump();
      return res.statusCode < 300;
    } catch {
      return false;
    }
  };
  const sendCopies = async (target: CallbackTarget, at: number, out: Sent) => {
    const i = (target.offset ?? 0) + at;
    const { path, body } = target.item(i);
    out.sentAt[i] = now();
    const results = await Promise.all(Array.from({ length: target.copies }, () => post(path, body)));
    for (const ok of results) {
      out.answered++;
      if (!ok) out.failed++;
    }
  };
  const fresh = (): Sent => ({ sentAt: [], ms: 0, answered: 0, failed: 0 });
  return {
    /** Open loop: item i leaves at start + i / rate, whether or not earlier ones were answered. */
    async paced(target: CallbackTarget, itemsPerSecond: number): Promise<Sent> {
      const out = fresh();
      const started = now();
      const inFlight: Promise<void>[] = [];
      for (let i = 0; i < target.count; i++) {
        const due = started + (i * 1000) / itemsPerSecond;
        const wait = due - now();
        if (wait > 1) await sleep(wait);
        inFlight.push(sendCopies(target, i, out));
      }
      await Promise.all(inFlight);
      out.ms = now() - started;
      return out;
    },
    /** Closed loop: `concurrency` senders, each sending the next item once the previous one is answered. */
    async saturated(target: CallbackTarget, concurrency: number): Promise<Sent> {
      const out = fresh();
      const started = now();
      await inPool(target.count, concurrency, (i) => sendCopies(target, i, out));
      out.ms = now() - started;
      return out;
    },
    close: () => pool.close(),
  };
}
