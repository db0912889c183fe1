/**
 * Scenario (a) against the peer a user would pick instead of us (PERFORMANCE.md §7): Hive Gateway's runtime with
 * GraphQL Mesh's OpenAPI loader over a patched copy of the DVS spec (bench/peer/). Same one-country question as F3,
 * alternated with F3 at c=1 and c=32, a 20 ms/call waterfall, and what the peer gets wrong: answers compared with
 * F3 on the facts both carry, money literals compared with DVS's own, upstream details in its errors.
 * Every check here is informational: the peer's figures describe the peer, never gate our CI.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';
import { request } from 'undici';
import { type BenchEnv, type ScenarioResult, SERVER_CORE } from '../lib/env.js';
import type { LoadTarget } from '../lib/load.js';
import type { BenchProcess } from '../lib/processes.js';
import type { Check, Row } from '../lib/report.js';
import { fixedLoad } from '../peer/fixed-load.js';
import {
  type F3OneCountry,
  f3Facts,
  firstDifference,
  flatFacts,
  linkedFacts,
  PEER_FLAT_QUERY,
  PEER_RANGED_PRICES_QUERY,
  type PeerFlatData,
  type PeerLinkedData,
  peerLinkedQuery,
  type SharedFacts,
} from '../peer/queries.js';
import { BUSY_COUNTRY } from './a-queries.js';
import { A_QUERIES, type Fetched, type Served, send } from './a-setup.js';

const PEER_DIR = fileURLToPath(new URL('../peer/', import.meta.url));
const INJECTED_MS = 20;
const WATERFALL_SAMPLES = 5;
const ONE = A_QUERIES.find((q) => q.name === 'a.one-country')!;

interface Window {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerQuery: number;
  upstreamCallsPerQuery: number;
  failures: number;
}

interface Variant {
  label: string;
  kind: 'F3' | 'linked' | 'flat';
  connections: number;
  target: LoadTarget;
  process: BenchProcess<Served>;
}

const graphqlTarget = (url: string, query: string): LoadTarget => ({
  url: `${url}/graphql`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query, variables: { iso: BUSY_COUNTRY } }),
});

export async function peerRuns(env: BenchEnv, f3: BenchProcess<Served>): Promise<ScenarioResult> {
  if (!existsSync(`${PEER_DIR}node_modules`)) {
    if (env.args.quick)
      return {
        rows: [],
        checks: [
          {
            name: 'a.one-country peer hive-gateway',
            ok: false,
            detail: 'peer not installed (npm ci --prefix bench/peer)',
            informational: true,
          },
        ],
      };
    env.log('a: installing the peer (npm ci --prefix bench/peer) …');
    await promisify(execFile)('npm', ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund']);
  }
  env.log('a: starting the peer (Hive Gateway + Mesh over our spec) …');
  const started = performance.now();
  const phase = (what: string) =>
    env.log(`a: peer ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const peer = await env.spawn<Served>('peer hive-gateway', SERVER_CORE, `${PEER_DIR}serve.mjs`, env.dvsEnv);
  try {
    const f3Target: LoadTarget = { url: `${f3.ready.url}${ONE.f3Path}`, method: 'GET' };
    const linked = graphqlTarget(peer.ready.url, peerLinkedQuery());
    const flat = graphqlTarget(peer.ready.url, PEER_FLAT_QUERY);
    phase('ready');
    const checks = [
      ...(await correctness(env, f3Target, peer.ready.url).catch((error: unknown) => [
        {
          name: 'a.one-country peer answered the one-country queries',
          ok: false,
          detail: String(error).slice(0, 300),
          informational: true,
        },
      ])),
      await leakProbe(env, linked),
    ];
    phase('answers checked');
    const rows = await loadPairs(env, f3, peer, { F3: f3Target, linked, flat });
    phase('load done');
    rows.push(...(await waterfalls(env, { F3: f3Target, linked, flat })));
    phase('waterfalls done');
    const failed = rows.flatMap((r) => (r.runs as Window[] | undefined) ?? []).filter((w) => w.failures > 0);
    if (failed.length > 0)
      checks.push({
        name: 'a.one-country peer load runs answered every request',
        ok: false,
        detail: `${failed.reduce((a, w) => a + w.failures, 0)} failed or timed out`,
        informational: true,
      });
    return { rows, checks };
  } finally {
    await peer.stop();
  }
}

/** The peer's answers (linked and flat) against F3's on the facts both carry, and its money against DVS's. */
async function correctness(env: BenchEnv, f3Target: LoadTarget, peerUrl: string): Promise<Check[]> {
  const f3 = f3Facts(dataOf<F3OneCountry>(await send(f3Target)));
  const compare = (name: string, facts: SharedFacts): Check => {
    const difference = firstDifference(facts, f3);
    const products = facts.operators.reduce((a, o) => a + o.products.length, 0);
    return {
      name: `a.one-country peer ${name} answer = F3 (operator, product, promotion ids, names, dates)`,
      ok: difference === undefined,
      detail: difference ?? `${facts.operators.length} operators, ${products} products equal`,
      informational: true,
    };
  };
  const linkedText = await send(graphqlTarget(peerUrl, peerLinkedQuery(true)));
  const linked = dataOf<PeerLinkedData>(linkedText);
  const flat = dataOf<PeerFlatData>(await send(graphqlTarget(peerUrl, PEER_FLAT_QUERY)));
  return [
    compare('hive-gateway', linkedFacts(linked)),
    compare('flat (client join)', flatFacts(flat)),
    await moneyCheck(env, linkedText.text),
    nullablePrices(await send(graphqlTarget(peerUrl, PEER_RANGED_PRICES_QUERY))),
  ];
}

