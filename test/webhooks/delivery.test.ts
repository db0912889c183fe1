import { describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/secrets/data-keys.js';
import type { Store } from '../../src/store/types.js';
import { createEndpointAdmin } from '../../src/webhooks/endpoints.js';
import { EndpointUrlError } from '../../src/webhooks/url-guard.js';
import { startGateway, TEST_DATA_KEY } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { webhookReceiver } from '../helpers/webhook-receiver.js';
import { newIntent } from '../store/fixture.js';

const keys = createKeyRing({ current: TEST_DATA_KEY });
const TEST_POLICY = { allowPrivate: true, allowHttp: true };

/** A gateway whose webhook schedule runs in milliseconds (5 ms, 300 ms, 1.8 s… to the horizon). */
async function gatewayWith(env: Record<string, string> = {}) {
  const { gateway } = await startGateway({
    env: {
      WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
      WEBHOOK_RETRY_SCALE: '0.001',
      WEBHOOK_TIMEOUT_MS: '1000',
      ...env,
    },
  });
  const admin = createEndpointAdmin({ store: gateway.store, keys, policy: TEST_POLICY });
  return { store: gateway.store, admin };
}

/** A new transaction of `tenantId`: one event (its creation), and one more per status given. */
async function events(store: Store, tenantId: string, ...statuses: string[]) {
  const { record } = await store.insertIntent(newIntent({ tenantId }));
  for (const status of statuses)
    await store.applyStatus(record.id, { status, statusClass: status, source: 'callback' }, () => true);
}

describe('webhook delivery', () => {
  it("delivers a tenant's events in order, signed, and never another tenant's", async () => {
    const { store, admin } = await gatewayWith();
    const a = await webhookReceiver();
    const b = await webhookReceiver();
    const ea = await admin.create({ tenantId: 'acme', url: a.url });
    const eb = await admin.create({ tenantId: 'globex', url: b.url, eventClasses: ['COMPLETED'] });
    await events(store, 'acme', 'CONFIRMED', 'COMPLETED');
    await events(store, 'globex', 'COMPLETED');
    await events(store, 'acme');
    await waitFor(
      'acme events',
      () => a.received.length,
      (n) => n >= 4,
    );
    await waitFor(
      'globex events',
      () => b.received.length,
      (n) => n >= 1,
    );
    expect(a.received.map((r) => [r.body.tenant, r.body.seq, r.body.statusClass])).toEqual([
      ['acme', 1, 'PENDING'],
      ['acme', 2, 'CONFIRMED'],
      ['acme', 3, 'COMPLETED'],
      ['acme', 4, 'PENDING'],
    ]);
    // The filter takes COMPLETED only; acme's events never reach globex's endpoint.
    expect(b.received.map((r) => [r.body.tenant, r.body.seq, r.body.statusClass])).toEqual([
      ['globex', 2, 'COMPLETED'],
    ]);
    a.verifyAll(ea.secret);
    b.verifyAll(eb.secret);
    expect(() => a.verifyAll(eb.secret)).toThrow();
    expect(a.received[0]!.headers['webhook-id']).toBe(a.received[0]!.body.id);
    for (const forbidden of ['msisdn', 'mobile_number', 'pin', 'account_number', 'credit_party'])
      expect(a.received.map((r) => r.text).join('\n')).not.toContain(forbidden);
  });

  it('retries a 500 until the 200, nothing skipped and nothing sent ahead of it', async () => {
    const { store, admin } = await gatewayWith();
    const r = await webhookReceiver((n) => (n <= 2 ? 500 : 200));
    const { endpoint } = await admin.create({ tenantId: 'acme', url: r.url });
    await events(store, 'acme', 'COMPLETED');
    await waitFor(
      'both events',
      () => r.received.length,
      (n) => n >= 4,
    );
    expect(r.ids()).toEqual(['evt_acme_1', 'evt_acme_1', 'evt_acme_1', 'evt_acme_2']);
    // The receiver has the request before the gateway records its answer: wait for the record.
    const attempts = await waitFor(
      'four attempts recorded',
      async () => (await admin.attempts('acme', endpoint.id)) ?? [],
      (list) => list.length === 4,
    );
    expect(attempts.map((x) => [Number(x.seq), x.outcome, x.statusCode]).reverse()).toEqual([
      [1, 'retry', 500],
      [1, 'retry', 500],
      [1, 'delivered', 200],
      [2, 'delivered', 200],
    ]);
  });

  it('disables the endpoint on 410 and records why', async () => {
    const { store, admin } = await gatewayWith();
    const r = await webhookReceiver(() => 410);
    const { endpoint } = await admin.create({ tenantId: 'acme', url: r.url });
    await events(store, 'acme', 'COMPLETED');
    const [after] = await waitFor(
      'disabled',
      () => admin.list('acme'),
      ([e]) => e?.enabled === false,
    );
    expect(after?.disabledReason).toBe('the receiver answered 410 Gone');
    expect(r.ids()).toEqual(['evt_acme_1']);
    // Re-enabled, the waiting event goes first.
    r.answer = () => 200;
    await admin.setEnabled('acme', endpoint.id, true);
    await waitFor(
      'both events',
      () => r.received.length,
      (n) => n >= 3,
    );
    expect(r.ids()).toEqual(['evt_acme_1', 'evt_acme_1', 'evt_acme_2']);
  });

  it('counts a refused connection and a receiver that hangs as failures and tries again', async () => {
    const { store, admin } = await gatewayWith();
    const gone = await webhookReceiver();
    await gone.close();
    const refused = await admin.create({ tenantId: 'acme', url: gone.url });
    const r = await webhookReceiver((n) => (n === 1 ? 'hang' : 200));
    await admin.create({ tenantId: 'acme', url: r.url });
    await events(store, 'acme');
    await waitFor(
      'the retry after the timeout',
      () => r.received.length,
      (n) => n >= 2,
    );
    expect(r.ids()).toEqual(['evt_acme_1', 'evt_acme_1']);
    const attempts = await waitFor(
      'refused attempts',
      async () => (await admin.attempts('acme', refused.endpoint.id)) ?? [],
      (list) => list.length >= 2,
    );
    expect(attempts.every((x) => x.outcome === 'retry' && x.error === 'ECONNREFUSED')).toBe(true);
    r.release();
  });

  it('dead-letters after the horizon, moves on, and a replay sends it again with the same webhook-id', async () => {
    const { store, admin } = await gatewayWith({ WEBHOOK_RETRY_HORIZON_MS: '1000' });
    const r = await webhookReceiver(() => 503);
    const { endpoint } = await admin.create({ tenantId: 'acme', url: r.url });
    await events(store, 'acme');
    const dead = await waitFor(
      'a dead letter',
      async () => (await admin.deadLetters('acme', endpoint.id, { offset: 0, limit: 10 }))?.items ?? [],
      (list) => list.length === 1,
    );
    expect(dead[0]).toMatchObject({ seq: 1n, lastError: 'HTTP 503' });
    r.answer = () => 200;
    await events(store, 'acme');
    await waitFor('the next event', () => r.ids().includes('evt_acme_2'), Boolean);
    expect(await admin.replay('acme', endpoint.id, 1n)).toBe(1);
    await waitFor(
      'the replay',
      () => r.ids().at(-1),
      (id) => id === 'evt_acme_1',
    );
    expect(r.received.at(-1)?.body.seq).toBe(1);
    // Another tenant's key cannot replay (or see) this endpoint.
    expect(await admin.replay('globex', endpoint.id, 1n)).toBeUndefined();
  });

  it('refuses a loopback or private URL unless the deployment allows it', async () => {
    const { store } = await gatewayWith();
    const strict = createEndpointAdmin({ store, keys, policy: { allowPrivate: false, allowHttp: false } });
    for (const url of [
      'https://127.0.0.1/hook',
      'https://localhost/hook',
      'https://10.1.2.3/x',
      'http://example.com/x',
    ])
      await expect(strict.create({ tenantId: 'acme', url })).rejects.toThrow(EndpointUrlError);
    expect(await strict.list('acme')).toEqual([]);
  });
});
