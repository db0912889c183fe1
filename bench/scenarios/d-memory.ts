/**
 * Scenario (d), memory per 1,000 subscribers (PERFORMANCE.md §4d). The gateway and F4 run with `--expose-gc` and
 * answer `GET /__bench/memory` (memoryUsage after two full GCs). For each server and transport: read, open 1,000
 * subscriptions (one connection each) from the subscriber process, read, run subscribe/complete churn (graphql-ws:
 * 10 cycles per connection, then a new connection; SSE: one request per cycle) with the 1,000 still open, read again.
 * Per 1,000 = post-subscribe − before; leak = heap after churn vs post-subscribe. Churn cycles: 10,000 graphql-ws and
 * 2,000 SSE; under --quick 1,000 and 200 (the variant text says how many).
 */
import { createTopUps, topUpProduct } from '../lib/callbacks.js';
import { type BenchEnv, type BenchScenario, type ScenarioResult, SERVER_CORE } from '../lib/env.js';
import type { Check, Row } from '../lib/report.js';
import type { SubscriberControl, Transport } from '../lib/subscriber-control.js';
import {
  type Memory,
  memoryOf,
  type Served,
  startCallbackGateway,
  startSubscribers,
  WATCH,
} from '../lib/subscriber-setup.js';

const N = 1_000;
/** Issue #17's targets (PERFORMANCE.md §4d said 25 MB RSS). */
const TARGET_RSS_MB = 20;
const TARGET_HEAP_MB = 12;
/**
 * The CI gate: heap per 1,000 subscribers may not grow past the level measured on BASELINE_DAY by more than 20 %
 * (heap after two full GCs is steady run to run; RSS is not, so it is reported only). The targets above are not
 * reached yet: a heap snapshot shows the rest held per subscription by yoga/envelop/graphql-ws per-operation state,
 * the ws socket and, on SSE, the request and response objects. When the level drops, lower the baseline.
 */
const BASELINE_DAY = '2026-12-05';
const BASELINE_HEAP_MB: Readonly<Record<string, number>> = { 'gateway ws': 20, 'gateway SSE': 33 };
const ciHeapBound = (name: string) =>
  Math.max(TARGET_HEAP_MB, BASELINE_HEAP_MB[name] ?? TARGET_HEAP_MB) * 1.2;
const MB = 1024 * 1024;

interface Measured {
  name: string;
  rssPerThousandMb: number;
  heapPerThousandMb: number;
  /** Heap after churn over heap after subscribing (1.00 = nothing left behind). */
  churnHeapRatio: number;
  cycles: number;
  failed: number;
  churnMs: number;
}

async function measure(
  subs: SubscriberControl,
  name: string,
  server: { url: string; authorization?: string },
  transport: Transport,
  ids: readonly string[],
  cycles: number,
): Promise<Measured> {
  const target = {
    transport,
    url: server.url,
    query: WATCH,
    ...(server.authorization && { authorization: server.authorization }),
  };
  const before: Memory = await memoryOf(server.url);
  if (process.env.BENCH_HEAP_SNAPSHOTS)
    await fetch(`${server.url}/__bench/heapsnapshot`).catch(() => undefined);
  if (!before.gcExposed) throw new Error(`${name}: start it with --expose-gc`);
  const opened = await subs.open({
    ...target,
    ids: Array.from({ length: N }, (_, i) => ids[i % ids.length]!),
  });
  await subs.drain();
  const subscribed = await memoryOf(server.url);
  if (process.env.BENCH_HEAP_SNAPSHOTS)
    await fetch(`${server.url}/__bench/heapsnapshot`).catch(() => undefined);
  const churn = await subs.churn({ ...target, ids, cycles, concurrency: 20, perConnection: 10 });
  const churned = await memoryOf(server.url);
  await subs.close();
  return {
    name,
    rssPerThousandMb: ((subscribed.rss - before.rss) / MB) * (1_000 / N),
    heapPerThousandMb: ((subscribed.heapUsed - before.heapUsed) / MB) * (1_000 / N),
    churnHeapRatio: churned.heapUsed / subscribed.heapUsed,
    cycles,
    failed: opened.failed + churn.failed,
    churnMs: churn.ms,
  };
}

