import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.js';
import type { Store, TransactionEvent } from '../../src/store/types.js';
import { createMemoryPubSub } from '../../src/subscriptions/pubsub.js';
import { createRedisPubSub } from '../../src/subscriptions/redis-pubsub.js';
import {
  type EventStreamOptions,
  transactionEventStream,
} from '../../src/subscriptions/transaction-events.js';
import { waitFor } from '../helpers/wait.js';
import { newIntent } from '../store/fixture.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Longer than any test: a feed that still gets its events was woken by pub/sub, not by its re-check. */
const NEVER = 3_600_000;

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openStore(): Promise<Store> {
  const store = await createStore({
    databaseUrl: undefined,
    sqlitePath: join(mkdtempSync(join(tmpdir(), 'dtgw-events-')), 'gateway.db'),
  });
  await store.migrate();
  cleanups.push(() => store.close());
  return store;
}

/** A store whose event reads are counted: asked for, and answered. */
function counting(store: Store) {
  const reads = { count: 0, answered: 0 };
  const events = {
    listEvents: async (...args: Parameters<Store['listEvents']>) => {
      reads.count += 1;
      const page = await store.listEvents(...args);
      reads.answered += 1;
      return page;
    },
  };
  return { events, reads };
}

/** Until `n` reads were answered: the feeds have replayed, and only a notification (or a re-check) reads again. */
const answered = (reads: { answered: number }, n: number) =>
  waitFor(
    `${n} reads answered`,
    () => reads.answered,
    (count) => count >= n,
  );

function open(
  sources: Parameters<typeof transactionEventStream>[0],
  options: EventStreamOptions,
  after = 0n,
) {
  const stream = transactionEventStream(sources, 'acme', after, options);
  cleanups.push(() => stream.return!());
  const take = async (n: number): Promise<TransactionEvent[]> => {
    const out: TransactionEvent[] = [];
    while (out.length < n) {
      const next = await stream.next();
      if (next.done) throw new Error('the feed ended');
      out.push(next.value);
    }
    return out;
  };
  return { stream, take };
}

const seqs = (events: TransactionEvent[]) => events.map((e) => Number(e.seq));

describe('the transactionEvents stream', () => {
  it('replays after the cursor, then catches up on its re-check when every notification is lost', async () => {
    const store = await openStore();
    const { record } = await store.insertIntent(newIntent());
    await store.applyStatus(
      record.id,
      { status: 'CREATED', statusClass: 'CREATED', source: 'create' },
      () => true,
    );
    const { take } = open({ events: store, pubsub: createMemoryPubSub() }, { recheckMs: 20 }, 1n);
    expect(seqs(await take(1))).toEqual([2]);
    const pending = take(2);
    // Nothing is published: only the re-check can find these.
    await store.applyStatus(
      record.id,
      { status: 'CONFIRMED', statusClass: 'CONFIRMED', source: 'confirm' },
      () => true,
    );
    await store.applyStatus(
      record.id,
      { status: 'COMPLETED', statusClass: 'COMPLETED', source: 'callback' },
      () => true,
    );
    expect((await pending).map((e) => [Number(e.seq), e.statusClass])).toEqual([
      [3, 'CONFIRMED'],
      [4, 'COMPLETED'],
    ]);
  });

  it('gives each event once, in order, when notifications come early, twice, out of order or for others', async () => {
    const store = await openStore();
    const pubsub = createMemoryPubSub();
    const { events, reads } = counting(store);
    const { take } = open({ events, pubsub }, { recheckMs: NEVER, batch: 2 });
    const replayed = take(3);
    await answered(reads, 1);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await store.insertIntent(newIntent())).record.id);
    // One late notification for three events: the feed reads page after page (batch 2) until it has them all.
    await pubsub.publish({ transactionId: ids[2]!, tenantId: 'acme' });
    expect(seqs(await replayed)).toEqual([1, 2, 3]);

    const next = take(3);
    // Early: announced before it commits (the read finds nothing), then announced again with others, twice.
    await pubsub.publish({ transactionId: ids[0]!, tenantId: 'acme' });
    await pubsub.publish({ transactionId: 'someone-else', tenantId: 'globex' });
    for (const id of ids) {
      await store.applyStatus(
        id,
        { status: 'CREATED', statusClass: 'CREATED', source: 'create' },
        () => true,
      );
    }
    for (const id of [...ids].reverse()) {
      await pubsub.publish({ transactionId: id, tenantId: 'acme' });
      await pubsub.publish({ transactionId: id, tenantId: 'acme' });
    }
    const changes = await next;
    expect(seqs(changes)).toEqual([4, 5, 6]);
    expect(changes.map((e) => e.transactionId)).toEqual(ids);
  });

  it('reads once per notification for every feed of a tenant at the same position', async () => {
    const store = await openStore();
    const pubsub = createMemoryPubSub();
    const { events, reads } = counting(store);
    const feeds = Array.from({ length: 20 }, () => open({ events, pubsub }, { recheckMs: NEVER }));
    const first = feeds.map((f) => f.take(1));
    await answered(reads, feeds.length);
    const before = reads.count;
    const { record } = await store.insertIntent(newIntent());
    await pubsub.publish({ transactionId: record.id, tenantId: 'acme' });
    for (const delivered of await Promise.all(first)) expect(seqs(delivered)).toEqual([1]);
    expect(reads.count - before).toBe(1);
  });

  it('is woken through Redis by a change another instance commits and announces', async () => {
    const store = await openStore();
    const [here, there] = [await createRedisPubSub(REDIS_URL), await createRedisPubSub(REDIS_URL)];
    cleanups.push(
      () => here.close(),
      () => there.close(),
    );
    const tenantId = `tenant-${Date.now()}`;
    const { events, reads } = counting(store);
    const stream = transactionEventStream({ events, pubsub: here }, tenantId, 0n, { recheckMs: NEVER });
    cleanups.push(() => stream.return!());
    const first = stream.next();
    await answered(reads, 1);
    const { record } = await store.insertIntent(newIntent({ tenantId }));
    await there.publish({ transactionId: record.id, tenantId });
    const event = await first;
    expect(event.done).toBe(false);
    expect(event.value).toMatchObject({ seq: 1n, tenantId, transactionId: record.id });
  });

  it('stops listening and re-checking at once when the client ends it, even while it waits', async () => {
    const store = await openStore();
    const pubsub = createMemoryPubSub();
    const { stream } = open({ events: store, pubsub }, { recheckMs: NEVER });
    const waiting = stream.next();
    expect(pubsub.listeners()).toBe(1);
    await stream.return!();
    expect(pubsub.listeners()).toBe(0);
    expect((await waiting).done).toBe(true);
    expect((await stream.next()).done).toBe(true);
  });
});
