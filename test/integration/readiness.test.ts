import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';
import { waitFor } from '../helpers/wait.js';

interface Readiness {
  ready: boolean;
  checks: Record<'store' | 'pubsub' | 'upstream', { ok: boolean; detail?: string }>;
}

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness };
};

describe('/readyz', () => {
  it('is ready when the store, pub/sub and DT One answer; a DT One outage makes it 503 until DT One is back', async () => {
    const t = await startGateway({ env: { READY_UPSTREAM_MAX_AGE_MS: '300' } });
    const first = await readyz(t.url);
    expect(first).toEqual({
      status: 200,
      body: { ready: true, checks: { store: { ok: true }, pubsub: { ok: true }, upstream: { ok: true } } },
    });

    t.sandbox.control.faults.add({ route: '*', status: 503, body: 'down', times: 100_000 });
    const down = await waitFor(
      'DT One judged down',
      () => readyz(t.url),
      (r) => r.status === 503,
      15_000,
    );
    expect(down.body.ready).toBe(false);
    expect(down.body.checks.upstream.ok).toBe(false);
    expect(down.body.checks.upstream.detail).toMatch(/^DT One last answered \d+ ms ago$/);
    expect(down.body.checks.store).toEqual({ ok: true });

    // Many probes at once while DT One is quiet share one look at its balances (with its retries), never one each.
    const before = t.sandbox.control.calls('GET /v1/balances');
    await Promise.all(Array.from({ length: 10 }, () => readyz(t.url)));
    expect(t.sandbox.control.calls('GET /v1/balances') - before).toBeLessThanOrEqual(4);

    t.sandbox.control.faults.clear();
    await waitFor(
      'ready again',
      () => readyz(t.url),
      (r) => r.status === 200,
      15_000,
    );
  });

  it('answers 503 naming the store when the store does not answer, and /healthz stays 200', async () => {
    const t = await startGateway();
    expect((await readyz(t.url)).status).toBe(200);
    await t.gateway.store.close();
    const down = await readyz(t.url);
    expect(down.status).toBe(503);
    expect(down.body.checks.store).toEqual({ ok: false, detail: 'the store does not answer' });
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});