/** Ranged products' retail prices: DVS's nulls meet the peer's non-null types. */
function nullablePrices(fetched: Fetched): Check {
  const body = JSON.parse(fetched.text) as { errors?: { message: string; path?: unknown[] }[] };
  const errors = body.errors ?? [];
  return {
    name: 'a.one-country peer answers ranged products retail prices without errors',
    ok: fetched.status === 200 && errors.length === 0,
    detail:
      errors.length === 0
        ? `status ${fetched.status}, no errors`
        : `${errors.length} errors "${errors[0]!.message}" at ${errors
            .slice(0, 3)
            .map((e) => (e.path ?? []).join('.'))
            .join(', ')} (DVS sends null, the peer typed the field non-null)`,
    informational: true,
  };
}

/**
 * DVS sends money as JSON number literals with their scale (`"fee": 0.30`); the peer types them `Float`. Compares
 * each price literal the peer printed with the literal DVS sent for the same product.
 */
async function moneyCheck(env: BenchEnv, peerText: string): Promise<Check> {
  const dvs = new Map<number, Record<string, string>>();
  const auth = Buffer.from(`${env.credentials.apiKey}:${env.credentials.apiSecret}`).toString('base64');
  for (let page = 1; ; page++) {
    const url = `${env.dvsEnv.DTONE_BASE_URL}/products?country_iso_code=${BUSY_COUNTRY}&per_page=100&page=${page}`;
    const res = await request(url, { headers: { authorization: `Basic ${auth}` } });
    const items = parseLossless(await res.body.text()) as { id: unknown; prices?: unknown }[];
    for (const item of items) dvs.set(Number(String(item.id)), priceLiterals(item.prices));
    if (Number(res.headers['x-total-pages']) <= page) break;
  }
  const peer = parseLossless(peerText) as { data: { getCountryByIsoCode: { operators: unknown[] } } };
  let compared = 0;
  let valueChanged = 0;
  const changed: string[] = [];
  for (const operator of peer.data.getCountryByIsoCode.operators as { products: unknown[] }[])
    for (const product of operator.products as { id: unknown; prices?: unknown }[]) {
      if (product.prices === undefined) continue;
      const id = Number(String(product.id));
      const theirs = priceLiterals(product.prices);
      for (const [path, literal] of Object.entries(dvs.get(id) ?? {})) {
        compared++;
        if (theirs[path] === literal) continue;
        changed.push(`${id} ${path} ${literal} → ${theirs[path]}`);
        if (Number(theirs[path]) !== Number(literal)) valueChanged++;
      }
    }
  return {
    name: 'a.one-country peer keeps DVS money literals (prices.{wholesale,retail}.{amount,fee})',
    ok: changed.length === 0 && compared > 0,
    detail: `${changed.length} of ${compared} literals changed, ${valueChanged} in value (the peer types money as Float)${
      changed.length > 0 ? `, e.g. ${changed.slice(0, 3).join('; ')}` : ''
    }`,
    informational: true,
  };
}

