/**
 * Scenario (e), catalogue half: the shared cache across instances (counts), Redis commands per query (cold, L2-warm,
 * warm) and warm throughput with two instances against one.
 */
import { runLoad } from '../lib/load.js';
import type { BenchProcess } from '../lib/processes.js';
import type { Check, Row } from '../lib/report.js';
import type { Served } from './a-setup.js';
import {
  clearProcessCache,
  commandDelta,
  describeCommands,
  graphql,
  graphqlRequest,
  ONE_COUNTRY,
  ONE_COUNTRY_VARIABLES,
  redisCounters,
  type ScaleOutContext,
} from './e-setup.js';

const SCENARIO = 'e.one-country';
const BURST_PER_INSTANCE = 16;

interface Probe {
  calls: number;
  redis: ReturnType<typeof commandDelta>;
}

/** Upstream calls and Redis commands spent by `action`. */
async function probe(ctx: ScaleOutContext, action: () => Promise<unknown>): Promise<Probe> {
  await ctx.env.upstream.resetCalls();
  const before = await redisCounters(ctx.redis);
  await action();
  const redis = commandDelta(before, await redisCounters(ctx.redis));
  return { calls: (await ctx.env.upstream.calls()).total, redis };
}

const query = (ctx: ScaleOutContext, gateway: BenchProcess<Served>) =>
  graphql(gateway.ready.url, ctx.apiKey, ONE_COUNTRY, ONE_COUNTRY_VARIABLES);

/** The shared cache's reads. The DT One budget's scripts (`evalsha`, and the `hmget` inside them) are its own cost. */
const readCommands = (p: Probe) =>
  Object.entries(p.redis.byName)
    .filter(([name]) => name === 'get' || name === 'mget')
    .reduce((a, [, n]) => a + n, 0);

