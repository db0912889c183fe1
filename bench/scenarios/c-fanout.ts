/**
 * Scenario (c), subscription fan-out (PERFORMANCE.md §4c): callbacks in → graphql-ws events out, against F4.
 * Processes: a private sandbox (its clock is advanced and its own callbacks dropped), the subscriber process and this
 * orchestrator (callback sender) on the load core; the gateway and F4 `ws-broadcast` on the server core.
 *
 * 1:1: N top-ups (100 under --quick) created through the gateway, one subscriber each. Per phase the sandbox really moves every
 * transaction (confirm + 1 s of clock → SUBMITTED; 5 min of clock → COMPLETED; reversal → REVERSED), then every
 * callback is POSTed twice (a duplicated callback); each subscriber must see CREATED, SUBMITTED, COMPLETED,
 * REVERSED once each, in order. Latency is callback sent → event received, at a paced rate; throughput is closed
 * loop. A last pass of callbacks that change nothing gives the path without a publish.
 * Broadcast: all N = 1,000 subscribers on one transaction; each transition's single callback fans out to N events
 * (1 round of 3 transitions under --quick, 4 otherwise; the first transition per server is a warm-up, not timed).
 */

import {
  type CallbackTarget,
  callbackPath,
  callbackSender,
  createTopUps,
  type Sent,
  sandboxSteering,
  type TopUp,
  topUpProduct,
} from '../lib/callbacks.js';
import {
  type BenchEnv,
  type BenchScenario,
  LOAD_CORE,
  type SandboxReady,
  type ScenarioResult,
  SERVER_CORE,
} from '../lib/env.js';
import type { BenchProcess } from '../lib/processes.js';
import { benchProfile } from '../lib/profile.js';
import type { Check, Row } from '../lib/report.js';
import type { DeliveredEvent, SubscriberControl } from '../lib/subscriber-control.js';
import {
  CALLBACK_SECRET,
  percentile,
  type Served,
  startCallbackGateway,
  startSubscribers,
  WATCH,
} from '../lib/subscriber-setup.js';

const N = 1_000;
/** Paced callbacks/s: the target's 1,000/s, or half the measured maximum when that is lower (§4c: 50 % load). */
const PACED_TARGET = 1_000;
const EXPECTED_1TO1 = ['CREATED', 'SUBMITTED', 'COMPLETED', 'REVERSED'];

interface Phase {
  sent: Sent;
  events: DeliveredEvent[];
  latencies: number[];
  /** From the first send to the last event. */
  spanMs: number;
  cpuMicros: number;
}

/**
 * Sends, waits for `expected` events (or `timeoutMs`), and joins each event to the send time of its subscriber's
 * item (`itemOf`); events whose item has no send time (not part of the measured sends) have no latency.
 */
async function phase(
  subs: SubscriberControl,
  server: { cpuMicros(): number },
  send: () => Promise<Sent>,
  expected: number,
  itemOf: (subscriber: number) => number,
  timeoutMs = 15_000,
): Promise<Phase> {
  const cpuBefore = server.cpuMicros();
  const sent = await send();
  await subs.awaitEvents(expected, timeoutMs);
  const cpuMicros = server.cpuMicros() - cpuBefore;
  const { events, errors, firstError } = await subs.drain();
  if (errors > 0) throw new Error(`subscriber errors: ${errors} (${firstError})`);
  const times = sent.sentAt.filter((t) => t !== undefined);
  const latencies = events
    .map(([sub, , at]) => at - (sent.sentAt[itemOf(sub)] ?? Number.NaN))
    .filter((ms) => !Number.isNaN(ms));
  const spanMs = events.length > 0 ? Math.max(...events.map((e) => e[2])) - Math.min(...times) : Number.NaN;
  return { sent, events, latencies, spanMs, cpuMicros };
}

const perSecond = (sent: Sent) => (sent.answered / sent.ms) * 1000;