/** `wholesale.fee` → literal text, for the numeric leaves of a product's `prices`. */
function priceLiterals(prices: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!prices || typeof prices !== 'object') return out;
  for (const side of ['wholesale', 'retail'] as const) {
    const part = (prices as Record<string, unknown>)[side];
    if (!part || typeof part !== 'object') continue;
    for (const key of ['amount', 'fee'] as const) {
      const value = (part as Record<string, unknown>)[key];
      if (isLosslessNumber(value)) out[`${side}.${key}`] = value.value;
    }
  }
  return out;
}

/** One upstream failure (503 on GET /v1/products): what the peer tells its client about the upstream. */
async function leakProbe(env: BenchEnv, linked: LoadTarget): Promise<Check> {
  const faults = `${env.sandbox.ready.url}/__sandbox/faults`;
  await request(faults, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      route: 'GET /v1/products',
      times: 1,
      status: 503,
      body: { errors: [{ code: 1000503, message: 'Service unavailable' }] },
    }),
  }).then((res) => res.body.dump());
  const answer = await send(linked).finally(() => env.upstream.clearFaults());
  const upstream = new URL(env.dvsEnv.DTONE_BASE_URL!);
  const leaked = [
    answer.text.includes(upstream.host) && `upstream URL (${upstream.host})`,
    /"response":\{.*"headers"/s.test(answer.text) && 'upstream response headers',
    answer.text.includes('1000503') && 'upstream body',
    /basic [a-z0-9+/=]{8,}/i.test(answer.text) && 'Authorization header',
  ].filter(Boolean);
  return {
    name: 'a.one-country peer errors hide upstream details (default masking)',
    ok: leaked.length === 0,
    detail:
      leaked.length === 0
        ? 'no upstream detail in the error'
        : `leaks ${leaked.join(', ')} in extensions (${answer.text.match(/"code":"[A-Z_]+"/)?.[0] ?? 'no code'})`,
    informational: true,
  };
}

/**
 * F3, peer linked, peer flat at c=1 and c=32, alternated. Each window is a fixed number of requests (about
 * `seconds` at the rate of its warm-up; fixedLoad), not a duration: a duration run abandons up to c requests that
 * the peer keeps executing for seconds after, which would leak their upstream calls and CPU into the next window.
 */