/** Counts: who pays upstream calls and Redis commands when A, B or both start cold. */
export async function sharedCacheProbes(ctx: ScaleOutContext): Promise<{ rows: Row[]; checks: Check[] }> {
  const { a, b, redis } = ctx;
  const coldBoth = async () => {
    await Promise.all([clearProcessCache(a), clearProcessCache(b), redis.flushall()]);
  };
  await coldBoth();
  const cold = await probe(ctx, () => query(ctx, a));
  // A writes its whole answer to Redis after it answered (the response cache stores in the background): B is
  // measured once it is there, else B may or may not find it depending on the machine's load.
  if (process.env.RESPONSE_CACHE !== 'false') {
    const deadline = Date.now() + 5_000;
    while ((await redis.keys('*response:*')).length === 0) {
      if (Date.now() > deadline) throw new Error("A's answer never reached the shared response cache");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  const keys = await redis.dbsize();
  await clearProcessCache(b);
  const bFromShared = await probe(ctx, () => query(ctx, b));
  const bWarm = await probe(ctx, () => query(ctx, b));
  await coldBoth();
  const burst = await probe(ctx, () =>
    Promise.all([a, b].flatMap((g) => Array.from({ length: BURST_PER_INSTANCE }, () => query(ctx, g)))),
  );
  const burstQueries = 2 * BURST_PER_INSTANCE;

  const redisText = (p: Probe) => `redis ${p.redis.total}cmd/${p.redis.roundTrips}rt`;
  const rows: Row[] = [
    {
      scenario: SCENARIO,
      variant: 'A cold (L1+L2 empty)',
      upstreamCallsPerQuery: cold.calls,
      ratio: redisText(cold),
      target: `reads≤${keys} keys`,
      ok: readCommands(cold) <= keys,
    },
    {
      scenario: SCENARIO,
      variant: 'B after A warmed (L2)',
      upstreamCallsPerQuery: bFromShared.calls,
      ratio: redisText(bFromShared),
      target: `0 calls, reads≤${keys}`,
      ok: bFromShared.calls === 0 && readCommands(bFromShared) <= keys,
    },
    {
      scenario: SCENARIO,
      variant: 'B warm (L1)',
      upstreamCallsPerQuery: bWarm.calls,
      ratio: redisText(bWarm),
      target: '0 calls, 0 redis',
      ok: bWarm.calls === 0 && bWarm.redis.total === 0,
    },
    {
      scenario: SCENARIO,
      variant: `A+B cold ${BURST_PER_INSTANCE}+${BURST_PER_INSTANCE} at once`,
      upstreamCallsPerQuery: burst.calls / burstQueries,
      ratio: `${burst.calls} calls=${(burst.calls / Math.max(1, cold.calls)).toFixed(2)}×1`,
      target: '≤2.00× single cold',
      ok: burst.calls <= 2 * cold.calls,
    },
  ];
  const checks: Check[] = [
    {
      name: `${SCENARIO} shared cache: B after A warmed costs 0 upstream calls`,
      ok: bFromShared.calls === 0,
      detail: `${bFromShared.calls} calls (A cold: ${cold.calls})`,
    },
    {
      name: `${SCENARIO} cold start on A+B costs ≤ 2× one instance's calls`,
      ok: burst.calls <= 2 * cold.calls,
      detail: `${burst.calls} calls for ${burstQueries} concurrent queries; one instance cold: ${cold.calls}`,
    },
    {
      name: `${SCENARIO} warm L1 read costs 0 Redis commands`,
      ok: bWarm.redis.total === 0,
      detail: describeCommands(bWarm.redis),
    },
    {
      name: `${SCENARIO} Redis reads per cold query ≤ distinct keys (${keys})`,
      ok: readCommands(cold) <= keys && readCommands(bFromShared) <= keys,
      detail: `L1+L2 cold: ${describeCommands(cold.redis)} in ${cold.redis.roundTrips} round trips; L2 warm: ${describeCommands(bFromShared.redis)} in ${bFromShared.redis.roundTrips}`,
    },
  ];
  return { rows, checks };
}

interface Window {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
  cpuMicrosPerQuery: number;
  upstreamCallsPerQuery: number;
  redisPerQuery: number;
}

/** One measured window over `targets` at once (one autocannon per instance), summed. */
async function window(
  ctx: ScaleOutContext,
  targets: { gateway: BenchProcess<Served>; connections: number }[],
): Promise<Window> {
  const request = (g: BenchProcess<Served>) =>
    graphqlRequest(g.ready.url, ctx.apiKey, ONE_COUNTRY, ONE_COUNTRY_VARIABLES);
  await ctx.env.upstream.resetCalls();
  const redisBefore = await redisCounters(ctx.redis);
  const cpuBefore = targets.map((t) => t.gateway.cpuMicros());
  const loads = await Promise.all(
    targets.map((t) => runLoad(request(t.gateway), t.connections, ctx.env.seconds)),
  );
  const cpu = targets.reduce((sum, t, i) => sum + t.gateway.cpuMicros() - cpuBefore[i]!, 0);
  const redis = commandDelta(redisBefore, await redisCounters(ctx.redis));
  const calls = (await ctx.env.upstream.calls()).total;
  const requests = loads.reduce((n, l) => n + l.requests, 0);
  const n = Math.max(1, requests);
  const weighted = (key: 'p50Ms' | 'p99Ms') => loads.reduce((s, l) => s + l[key] * l.requests, 0) / n;
  return {
    rps: loads.reduce((s, l) => s + l.rps, 0),
    p50Ms: weighted('p50Ms'),
    p99Ms: weighted('p99Ms'),
    requests,
    failures: loads.reduce((s, l) => s + l.failures, 0),
    cpuMicrosPerQuery: cpu / n,
    upstreamCallsPerQuery: calls / n,
    redisPerQuery: redis.total / n,
  };
}

/** Warm throughput at c=32: A alone, then A and B with 16 connections each, alternated round by round. */
export async function scaleOutThroughput(ctx: ScaleOutContext): Promise<{ rows: Row[]; checks: Check[] }> {
  const { a, b, env } = ctx;
  const rounds = env.args.quick ? 1 : 2;
  const variants = [
    { label: 'A alone c=32 warm', targets: [{ gateway: a, connections: 32 }] },
    {
      label: 'A+B c=16+16 warm',
      targets: [
        { gateway: a, connections: 16 },
        { gateway: b, connections: 16 },
      ],
    },
  ];
  await Promise.all([query(ctx, a), query(ctx, b)]);
  await window({ ...ctx, env: { ...env, seconds: env.warmupSeconds } }, variants[1]!.targets);
  const runs = variants.map(() => [] as Window[]);
  for (let round = 0; round < rounds; round++)
    for (const [i, v] of variants.entries()) runs[i]!.push(await window(ctx, v.targets));

  const mean = (ws: Window[], key: keyof Window) => ws.reduce((s, w) => s + w[key], 0) / ws.length;
  const one = mean(runs[0]!, 'rps');
  const rows: Row[] = variants.map((v, i) => {
    const own = runs[i]!;
    const ratio = mean(own, 'rps') / one;
    return {
      scenario: SCENARIO,
      variant: v.label,
      rps: mean(own, 'rps'),
      p50Ms: mean(own, 'p50Ms'),
      p99Ms: mean(own, 'p99Ms'),
      cpuMicrosPerQuery: mean(own, 'cpuMicrosPerQuery'),
      upstreamCallsPerQuery: mean(own, 'upstreamCallsPerQuery'),
      ratio: i === 0 ? '1.00' : `${ratio.toFixed(2)}×1 inst`,
      ...(i > 0 && { target: '≥1.30×', ok: ratio >= 1.3 }),
      runs: own,
    };
  });
  const all = runs.flat();
  const checks: Check[] = [
    {
      name: `${SCENARIO} warm load: 0 Redis commands and 0 upstream calls per query`,
      ok: all.every((w) => w.redisPerQuery === 0 && w.upstreamCallsPerQuery === 0),
      detail: all
        .map((w) => `${w.redisPerQuery.toFixed(3)} redis, ${w.upstreamCallsPerQuery.toFixed(3)} calls`)
        .join('; '),
    },
  ];
  const failures = all.reduce((s, w) => s + w.failures, 0);
  if (failures > 0)
    checks.push({
      name: `${SCENARIO} load answered every request`,
      ok: false,
      detail: `${failures} failed or timed out`,
      informational: true,
    });
  return { rows, checks };
}