function row(m: Measured, floor: Measured | undefined): Row {
  const ok = m.rssPerThousandMb <= TARGET_RSS_MB && m.heapPerThousandMb <= TARGET_HEAP_MB;
  return {
    scenario: 'd.memory',
    variant: `${m.name}: ${m.rssPerThousandMb.toFixed(1)}/${m.heapPerThousandMb.toFixed(1)} MB`,
    ratio: floor
      ? `${(m.rssPerThousandMb / floor.rssPerThousandMb).toFixed(1)}×F4 rss`
      : `churn ${m.cycles}: heap ×${m.churnHeapRatio.toFixed(2)}`,
    ...(floor && {
      target: `≤${TARGET_RSS_MB}/${TARGET_HEAP_MB} MB per 1k`,
      ok,
    }),
  };
}

async function run(env: BenchEnv): Promise<ScenarioResult> {
  const rows: Row[] = [];
  const checks: Check[] = [];
  const cycles = env.args.quick ? 1_000 : 10_000;
  const sseCycles = env.args.quick ? 200 : 2_000;
  env.log('d: starting the gateway and F4 with --expose-gc, and the subscriber process …');
  const [{ gateway, apiKey }, f4, subscribers] = await Promise.all([
    startCallbackGateway(env, env.dvsEnv, ['--expose-gc']),
    env.spawn<Served>('F4 ws-broadcast', SERVER_CORE, 'bench/floors/ws-broadcast.ts', {}, ['--expose-gc']),
    startSubscribers(env),
  ]);
  const subs = subscribers.control;
  try {
    const { apiKey: key, apiSecret } = env.credentials;
    const sandboxUrl = env.sandbox.ready.url;
    const productId = await topUpProduct(
      sandboxUrl,
      `Basic ${Buffer.from(`${key}:${apiSecret}`).toString('base64')}`,
    );
    const topUps = await createTopUps(gateway.ready.url, apiKey, productId, 20);
    const ids = topUps.map((t) => t.id);
    const served = { url: gateway.ready.url, authorization: `Bearer ${apiKey}` };
    env.log(`d: F4, then gateway graphql-ws (${cycles} churn cycles), then gateway SSE (${sseCycles}) …`);
    const floor = await measure(subs, 'F4 ws', { url: f4.ready.url }, 'ws', ['t0', 't1', 't2'], cycles);
    const ws = await measure(subs, 'gateway ws', served, 'ws', ids, cycles);
    const sse = await measure(subs, 'gateway SSE', served, 'sse', ids, sseCycles);
    rows.push(row(floor, undefined), row(ws, floor), row(sse, floor));
    for (const m of [ws, sse]) {
      checks.push(
        {
          name: `d.${m.name} heap per 1k subscribers (no regression)`,
          ok: m.heapPerThousandMb <= ciHeapBound(m.name),
          detail: `heap ${m.heapPerThousandMb.toFixed(1)} MB, RSS ${m.rssPerThousandMb.toFixed(1)} MB; CI bound ${ciHeapBound(m.name).toFixed(1)} MB (the level of ${BASELINE_DAY} + 20 %)`,
        },
        {
          name: `d.${m.name} memory per 1k within target`,
          ok: m.rssPerThousandMb <= TARGET_RSS_MB && m.heapPerThousandMb <= TARGET_HEAP_MB,
          detail: `target ≤${TARGET_RSS_MB} MB RSS, ≤${TARGET_HEAP_MB} MB heap (issue #17): RSS ${m.rssPerThousandMb.toFixed(1)} MB, heap ${m.heapPerThousandMb.toFixed(1)} MB`,
          informational: true,
        },
        {
          name: `d.${m.name} heap after ${m.cycles} churn cycles`,
          ok: m.churnHeapRatio <= 1.1,
          detail: `×${m.churnHeapRatio.toFixed(3)} of the post-subscribe heap (bound ×1.10); churn took ${(m.churnMs / 1000).toFixed(1)} s`,
        },
      );
    }
    checks.push({
      name: 'd. subscriptions that failed',
      ok: floor.failed + ws.failed + sse.failed === 0,
      detail: `F4 ${floor.failed}, gateway ws ${ws.failed}, gateway SSE ${sse.failed}`,
    });
  } finally {
    await Promise.all([gateway.stop(), f4.stop(), subscribers.process.stop()]);
  }
  return { rows, checks };
}

export const memoryScenario: BenchScenario = { letter: 'd', title: 'memory per 1,000 subscribers', run };
