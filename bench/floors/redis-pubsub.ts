/**
 * F5 `redis-pubsub` (PERFORMANCE.md §3): the cross-instance hop with nothing else on it. ioredis PUBLISH from this
 * (load-core) process → Redis → an ioredis subscriber in another process (bench/entries/redis-subscriber.ts), with
 * a payload the size of the gateway's (`{from, transactionId}` plus the send time). Measured twice: paced (open
 * loop, latency p50/p99) and saturated (messages/s delivered).
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { type BenchEnv, SERVER_CORE } from '../lib/env.js';
import { now } from '../lib/subscriber-control.js';
import { percentile } from '../lib/subscriber-setup.js';

export interface PubSubFloor {
  paced: { rate: number; sent: number; received: number; p50Ms: number; p99Ms: number };
  saturated: { sent: number; received: number; msgPerSecond: number; p50Ms: number; p99Ms: number };
}

interface Arrivals {
  received: number;
  firstAt: number;
  lastAt: number;
  latencies: number[];
}

const CHANNEL = 'bench:f5';
const SATURATED_MESSAGES = 20_000;
const SATURATED_IN_FLIGHT = 500;

/**
 * Calls `send(i)` for i = 0..count-1 at `rate` per second (open loop: a late tick sends what fell due, so a slow
 * `send` never lowers the offered rate). Resolves once every send has settled.
 */
async function paced(rate: number, count: number, send: (i: number) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  const pending: Promise<unknown>[] = [];
  while (pending.length < count) {
    const due = Math.min(count, Math.floor(((performance.now() - started) * rate) / 1000) + 1);
    while (pending.length < due) pending.push(send(pending.length));
    await sleep(1);
  }
  await Promise.all(pending);
}

export async function measureRedisPubSub(
  env: BenchEnv,
  redisUrl: string,
  { rate, seconds }: { rate: number; seconds: number },
): Promise<PubSubFloor> {
  const subscriber = await env.spawn<{ url: string }>(
    'F5 redis subscriber',
    SERVER_CORE,
    'bench/entries/redis-subscriber.ts',
    { BENCH_REDIS_URL: redisUrl, BENCH_CHANNEL: CHANNEL },
  );
  const publisher = new Redis(redisUrl);
  const from = randomUUID();
  const message = () => JSON.stringify({ from, transactionId: randomUUID(), sentAt: now() });
  const arrivals = async (method: 'GET' | 'DELETE') =>
    (await (await request(subscriber.ready.url, { method })).body.json()) as Arrivals;
  const settle = async (expected: number) => {
    const deadline = Date.now() + 5_000;
    while ((await arrivals('GET')).received < expected && Date.now() < deadline) await sleep(50);
    return arrivals('DELETE');
  };
  try {
    await paced(rate, Math.min(rate, 500), () => publisher.publish(CHANNEL, message()));
    await settle(Math.min(rate, 500));

    const count = Math.round(rate * seconds);
    await paced(rate, count, () => publisher.publish(CHANNEL, message()));
    const p = await settle(count);

    for (let sent = 0; sent < SATURATED_MESSAGES; sent += SATURATED_IN_FLIGHT) {
      await Promise.all(
        Array.from({ length: SATURATED_IN_FLIGHT }, () => publisher.publish(CHANNEL, message())),
      );
    }
    const s = await settle(SATURATED_MESSAGES);
    return {
      paced: {
        rate,
        sent: count,
        received: p.received,
        p50Ms: percentile(p.latencies, 50),
        p99Ms: percentile(p.latencies, 99),
      },
      saturated: {
        sent: SATURATED_MESSAGES,
        received: s.received,
        msgPerSecond: (s.received - 1) / Math.max(1e-9, (s.lastAt - s.firstAt) / 1000),
        p50Ms: percentile(s.latencies, 50),
        p99Ms: percentile(s.latencies, 99),
      },
    };
  } finally {
    publisher.disconnect();
    await subscriber.stop();
  }
}