async function loadPairs(
  env: BenchEnv,
  f3: BenchProcess<Served>,
  peer: BenchProcess<Served>,
  targets: Record<Variant['kind'], LoadTarget>,
): Promise<Row[]> {
  const quick = env.args.quick;
  const seconds = quick ? 2 : Math.min(env.seconds, 5);
  const rounds = quick ? 1 : 2;
  const names = { F3: 'F3 (peer pair)', linked: 'peer hive-gateway', flat: 'peer flat' };
  const variants = [1, 32].flatMap((connections) =>
    (['F3', 'linked', 'flat'] as const).map(
      (kind): Variant => ({
        label: `${names[kind]} c=${connections}`,
        kind,
        connections,
        target: targets[kind],
        process: kind === 'F3' ? f3 : peer,
      }),
    ),
  );
  env.log(`a: peer vs F3 load (${variants.length} variants × ${rounds} × ~${seconds} s) …`);
  const amounts = new Map<Variant, number>();
  for (const v of variants) {
    const warm = await fixedLoad(v.target, v.connections, Math.max(5, v.connections));
    amounts.set(v, Math.max(v.connections, Math.round(warm.rps * seconds)));
  }
  const windows = new Map<Variant, Window[]>(variants.map((v) => [v, []]));
  for (let round = 0; round < rounds; round++)
    for (const v of variants) {
      await env.upstream.resetCalls();
      const cpuBefore = v.process.cpuMicros();
      const load = await fixedLoad(v.target, v.connections, amounts.get(v)!);
      const cpu = v.process.cpuMicros() - cpuBefore;
      const calls = await env.upstream.calls();
      const n = Math.max(1, load.requests);
      windows.get(v)!.push({
        rps: load.rps,
        p50Ms: load.p50Ms,
        p99Ms: load.p99Ms,
        cpuMicrosPerQuery: cpu / n,
        upstreamCallsPerQuery: calls.total / n,
        failures: load.failures,
      });
    }
  const avg = (list: Window[], key: keyof Window) => list.reduce((a, w) => a + w[key], 0) / list.length;
  return variants.map((v): Row => {
    const own = windows.get(v)!;
    const floor = windows.get(variants.find((f) => f.kind === 'F3' && f.connections === v.connections)!)!;
    const rpsRatio = avg(own, 'rps') / avg(floor, 'rps');
    const cpuRatio = avg(own, 'cpuMicrosPerQuery') / avg(floor, 'cpuMicrosPerQuery');
    return {
      scenario: ONE.name,
      variant: v.label,
      rps: avg(own, 'rps'),
      p50Ms: avg(own, 'p50Ms'),
      p99Ms: avg(own, 'p99Ms'),
      cpuMicrosPerQuery: avg(own, 'cpuMicrosPerQuery'),
      upstreamCallsPerQuery: avg(own, 'upstreamCallsPerQuery'),
      ratio: v.kind === 'F3' ? '1.00' : `${rpsRatio.toFixed(2)}×/${cpuRatio.toFixed(1)}×cpu`,
      runs: own,
    };
  });
}

/**
 * c=1 with 20 ms held on every upstream call: p50 of five queries and the SHALLOWEST chain of calls seen. Depth is
 * read from call timings, so a client that spends CPU between sending its 20 sibling calls (the peer: ~1–2 ms each)
 * looks deeper on a loaded machine than its plan is; the minimum over samples is the closest to its plan.
 */
async function waterfalls(env: BenchEnv, targets: Record<Variant['kind'], LoadTarget>): Promise<Row[]> {
  const measured = new Map<Variant['kind'], { p50Ms: number; depth: number; calls: number }>();
  await env.upstream.delayEveryCall(INJECTED_MS, 10_000);
  try {
    for (const kind of ['F3', 'linked', 'flat'] as const) {
      const ms: number[] = [];
      let depth = Number.POSITIVE_INFINITY;
      let calls = 0;
      for (let i = 0; i < WATERFALL_SAMPLES; i++) {
        await env.upstream.resetCalls();
        const fetched = await send(targets[kind]);
        dataOf(fetched);
        ms.push(fetched.ms);
        depth = Math.min(depth, await env.upstream.waterfallDepth());
        calls = (await env.upstream.calls()).total;
      }
      measured.set(kind, { p50Ms: ms.sort((a, b) => a - b)[WATERFALL_SAMPLES >> 1]!, depth, calls });
    }
  } finally {
    await env.upstream.clearFaults();
  }
  const f3 = measured.get('F3')!;
  return (['linked', 'flat'] as const).map((kind): Row => {
    const m = measured.get(kind)!;
    const delta = m.depth - f3.depth;
    return {
      scenario: ONE.name,
      variant: `${kind === 'linked' ? 'peer hive-gateway' : 'peer flat'} ${INJECTED_MS}ms/call c=1`,
      p50Ms: m.p50Ms,
      upstreamCallsPerQuery: m.calls,
      depth: m.depth,
      ratio: `${delta >= 0 ? '+' : ''}${delta} vs F3`,
      target: `F3 p50 ${f3.p50Ms.toFixed(0)}ms, depth ${f3.depth} (min of ${WATERFALL_SAMPLES})`,
    };
  });
}

function dataOf<T>(fetched: Fetched): T {
  if (fetched.status !== 200) throw new Error(`answered ${fetched.status}: ${fetched.text.slice(0, 300)}`);
  const body = JSON.parse(fetched.text) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(`answered errors: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data!;
}