/** Counts of one delivery: expected events that never came, and events beyond the first of their kind. */
function deliveryCounts(
  events: readonly DeliveredEvent[],
  subscribers: number,
  perSubscriber: string[],
  first = 0,
) {
  const seen = new Map<number, string[]>();
  for (const [sub, status] of events) seen.set(sub, [...(seen.get(sub) ?? []), status]);
  let lost = 0;
  let duplicates = 0;
  let outOfOrder = 0;
  for (let sub = first; sub < first + subscribers; sub++) {
    const got = seen.get(sub) ?? [];
    lost += perSubscriber.filter((s) => !got.includes(s)).length;
    duplicates += got.length - new Set(got).size;
    const order = got.filter((s) => perSubscriber.includes(s));
    if (order.join() !== perSubscriber.filter((s) => order.includes(s)).join()) outOfOrder++;
  }
  return { lost, duplicates, outOfOrder };
}

/** A paced run over the first `count` items (its latencies), then the rest closed loop so every item is sent. */
async function pacedThenRest(
  subs: SubscriberControl,
  sender: ReturnType<typeof callbackSender>,
  target: CallbackTarget,
  count: number,
  perSecond: number,
): Promise<{ paced: Sent; all: Sent }> {
  const paced = await sender.paced({ ...target, count }, perSecond);
  await subs.awaitEvents(count, 5_000);
  const rest = await sender.saturated({ ...target, offset: count, count: target.count - count }, 32);
  for (const [i, at] of rest.sentAt.entries()) if (at !== undefined) paced.sentAt[i] = at;
  return {
    paced: { ...paced },
    all: { ...rest, sentAt: paced.sentAt, answered: paced.answered + rest.answered },
  };
}

