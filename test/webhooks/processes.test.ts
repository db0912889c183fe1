import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/secrets/data-keys.js';
import type { Store } from '../../src/store/types.js';
import { createEndpointAdmin } from '../../src/webhooks/endpoints.js';
import { TEST_DATA_KEY } from '../helpers/gateway.js';
import { freePort, spawnGateway } from '../helpers/gateway-process.js';
import { freshSchema } from '../helpers/postgres.js';
import { startRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/wait.js';
import { webhookReceiver } from '../helpers/webhook-receiver.js';
import { newIntent } from '../store/fixture.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh PostgreSQL schema, the store the test seeds events with, and how to start gateway processes on it. */
async function deployment() {
  const fixture = await freshSchema();
  const store = await fixture.open();
  await store.migrate();
  cleanups.push(async () => {
    await store.close();
    await fixture.dispose();
  });
  const admin = createEndpointAdmin({
    store,
    keys: createKeyRing({ current: TEST_DATA_KEY }),
    policy: { allowPrivate: true, allowHttp: true },
  });
  const spawn = async (env: Record<string, string> = {}) => {
    const gateway = await spawnGateway({
      ...env,
      DATABASE_URL: fixture.url,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-wh-')),
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_SCALE: '0.001',
      // The lease is twice this plus 1 s: a killed deliverer holds its endpoint for 3 s.
      WEBHOOK_TIMEOUT_MS: '1000',
    });
    cleanups.push(async () => {
      if (gateway.child.exitCode === null && gateway.child.signalCode === null) {
        gateway.child.kill('SIGTERM');
        await gateway.exited;
      }
    });
    return gateway;
  };
  return { store, admin, spawn };
}

async function event(store: Store, ...statuses: string[]) {
  const { record } = await store.insertIntent(newIntent({ tenantId: 'acme' }));
  for (const status of statuses)
    await store.applyStatus(record.id, { status, statusClass: status, source: 'callback' }, () => true);
}

describe('webhook delivery across processes', () => {
  it('resumes after kill -9 of the delivering process, with the same webhook-id', async () => {
    const { store, admin, spawn } = await deployment();
    const receiver = await webhookReceiver((n) => (n === 1 ? 'hang' : 200));
    await admin.create({ tenantId: 'acme', url: receiver.url });
    const first = await spawn();
    await event(store, 'COMPLETED');
    await waitFor(
      'the held delivery',
      () => receiver.received.length,
      (n) => n === 1,
      60_000,
    );
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    await spawn();
    await waitFor(
      'delivery again',
      () => receiver.received.length,
      (n) => n >= 3,
      60_000,
    );
    expect(receiver.ids().slice(0, 3)).toEqual(['evt_acme_1', 'evt_acme_1', 'evt_acme_2']);
    expect(receiver.received[1]!.headers['webhook-id']).toBe(receiver.received[0]!.headers['webhook-id']);
    receiver.release();
  }, 120_000);

  it('two instances over one database and Redis deliver each event once, in order, never two at once to an endpoint', async () => {
    const { store, admin, spawn } = await deployment();
    const receiver = await webhookReceiver(() => 200);
    await admin.create({ tenantId: 'acme', url: receiver.url });
    const port = await freePort();
    await startRedis(port);
    const env = { REDIS_URL: `redis://127.0.0.1:${port}` };
    await Promise.all([spawn(env), spawn(env)]);
    for (let i = 0; i < 10; i++) await event(store, 'COMPLETED');
    await waitFor(
      '20 events',
      () => receiver.received.length,
      (n) => n >= 20,
      60_000,
    );
    expect(receiver.ids()).toEqual(Array.from({ length: 20 }, (_, i) => `evt_acme_${i + 1}`));
    expect(receiver.maxInFlight).toBe(1);
  }, 120_000);
});
