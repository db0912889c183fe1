import { canonicalJson } from '../lib/canonical-json.js';
import type { Check, Row } from '../lib/report.js';
import {
  type Fetched,
  f3Request,
  gatewayRequest,
  type ScenarioContext,
  type ScenarioQuery,
  send,
} from './a-setup.js';

const INJECTED_MS = 20;
const WATERFALL_SAMPLES = 3;

export interface ProbeResult {
  rows: Row[];
  checks: Check[];
  /** The gateway's cold answer, as bytes to serve from F0. */
  gatewayAnswer: string;
  f3ColdCalls: number;
}

const dataOf = (fetched: Fetched): unknown => {
  if (fetched.status !== 200) throw new Error(`answered ${fetched.status}: ${fetched.text.slice(0, 300)}`);
  const body = JSON.parse(fetched.text) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(`answered errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data;
};

/** Counts that do not depend on load: calls per cold and warm query, in-flight dedupe, waterfall depth. */
export async function probeCounts(ctx: ScenarioContext, q: ScenarioQuery): Promise<ProbeResult> {
  const { upstream } = ctx;
  await upstream.resetCalls();
  const gatewayCold = await send(gatewayRequest(ctx, q, true));
  const coldCalls = await upstream.calls();
  await upstream.resetCalls();
  const gatewayWarm = await send(gatewayRequest(ctx, q, false));
  const warmCalls = await upstream.calls();
  await upstream.resetCalls();
  const f3 = await send(f3Request(ctx, q));
  const f3Calls = await upstream.calls();

  const f3Data = canonicalJson(dataOf(f3));
  const equalCold = canonicalJson(dataOf(gatewayCold)) === f3Data;
  const equalWarm = canonicalJson(dataOf(gatewayWarm)) === f3Data;

  // 32 concurrent copies on an empty cache: a cheap cold request empties it, then none of the 32 does.
  await send(gatewayRequest(ctx, { query: '{ __typename }', variables: {} }, true));
  await upstream.resetCalls();
  const burst = await Promise.all(Array.from({ length: 32 }, () => send(gatewayRequest(ctx, q, false))));
  const burstCalls = await upstream.calls();
  const burstEqual = burst.every((b) => canonicalJson(dataOf(b)) === f3Data);

  const gatewayWaterfall = await waterfall(ctx, () => send(gatewayRequest(ctx, q, true)));
  const f3Waterfall = await waterfall(ctx, () => send(f3Request(ctx, q)));

  // PERFORMANCE §4(a): p50 ≤ depth × d + 5 ms, at the depth allowed (F3's + 1).
  const latencyTarget = (f3Waterfall.depth + 1) * INJECTED_MS + 5;
  const rows: Row[] = [
    {
      scenario: q.name,
      variant: `F3 ${INJECTED_MS}ms/call c=1`,
      p50Ms: f3Waterfall.p50Ms,
      upstreamCallsPerQuery: f3Calls.total,
      depth: f3Waterfall.depth,
      ratio: '1.00',
    },
    {
      scenario: q.name,
      variant: `gateway ${INJECTED_MS}ms/call c=1`,
      p50Ms: gatewayWaterfall.p50Ms,
      upstreamCallsPerQuery: coldCalls.total,
      depth: gatewayWaterfall.depth,
      ratio: `${signed(gatewayWaterfall.depth - f3Waterfall.depth)} vs F3`,
      target: `depth≤${f3Waterfall.depth + 1}, p50≤${latencyTarget}ms`,
      ok: gatewayWaterfall.depth <= f3Waterfall.depth + 1 && gatewayWaterfall.p50Ms <= latencyTarget,
    },
    {
      scenario: q.name,
      variant: 'gateway cold 32 at once',
      upstreamCallsPerQuery: burstCalls.total / 32,
      ratio: `${burstCalls.total} calls`,
      target: `total≤${coldCalls.total} (1 query)`,
      ok: burstCalls.total <= coldCalls.total,
    },
  ];
  const checks: Check[] = [
    {
      name: `${q.name} cold calls ≤ distinct endpoints × pages`,
      ok: coldCalls.total <= f3Calls.total,
      detail: `gateway ${JSON.stringify(coldCalls.counts)}; F3 (one call per endpoint and page) ${JSON.stringify(f3Calls.counts)}`,
    },
    { name: `${q.name} warm calls = 0`, ok: warmCalls.total === 0, detail: `${warmCalls.total} calls` },
    {
      name: `${q.name} 32 concurrent cold copies ≤ one query's calls`,
      ok: burstCalls.total <= coldCalls.total,
      detail: `${burstCalls.total} calls for 32, ${coldCalls.total} for one`,
    },
    {
      name: `${q.name} waterfall depth ≤ 4`,
      ok: gatewayWaterfall.depth <= 4,
      detail: `gateway ${gatewayWaterfall.depth}, F3 ${f3Waterfall.depth}`,
    },
    {
      name: `${q.name} gateway answer = F3 answer`,
      ok: equalCold && equalWarm && burstEqual,
      detail: `cold ${equalCold}, warm ${equalWarm}, 32 concurrent ${burstEqual} (canonical JSON of data, ${gatewayCold.text.length} bytes)`,
    },
  ];
  return { rows, checks, gatewayAnswer: gatewayCold.text, f3ColdCalls: f3Calls.total };
}

/** Every upstream call held `INJECTED_MS` before its answer; a few sequential queries; depth is the deepest seen. */
async function waterfall(ctx: ScenarioContext, run: () => Promise<Fetched>) {
  await ctx.upstream.delayEveryCall(INJECTED_MS, 10_000);
  const latencies: number[] = [];
  let depth = 0;
  try {
    for (let i = 0; i < WATERFALL_SAMPLES; i++) {
      await ctx.upstream.resetCalls();
      const fetched = await run();
      dataOf(fetched);
      latencies.push(fetched.ms);
      depth = Math.max(depth, await ctx.upstream.waterfallDepth());
    }
  } finally {
    await ctx.upstream.clearFaults();
  }
  latencies.sort((a, b) => a - b);
  return { depth, p50Ms: latencies[Math.floor(latencies.length / 2)]! };
}

const signed = (n: number) => (n >= 0 ? `+${n}` : String(n));

/**
 * The response cache changes nothing a client sees: its first and its kept answer are the executing gateway's
 * (itself equal to F3's, checked above), byte for byte, and the kept one costs no upstream call.
 */
export async function probeResponseCache(
  ctx: ScenarioContext,
  q: ScenarioQuery,
  gatewayAnswer: string,
): Promise<Check[]> {
  const first = await send(gatewayRequest(ctx, q, false, ctx.cached));
  await ctx.upstream.settle();
  await ctx.upstream.resetCalls();
  const kept = await send(gatewayRequest(ctx, q, false, ctx.cached));
  const calls = await ctx.upstream.calls();
  return [
    {
      name: `${q.name} response cache: answers = executed answer (bytes)`,
      ok: first.text === gatewayAnswer && kept.text === gatewayAnswer,
      detail: `${kept.status}, ${kept.text.length} bytes vs ${gatewayAnswer.length}`,
    },
    {
      name: `${q.name} response cache: kept answer calls = 0`,
      ok: calls.total === 0,
      detail: `${calls.total} calls`,
    },
  ];
}
