import { afterAll, describe, expect, it } from 'vitest';
import { createTopUp, type FeedEvent, followSse, followWs, readFeed } from '../helpers/event-feed.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';
import { freshSchema } from '../helpers/postgres.js';
import { startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let dispose: (() => Promise<void>) | undefined;
afterAll(async () => {
  await dispose?.();
});

describe('transactionEvents on two gateways over one PostgreSQL database and Redis', () => {
  it('streams on each what the other commits, and a client moving between them with its cursor misses nothing', async () => {
    const schema = await freshSchema();
    const sandbox = await startSandbox();
    const env = {
      DATABASE_URL: schema.url,
      REDIS_URL,
      RECONCILE_FIRST_POLL_MS: '200',
      RECONCILE_INTERVAL_MS: '100',
    };
    const a = await startGateway({ sandbox, env });
    const b = await startGateway({ sandbox, env });
    dispose = async () => {
      await Promise.all([a.stop(), b.stop()]);
      await schema.dispose();
    };
    const key = a.apiKey;
    const createOn = (t: TestGateway) => createTopUp(t, { key, autoConfirm: true });

    // A watcher that stays on B while both gateways write, concurrently, for one tenant.
    const watcher = followWs(b.url, key);
    const ids: string[] = [];
    let writing = true;
    const writers = Promise.all(
      [a, b, a, b].map(async (t) => {
        for (let i = 0; i < 4; i++) ids.push(await createOn(t));
      }),
    ).finally(() => {
      writing = false;
    });

    // A client that hops from one gateway to the other, resuming from its last cursor each time.
    const hopped: FeedEvent[] = [];
    for (let round = 0; writing || round < 2; round++) {
      const t = round % 2 ? a : b;
      const feed = (round % 4 < 2 ? followSse : followWs)(t.url, key, hopped.at(-1)?.cursor);
      await feed.until(`round ${round}`, (events) => events.length >= 4 || !writing);
      await feed.close();
      hopped.push(...feed.events);
    }
    await writers;
    await waitFor(
      'every top-up COMPLETED in the feed',
      () => readFeed(a.url, key),
      (events) =>
        ids.every((id) => events.some((e) => e.transactionId === id && e.statusClass === 'COMPLETED')),
    );
    const all = await readFeed(b.url, key);
    expect(await readFeed(a.url, key)).toEqual(all);
    await watcher.until('B has every event', (events) => events.length >= all.length);
    const rest = followSse(a.url, key, hopped.at(-1)?.cursor);
    await rest.until('the rest', (events) => hopped.length + events.length >= all.length);
    hopped.push(...rest.events);
    await Promise.all([watcher.close(), rest.close()]);

    expect(watcher.events).toEqual(all);
    expect(hopped).toEqual(all);
    expect(new Set(all.map((e) => e.cursor)).size).toBe(all.length);
    expect(new Set(all.map((e) => e.transactionId))).toEqual(new Set(ids));
  }, 60_000);
});
