import { describe, expect, it } from 'vitest';
import { createKeyRing } from '../../src/secrets/data-keys.js';
import { createEndpointAdmin } from '../../src/webhooks/endpoints.js';
import { startGateway, TEST_DATA_KEY } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';
import { webhookReceiver } from '../helpers/webhook-receiver.js';
import { newIntent } from '../store/fixture.js';

const TOKEN = 'a-metrics-token-for-tests';

/** One sample's value in a Prometheus text scrape (0 when the series is absent). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('webhook metrics', () => {
  it('counts deliveries by outcome, times them from the event, and shows the backlog on /metrics', async () => {
    // The retry schedule in milliseconds and a one-second horizon: a receiver failing every time is dead-lettered
    // within a second; the timeout is long so a held request is what keeps an event in the backlog.
    const t = await startGateway({
      env: {
        METRICS_TOKEN: TOKEN,
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        WEBHOOK_RETRY_SCALE: '0.001',
        WEBHOOK_RETRY_HORIZON_MS: '1000',
        WEBHOOK_TIMEOUT_MS: '10000',
      },
    });
    const scrape = async () => {
      const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const admin = createEndpointAdmin({
      store: t.gateway.store,
      keys: createKeyRing({ current: TEST_DATA_KEY }),
      policy: { allowPrivate: true, allowHttp: true },
    });
    const ok = await webhookReceiver();
    const flaky = await webhookReceiver((n) => (n === 1 ? 500 : 204));
    const gone = await webhookReceiver(() => 410);
    const failing = await webhookReceiver(() => 503);
    for (const r of [ok, flaky, gone, failing]) await admin.create({ tenantId: 'acme', url: r.url });
    await t.gateway.store.insertIntent(newIntent({ tenantId: 'acme' }));

    const outcome = (text: string, kind: string) =>
      sample(text, `dtone_gateway_webhook_deliveries_total{outcome="${kind}"}`);
    const settled = await waitFor(
      'every outcome counted',
      scrape,
      (m) => outcome(m, 'delivered') === 2 && outcome(m, 'disabled') === 1 && outcome(m, 'dead') === 1,
    );
    // The flaky receiver's 500 and the failing one's 503s before the horizon are failed attempts.
    expect(outcome(settled, 'retry')).toBeGreaterThanOrEqual(2);
    expect(sample(settled, 'dtone_gateway_webhook_delivery_latency_seconds_count')).toBe(2);
    expect(sample(settled, 'dtone_gateway_webhook_delivery_latency_seconds_bucket{le="259200"}')).toBe(2);
    expect(sample(settled, 'dtone_gateway_webhook_backlog_events')).toBe(0);

    // A receiver holding its answer keeps its event in the backlog until it answers.
    const slow = await webhookReceiver(() => 'hang');
    await admin.create({ tenantId: 'globex', url: slow.url });
    await t.gateway.store.insertIntent(newIntent({ tenantId: 'globex' }));
    await waitFor(
      'the delivery held',
      () => slow.received.length,
      (n) => n === 1,
    );
    expect(sample(await scrape(), 'dtone_gateway_webhook_backlog_events')).toBe(1);
    slow.release(200);
    const after = await waitFor('the held delivery counted', scrape, (m) => outcome(m, 'delivered') === 3);
    expect(sample(after, 'dtone_gateway_webhook_backlog_events')).toBe(0);
    // Labels name outcomes only: never a tenant, an endpoint or a URL.
    for (const secret of ['acme', 'globex', '127.0.0.1', '/hook', 'we_'])
      expect(after.split('\n').filter((l) => l.includes('webhook') && l.includes(secret))).toEqual([]);
  });
});