async function oneToOne(env: BenchEnv, ctx: Context, rows: Row[], checks: Check[]) {
  const { subs, gateway, f4, steer } = ctx;
  const n = ctx.pairs;
  let clock = Date.now();
  const lap = (what: string) => {
    env.log(`c: ${what} (${((Date.now() - clock) / 1000).toFixed(1)} s)`);
    clock = Date.now();
  };
  const topUps = await createTopUps(gateway.ready.url, ctx.apiKey, ctx.productId, n);
  lap(`created ${n} top-ups through the gateway`);
  const opened = await subs.open({
    transport: 'ws',
    url: gateway.ready.url,
    authorization: `Bearer ${ctx.apiKey}`,
    query: WATCH,
    ids: topUps.map((t) => t.id),
  });
  if (opened.failed > 0) throw new Error(`${opened.failed} subscriptions failed: ${opened.firstError}`);
  const all: DeliveredEvent[] = [...(await subs.drain()).events];
  lap(`${n} graphql-ws subscriptions open`);
  const sender = callbackSender(gateway.ready.url);
  const callbacks = (copies: number): CallbackTarget => ({
    count: n,
    copies,
    item: (i) => ({ path: callbackPath(CALLBACK_SECRET, topUps[i]!), body: '{}' }),
  });
  const same = (i: number) => i;

  await steer.confirm(topUps);
  await steer.advanceClock(1_000);
  await benchProfile(gateway.ready.url, 'start');
  const submitted = await phase(subs, gateway, () => sender.saturated(callbacks(2), 32), n, same);
  await benchProfile(gateway.ready.url, 'stop=one-to-one');
  lap('SUBMITTED, closed loop');
  const rate = Math.min(PACED_TARGET, 0.5 * perSecond(submitted.sent));
  const measured = Math.min(n, Math.max(20, Math.round((rate / 2) * env.seconds)));
  await steer.advanceClock(300_000);
  let pacedSent: Sent | undefined;
  const completed = await phase(
    subs,
    gateway,
    async () => {
      const { paced, all } = await pacedThenRest(subs, sender, callbacks(2), measured, rate / 2);
      pacedSent = paced;
      return all;
    },
    n,
    (sub) => (sub < measured ? sub : -1),
  );
  lap(`COMPLETED, ${measured} paced at ${Math.round(rate)} callbacks/s`);
  await steer.reverse(topUps);
  const reversed = await phase(subs, gateway, () => sender.saturated(callbacks(2), 32), n, same);
  const unchanged = await phase(subs, gateway, () => sender.saturated(callbacks(1), 32), 1, same, 500);
  lap('REVERSED, closed loop; callbacks that change nothing');
  await sender.close();
  all.push(...submitted.events, ...completed.events, ...reversed.events, ...unchanged.events);

  const saturated = [submitted, reversed];
  const answered = saturated.reduce((n, p) => n + p.sent.answered, 0);
  const satRate = (answered / saturated.reduce((n, p) => n + p.sent.ms, 0)) * 1000;
  const eventsPerSecond = (2 * n * 1000) / saturated.reduce((n, p) => n + p.spanMs, 0);
  rows.push(
    {
      scenario: 'c.1:1',
      variant: `gateway paced ${Math.round(rate)} cb/s`,
      rps: perSecond(pacedSent!),
      p50Ms: percentile(completed.latencies, 50),
      p99Ms: percentile(completed.latencies, 99),
      target: 'p99 ≤ 20 ms at 1k cb/s',
      ok: rate >= PACED_TARGET && percentile(completed.latencies, 99) <= 20,
    },
    {
      scenario: 'c.1:1',
      variant: `gateway ${n} subs c=32, ${Math.round(eventsPerSecond)} ev/s`,
      rps: satRate,
      p50Ms: percentile([...submitted.latencies, ...reversed.latencies], 50),
      p99Ms: percentile([...submitted.latencies, ...reversed.latencies], 99),
      cpuMicrosPerQuery: saturated.reduce((n, p) => n + p.cpuMicros, 0) / answered,
      target: '≥ 2,000 cb/s',
      ok: satRate >= 2_000,
    },
    {
      scenario: 'c.1:1',
      variant: 'gateway c=32 no-change cb',
      rps: perSecond(unchanged.sent),
      cpuMicrosPerQuery: unchanged.cpuMicros / unchanged.sent.answered,
      ratio: 'no publish',
    },
  );
  const counts = deliveryCounts(all, n, EXPECTED_1TO1);
  const failed = [submitted, completed, reversed, unchanged].reduce((n, p) => n + p.sent.failed, 0);
  checks.push(
    {
      name: 'c.1:1 loss',
      ok: counts.lost === 0 && failed === 0,
      detail: `${counts.lost} of ${n * EXPECTED_1TO1.length} events lost; ${failed} callbacks not answered 2xx`,
    },
    {
      name: 'c.1:1 exactly once, in order (callbacks duplicated ×2)',
      ok: counts.duplicates === 0 && counts.outOfOrder === 0 && unchanged.events.length === 0,
      detail: `${counts.duplicates} duplicates, ${counts.outOfOrder} subscribers out of order, ${unchanged.events.length} events from no-change callbacks`,
    },
  );
  await subs.close();

  await subs.open({ transport: 'ws', url: f4.ready.url, query: WATCH, ids: topUps.map((_, i) => `t${i}`) });
  await subs.drain();
  const publisher = callbackSender(f4.ready.url);
  const publishes = (status: string): CallbackTarget => ({
    count: n,
    copies: 1,
    item: (i) => ({ path: '/publish', body: JSON.stringify({ topic: `t${i}`, status }) }),
  });
  const f4Sat = await phase(subs, f4, () => publisher.saturated(publishes('SUBMITTED'), 32), n, same);
  const f4Paced = await phase(
    subs,
    f4,
    () => publisher.paced({ ...publishes('COMPLETED'), count: measured }, rate),
    measured,
    same,
  );
  await publisher.close();
  await subs.close();
  lap('F4 1:1');
  const f4Rate = perSecond(f4Sat.sent);
  rows.push(
    {
      scenario: 'c.1:1',
      variant: `F4 paced ${Math.round(rate)}/s`,
      rps: perSecond(f4Paced.sent),
      p50Ms: percentile(f4Paced.latencies, 50),
      p99Ms: percentile(f4Paced.latencies, 99),
    },
    {
      scenario: 'c.1:1',
      variant: `F4 c=32 (publish only), ${Math.round((n * 1000) / f4Sat.spanMs)} ev/s`,
      rps: f4Rate,
      p50Ms: percentile(f4Sat.latencies, 50),
      p99Ms: percentile(f4Sat.latencies, 99),
      cpuMicrosPerQuery: f4Sat.cpuMicros / f4Sat.sent.answered,
      ratio: `${(satRate / f4Rate).toFixed(2)}×gw/F4`,
    },
  );
}

interface Broadcast {
  eventsPerSecond: number;
  latencies: number[];
  lost: number;
  duplicates: number;
  cpuMicrosPerEvent: number;
}

