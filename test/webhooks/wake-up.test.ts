import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/secrets/data-keys.js';
import { createStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { createDeliverer } from '../../src/webhooks/deliver.js';
import { createEndpointAdmin } from '../../src/webhooks/endpoints.js';
import { retrySchedule } from '../../src/webhooks/retry-schedule.js';
import { createWebhookWorker } from '../../src/webhooks/worker.js';
import { TEST_DATA_KEY } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { webhookReceiver } from '../helpers/webhook-receiver.js';
import { newIntent } from '../store/fixture.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Polls a minute apart: a delivery within seconds came from a wake-up. */
const INTERVAL_MS = 60_000;
const PER_CLAIM = 50;

/** A worker over a fresh SQLite store with one endpoint of acme, counting the rounds it has finished. */
async function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'dtgw-wake-'));
  const store = await createStore({ databaseUrl: undefined, sqlitePath: join(dir, 'gateway.db') });
  await store.migrate();
  const keys = createKeyRing({ current: TEST_DATA_KEY });
  const policy = { allowPrivate: true, allowHttp: true };
  const receiver = await webhookReceiver();
  await createEndpointAdmin({ store, keys, policy }).create({ tenantId: 'acme', url: receiver.url });
  let rounds = 0;
  let writes = 0;
  const counted: Pick<Store, 'webhooks' | 'listEvents'> = {
    listEvents: (...args) => store.listEvents(...args),
    webhooks: {
      ...store.webhooks,
      claimDueEndpoints: async (...args) => {
        const claims = await store.webhooks.claimDueEndpoints(...args);
        rounds++;
        return claims;
      },
      settleEvents: (...args) => {
        writes++;
        return store.webhooks.settleEvents(...args);
      },
    },
  };
  const worker = createWebhookWorker({
    store: counted,
    keys,
    deliverer: createDeliverer({ policy, timeoutMs: 1_000 }),
    schedule: retrySchedule({ horizonMs: 60_000, scale: 0.001 }),
    leaseMs: 3_000,
    intervalMs: INTERVAL_MS,
    perClaim: PER_CLAIM,
  });
  cleanups.push(async () => {
    await worker.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  worker.start();
  // The first round finds nothing: from here the worker sleeps for the interval unless woken.
  await waitFor(
    'the first round',
    () => rounds,
    (n) => n >= 1,
  );
  return { store, worker, receiver, rounds: () => rounds, writes: () => writes };
}

describe('webhook worker wake-up and turns', () => {
  it('delivers an event recorded while it sleeps without waiting for the poll interval', async () => {
    const { store, worker, receiver } = await setUp();
    await store.insertIntent(newIntent({ tenantId: 'acme' }));
    worker.wake();
    await waitFor(
      'the woken delivery',
      () => receiver.ids(),
      (ids) => ids.length === 1,
      INTERVAL_MS / 10,
    );
    expect(receiver.ids()).toEqual(['evt_acme_1']);
  });

  it('coalesces a burst of wake-ups into a few rounds', async () => {
    const { store, worker, receiver, rounds, writes } = await setUp();
    const events = 2 * PER_CLAIM;
    for (let i = 0; i < events; i++) await store.insertIntent(newIntent({ tenantId: 'acme' }));
    const before = rounds();
    for (let i = 0; i < 1_000; i++) worker.wake();
    await waitFor(
      'every event',
      () => receiver.ids().length,
      (n) => n === events,
      INTERVAL_MS / 10,
    );
    expect(receiver.ids()).toEqual(Array.from({ length: events }, (_, i) => `evt_acme_${i + 1}`));
    // One round per turn of PER_CLAIM events, and the one that finds nothing left.
    await waitFor(
      'the rounds to settle',
      rounds,
      (n) => n - before >= events / PER_CLAIM + 1,
      INTERVAL_MS / 10,
    );
    expect(rounds() - before).toBeLessThanOrEqual(events / PER_CLAIM + 1);
    // Progress is written once a turn (with the lease given back), not once an event.
    expect(writes()).toBe(events / PER_CLAIM);
  });
});
