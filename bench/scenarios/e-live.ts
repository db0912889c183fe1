/**
 * Scenario (e), live half: callback → subscriber latency across instances, with scenario (c)'s tools (top-ups
 * created through the gateway, the sandbox steered by hand, callbacks addressed with the deployment secret, the
 * pinned subscriber process). Top-ups are created through A and watched over graphql-ws, half on B (A≠B: the event
 * crosses Redis) and half on A (A=B); the sandbox confirms them all (they reach SUBMITTED after 1 s and then hold
 * for 5 min, so nothing calls back on its own), and one callback each is POSTed to A, alternating between the halves
 * so that drift on the shared machine hits both alike: the first third closed loop (the capacity, end to end), then
 * paced at half that capacity (at most 1,000/s, §4e) for one window, the rest closed loop. Latency (paced ones only):
 * callback sent → the subscriber's first event after the initial CREATED. Loss counts every top-up.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type CallbackTarget,
  callbackPath,
  callbackSender,
  createTopUps,
  sandboxSteering,
  topUpProduct,
} from '../lib/callbacks.js';
import { benchProfile } from '../lib/profile.js';
import type { Check, Row } from '../lib/report.js';
import { CALLBACK_SECRET, percentile, startSubscribers, WATCH } from '../lib/subscriber-setup.js';
import type { ScaleOutContext } from './e-setup.js';

const SCENARIO = 'e.live';
/** Callbacks per second, both halves together (§4e); lower when half the gateway's measured capacity is lower. */
const MAX_RATE = 1_000;

export interface LiveResult {
  rows: Row[];
  checks: Check[];
}