type Tally = Broadcast & { spanMs: number; events: number; cpu: number };

/** One callback (or publish), N subscribers (indexes first … first + N − 1) on the one topic: events/s = N / span. */
async function transition(
  subs: SubscriberControl,
  server: { cpuMicros(): number },
  t: { status: string; first: number; before: () => Promise<void>; send: () => Promise<Sent> },
  out: Tally,
  timed: boolean,
) {
  await t.before();
  const p = await phase(subs, server, t.send, N, () => 0);
  const counts = deliveryCounts(p.events, N, [t.status], t.first);
  out.lost += counts.lost;
  out.duplicates += counts.duplicates;
  if (!timed) return;
  out.latencies.push(...p.latencies);
  out.spanMs += p.spanMs;
  out.events += p.events.length;
  out.cpu += p.cpuMicros;
}

/**
 * N subscribers on F4 (indexes 0 … N − 1) and N on the gateway (N … 2N − 1) stay open together, and the transitions
 * alternate gateway, F4, gateway, … so that machine drift shows up as spread instead of bias.
 */
async function broadcast(env: BenchEnv, ctx: Context, rounds: number, rows: Row[], checks: Check[]) {
  const { subs, gateway, f4, steer } = ctx;
  const fresh = (): Tally => ({
    eventsPerSecond: 0,
    latencies: [],
    lost: 0,
    duplicates: 0,
    cpuMicrosPerEvent: 0,
    spanMs: 0,
    events: 0,
    cpu: 0,
  });
  const finish = (b: Tally): Broadcast => ({
    ...b,
    eventsPerSecond: (b.events / b.spanMs) * 1000,
    cpuMicrosPerEvent: b.cpu / b.events,
  });

  env.log(`c: broadcast, ${N} subscribers on one transaction (and ${N} on F4), ${rounds} × 3 transitions …`);
  const gw = fresh();
  const floor = fresh();
  const sender = callbackSender(gateway.ready.url);
  const publisher = callbackSender(f4.ready.url);
  const publish = (status: string) => () =>
    publisher.saturated(
      {
        count: 1,
        copies: 1,
        item: () => ({ path: '/publish', body: JSON.stringify({ topic: 'all', status }) }),
      },
      1,
    );
  const noop = async () => undefined;
  for (let round = 0; round < rounds; round++) {
    const [tx] = (await createTopUps(gateway.ready.url, ctx.apiKey, ctx.productId, 1)) as [TopUp];
    const ids = [...Array.from({ length: N }, () => 'all'), ...Array.from({ length: N }, () => tx.id)];
    if (round === 0) {
      const floorSubs = await subs.open({
        transport: 'ws',
        url: f4.ready.url,
        query: WATCH,
        ids: ids.slice(0, N),
      });
      const gatewaySubs = await subs.open({
        transport: 'ws',
        url: gateway.ready.url,
        authorization: `Bearer ${ctx.apiKey}`,
        query: WATCH,
        ids: ids.slice(N),
      });
      if (floorSubs.failed + gatewaySubs.failed > 0)
        throw new Error(`subscriptions failed: ${gatewaySubs.firstError}`);
    } else {
      const again = await subs.resubscribe(ids, WATCH);
      if (again.failed > 0) throw new Error(`${again.failed} subscriptions failed: ${again.firstError}`);
    }
    await subs.drain();
    const one: CallbackTarget = {
      count: 1,
      copies: 2,
      item: () => ({ path: callbackPath(CALLBACK_SECRET, tx), body: '{}' }),
    };
    const send = () => sender.saturated(one, 1);
    const steps = [
      { status: 'SUBMITTED', before: () => steer.confirm([tx]).then(() => steer.advanceClock(1_000)) },
      { status: 'COMPLETED', before: () => steer.advanceClock(300_000) },
      { status: 'REVERSED', before: () => steer.reverse([tx]) },
    ];
    for (const [i, step] of steps.entries()) {
      // The first transition of each server warms its code up: counted for loss, not timed.
      const timed = round > 0 || i > 0;
      if (timed) await benchProfile(gateway.ready.url, 'start');
      await transition(subs, gateway, { ...step, first: N, send }, gw, timed);
      if (timed) await benchProfile(gateway.ready.url, 'stop=broadcast');
      const status = `E${round * 3 + i}`;
      await transition(subs, f4, { status, first: 0, before: noop, send: publish(status) }, floor, timed);
    }
  }
  await Promise.all([sender.close(), publisher.close()]);
  await subs.close();

  const g = finish(gw);
  const f = finish(floor);
  const variant = `${N} subs, ${rounds * 3 - 1} cb timed`;
  const cpuRatio = `cpu ${(g.cpuMicrosPerEvent / f.cpuMicrosPerEvent).toFixed(1)}×`;
  rows.push(
    {
      scenario: 'c.broadcast',
      variant: `F4 ${variant}`,
      rps: f.eventsPerSecond,
      p50Ms: percentile(f.latencies, 50),
      p99Ms: percentile(f.latencies, 99),
      cpuMicrosPerQuery: f.cpuMicrosPerEvent,
      ratio: '1.00×F4',
    },
    {
      scenario: 'c.broadcast',
      variant: `gateway ${variant}`,
      rps: g.eventsPerSecond,
      p50Ms: percentile(g.latencies, 50),
      p99Ms: percentile(g.latencies, 99),
      cpuMicrosPerQuery: g.cpuMicrosPerEvent,
      ratio: `${(g.eventsPerSecond / f.eventsPerSecond).toFixed(2)}×F4 ${cpuRatio}`,
      target: 'events/s ≥ 0.80×F4',
      ok: g.eventsPerSecond >= 0.8 * f.eventsPerSecond,
    },
  );
  checks.push({
    name: 'c.broadcast loss, exactly once (callbacks duplicated ×2)',
    ok: g.lost === 0 && g.duplicates === 0 && f.lost === 0,
    detail: `gateway: ${g.lost} lost, ${g.duplicates} duplicates of ${N * rounds * 3}; F4: ${f.lost} lost`,
  });
}

interface Context {
  subs: SubscriberControl;
  gateway: Awaited<ReturnType<typeof startCallbackGateway>>['gateway'];
  f4: BenchProcess<Served>;
  steer: ReturnType<typeof sandboxSteering>;
  apiKey: string;
  productId: number;
  /** Subscribers (and transactions) of the 1:1 topology. */
  pairs: number;
}

async function run(env: BenchEnv): Promise<ScenarioResult> {
  const rows: Row[] = [];
  const checks: Check[] = [];
  env.log('c: starting a private sandbox, the gateway, F4 and the subscriber process …');
  const { apiKey: key, apiSecret } = env.credentials;
  const sandbox = await env.spawn<SandboxReady>('sandbox (c)', LOAD_CORE, 'bench/entries/sandbox.ts', {
    BENCH_SANDBOX_KEY: key,
    BENCH_SANDBOX_SECRET: apiSecret,
  });
  const dvsEnv = { ...env.dvsEnv, DTONE_BASE_URL: `${sandbox.ready.url}/v1` };
  const [{ gateway, apiKey }, f4, subscribers] = await Promise.all([
    startCallbackGateway(env, dvsEnv),
    env.spawn<Served>('F4 ws-broadcast', SERVER_CORE, 'bench/floors/ws-broadcast.ts', {}),
    startSubscribers(env),
  ]);
  const authorization = `Basic ${Buffer.from(`${key}:${apiSecret}`).toString('base64')}`;
  const steer = sandboxSteering(sandbox.ready.url, authorization, sandbox.ready.countersUrl);
  await steer.dropCallbacks(1);
  const productId = await topUpProduct(sandbox.ready.url, authorization);
  const pairs = env.args.quick ? 100 : N;
  const ctx: Context = { subs: subscribers.control, gateway, f4, steer, apiKey, productId, pairs };
  try {
    await oneToOne(env, ctx, rows, checks);
    await broadcast(env, ctx, env.args.quick ? 1 : 4, rows, checks);
  } finally {
    await steer.close();
    await Promise.all([gateway.stop(), f4.stop(), subscribers.process.stop(), sandbox.stop()]);
  }
  return { rows, checks };
}

export const fanoutScenario: BenchScenario = { letter: 'c', title: 'subscription fan-out', run };