/** `perSide` top-ups watched on B and as many on A; one callback each, POSTed to A. */
export async function crossInstanceLatency(ctx: ScaleOutContext, perSide: number): Promise<LiveResult> {
  const { env, a, b, apiKey } = ctx;
  const { apiKey: key, apiSecret } = env.credentials;
  const authorization = `Basic ${Buffer.from(`${key}:${apiSecret}`).toString('base64')}`;
  const sandboxUrl = env.sandbox.ready.url;
  const productId = await topUpProduct(sandboxUrl, authorization);
  const started = Date.now();
  const topUps = await createTopUps(a.ready.url, apiKey, productId, 2 * perSide);
  env.log(`e: ${topUps.length} top-ups created through A in ${Date.now() - started} ms`);
  const [onB, onA] = [topUps.slice(0, perSide), topUps.slice(perSide)];
  const subs = await startSubscribers(env);
  const steer = sandboxSteering(sandboxUrl, authorization);
  const sender = callbackSender(a.ready.url);
  try {
    // Subscriber i < perSide watches onB[i] on B; perSide + i watches onA[i] on A.
    for (const [gateway, watched] of [
      [b, onB],
      [a, onA],
    ] as const) {
      const opened = await subs.control.open({
        transport: 'ws',
        url: gateway.ready.url,
        authorization: `Bearer ${apiKey}`,
        query: WATCH,
        ids: watched.map((t) => t.id),
      });
      if (opened.failed > 0) throw new Error(`${opened.failed} subscriptions failed: ${opened.firstError}`);
    }
    await subs.control.drain();
    // Item 2i is onB[i], item 2i + 1 is onA[i].
    const target: CallbackTarget = {
      count: topUps.length,
      copies: 1,
      item: (i) => ({
        path: callbackPath(CALLBACK_SECRET, (i % 2 === 0 ? onB : onA)[Math.floor(i / 2)]!),
        body: '{}',
      }),
    };
    await steer.confirm(topUps);
    await sleep(1_200);
    // The gateway's capacity first, end to end: the first third closed loop, timed to the last event.
    const calibration = 2 * Math.ceil(perSide / 3);
    await benchProfile(a.ready.url, 'start');
    const probe = await sender.saturated({ ...target, count: calibration }, 16);
    await subs.control.awaitEvents(calibration, 10_000);
    await benchProfile(a.ready.url, 'stop=scale-out-closed-loop');
    const probed = (await subs.control.drain()).events;
    const spanMs = Math.max(...probed.map(([, , at]) => at)) - Math.min(...probe.sentAt.filter(Boolean));
    const capacity = (probed.length / spanMs) * 1000;
    const rate = Math.min(MAX_RATE, 0.5 * capacity);
    const left = topUps.length - calibration;
    const measured = Math.min(left, 2 * Math.max(5, Math.round((rate / 2) * env.seconds)));
    const sent = await sender.paced({ ...target, offset: calibration, count: measured }, rate);
    await subs.control.awaitEvents(measured, 10_000);
    const rest = await sender.saturated(
      { ...target, offset: calibration + measured, count: left - measured },
      16,
    );
    await subs.control.awaitEvents(left, 10_000);
    const drained = await subs.control.drain();
    if (drained.errors > 0) throw new Error(`subscriber errors: ${drained.errors} (${drained.firstError})`);
    const events = [...probed, ...drained.events];
    const itemOf = (sub: number) => (sub < perSide ? 2 * sub : 2 * (sub - perSide) + 1);
    const firstMove = new Map<number, number>();
    for (const [sub, , at] of events) if (!firstMove.has(sub)) firstMove.set(sub, at);
    const side = (from: number) => {
      const latencies: number[] = [];
      let delivered = 0;
      for (let sub = from; sub < from + perSide; sub++) {
        const at = firstMove.get(sub);
        if (at !== undefined) delivered++;
        const item = itemOf(sub);
        if (at !== undefined && item >= calibration && item < calibration + measured)
          latencies.push(at - sent.sentAt[item]!);
      }
      return { delivered, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
    };
    env.log(
      `e: capacity ${capacity.toFixed(0)} callbacks/s end to end (${calibration} closed loop); ${measured} paced at ${rate.toFixed(0)}/s answered in ${sent.ms.toFixed(0)} ms (${((measured / rate) * 1000).toFixed(0)} ms of pacing)`,
    );
    return summarise(side(0), side(perSide), {
      perSide,
      capacity,
      rate,
      failed: probe.failed + sent.failed + rest.failed,
      events: events.length,
    });
  } finally {
    await Promise.all([sender.close(), steer.close()]);
    await subs.control.close();
    await subs.process.stop();
  }
}

interface Side {
  delivered: number;
  p50Ms: number;
  p99Ms: number;
}

function summarise(
  cross: Side,
  same: Side,
  {
    perSide,
    capacity,
    rate: total,
    failed,
    events,
  }: { perSide: number; capacity: number; rate: number; failed: number; events: number },
): LiveResult {
  const dp50 = cross.p50Ms - same.p50Ms;
  const dp99 = cross.p99Ms - same.p99Ms;
  const rate = Math.round(total / 2);
  const rows: Row[] = [
    {
      scenario: SCENARIO,
      variant: 'callbacks into A and B, closed loop',
      rps: capacity,
      ratio: 'end to end',
      target: '≥ 1,000 cb/s',
      ok: capacity >= 1_000,
    },
    {
      scenario: SCENARIO,
      variant: `callback→sub A=B ${rate}/s`,
      rps: rate,
      p50Ms: same.p50Ms,
      p99Ms: same.p99Ms,
      ratio: '1.00',
    },
    {
      scenario: SCENARIO,
      variant: `callback→sub A≠B ${rate}/s`,
      rps: rate,
      p50Ms: cross.p50Ms,
      p99Ms: cross.p99Ms,
      ratio: `${signed(dp50)}/${signed(dp99)}ms`,
      target: '≤+1 p50, ≤+5 p99 ms',
      ok: dp50 <= 1 && dp99 <= 5,
    },
  ];
  const checks: Check[] = [
    {
      name: `${SCENARIO} every callback's change reaches its subscriber on A and on B (loss 0)`,
      ok: cross.delivered === perSide && same.delivered === perSide && failed === 0,
      detail: `A≠B ${cross.delivered}/${perSide}, A=B ${same.delivered}/${perSide}; ${failed} callbacks refused; ${events} events`,
    },
  ];
  return { rows, checks };
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(1)}`;
