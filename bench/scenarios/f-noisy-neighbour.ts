/**
 * Scenario (f), noisy neighbour (issue 12): one gateway with per-key rate limits on the server core. Key B sends a
 * steady load well under its limit; its p99 is measured alone, then again while key A floods the same gateway
 * from as many connections as the load core drives. Target: B's p99 ≤ 2× B alone, and every refusal A gets is a
 * 429 RATE_LIMITED (never a 5xx), while B is never refused.
 */
import { Pool } from 'undici';
import { addKey, freshStoreWithKey } from '../lib/api-key.js';
import {
  type BenchEnv,
  type BenchScenario,
  LOAD_CORE,
  type ScenarioResult,
  SERVER_CORE,
} from '../lib/env.js';
import type { BenchProcess } from '../lib/processes.js';
import { percentile } from '../lib/subscriber-setup.js';
import { BUSY_COUNTRY } from './a-queries.js';
import type { Served } from './a-setup.js';

const QUERY = JSON.stringify({
  query: 'query ($iso: CountryCode!) { country(isoCode: $iso) { isoCode name } }',
  variables: { iso: BUSY_COUNTRY },
});
/** Per key: B's steady rate is half of it; A may use all of it, and tries for far more. */
const LIMIT_PER_SECOND = 100;
const B_RATE = 50;
const A_CONNECTIONS = 64;

interface FloodResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statuses: Record<string, number>;
}

async function floodDone(flood: BenchProcess<unknown>, timeoutMs: number): Promise<FloodResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = flood
      .output()
      .split('\n')
      .find((l) => l.startsWith('BENCH_DONE '));
    if (line) return JSON.parse(line.slice('BENCH_DONE '.length)) as FloodResult;
    if (Date.now() > deadline) throw new Error(`the flood did not finish: ${flood.output().slice(-500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface Paced {
  sent: number;
  latencies: number[];
  statuses: Record<string, number>;
}

/** Open loop: one request every 1000/rate ms whatever the answers do, so queueing shows in the latencies. */
async function pacedLoad(url: string, key: string, rate: number, seconds: number): Promise<Paced> {
  const pool = new Pool(new URL(url).origin, { connections: 16 });
  const result: Paced = { sent: 0, latencies: [], statuses: {} };
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  try {
    for (let i = 0; i < rate * seconds; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      result.sent++;
      const sentAt = performance.now();
      inFlight.push(
        pool
          .request({
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: QUERY,
          })
          .then(async (res) => {
            await res.body.dump();
            result.latencies.push(performance.now() - sentAt);
            result.statuses[res.statusCode] = (result.statuses[res.statusCode] ?? 0) + 1;
          })
          .catch(() => {
            result.statuses.error = (result.statuses.error ?? 0) + 1;
          }),
      );
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  return result;
}

/** What A reads when refused: one more than its whole burst, sent at once, must end in a 429 RATE_LIMITED. */
async function refusalOf(url: string, key: string): Promise<{ status: number; code: unknown }> {
  const send = async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: QUERY,
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    return { status: res.status, code: body.errors?.[0]?.extensions?.code };
  };
  const answers = await Promise.all(Array.from({ length: LIMIT_PER_SECOND + 1 }, send));
  return answers.find((a) => a.status !== 200) ?? answers.at(-1)!;
}

async function run(env: BenchEnv): Promise<ScenarioResult> {
  const { log } = env;
  const { dataDir, apiKey: keyA } = await freshStoreWithKey();
  const keyB = await addKey(dataDir, 'neighbour');
  const gateway = await env.spawn<Served>('gateway', SERVER_CORE, 'bench/entries/gateway.ts', {
    ...env.dvsEnv,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
    RATE_LIMIT_QUERIES_PER_SECOND: String(LIMIT_PER_SECOND),
    RATE_LIMIT_QUERIES_BURST: String(LIMIT_PER_SECOND),
  });
  const { url } = gateway.ready;
  try {
    log('f: warm-up …');
    await pacedLoad(url, keyB, B_RATE, env.warmupSeconds);
    log(`f: B alone, ${B_RATE}/s for ${env.seconds} s …`);
    const alone = await pacedLoad(url, keyB, B_RATE, env.seconds);
    log(`f: B at ${B_RATE}/s while A floods (${A_CONNECTIONS} connections) …`);
    const flood = await env.spawn('flood A', LOAD_CORE, 'bench/entries/flood.ts', {
      BENCH_FLOOD_URL: `${url}/graphql`,
      BENCH_FLOOD_KEY: keyA,
      BENCH_FLOOD_BODY: QUERY,
      BENCH_FLOOD_CONNECTIONS: String(A_CONNECTIONS),
      BENCH_FLOOD_SECONDS: String(env.seconds + 3),
    });
    // B is measured under the flood's steady state: A's opening burst (its bucket's full size) is over by then.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const neighbour = await pacedLoad(url, keyB, B_RATE, env.seconds);
    const a = await floodDone(flood, 30_000);
    await flood.stop();
    const refusal = await refusalOf(url, keyA);

    const p99Alone = percentile(alone.latencies, 99);
    const p99With = percentile(neighbour.latencies, 99);
    const ratio = p99With / p99Alone;
    const aStatuses = a.statuses;
    const aOnlyLimited =
      Object.keys(aStatuses).every((code) => code === '200' || code === '429') &&
      a.errors === 0 &&
      refusal.status === 429 &&
      refusal.code === 'RATE_LIMITED';
    const bNeverRefused = Object.keys(neighbour.statuses).every((code) => code === '200');
    return {
      rows: [
        {
          scenario: 'f.neighbour',
          variant: `B alone ${B_RATE}/s`,
          rps: alone.latencies.length / env.seconds,
          p50Ms: percentile(alone.latencies, 50),
          p99Ms: p99Alone,
          ratio: 'floor',
        },
        {
          scenario: 'f.neighbour',
          variant: `B while A floods`,
          rps: neighbour.latencies.length / env.seconds,
          p50Ms: percentile(neighbour.latencies, 50),
          p99Ms: p99With,
          ratio: `${ratio.toFixed(2)}×alone`,
          target: '≤ 2× B alone',
          ok: ratio <= 2,
        },
        {
          scenario: 'f.neighbour',
          variant: 'A flooding',
          rps: a.rps,
          p50Ms: a.p50Ms,
          p99Ms: a.p99Ms,
          ratio: `${aStatuses['429'] ?? 0} × 429`,
        },
      ],
      checks: [
        {
          name: 'f.neighbour A only ever gets RATE_LIMITED',
          ok: aOnlyLimited,
          detail: `A statuses ${JSON.stringify(aStatuses)}, errors ${a.errors}; a refusal answers ${refusal.status} ${String(refusal.code)}`,
        },
        {
          name: 'f.neighbour B is never refused',
          ok: bNeverRefused,
          detail: `B statuses alone ${JSON.stringify(alone.statuses)}, with A ${JSON.stringify(neighbour.statuses)}`,
        },
      ],
    };
  } finally {
    await gateway.stop();
  }
}

export const noisyNeighbourScenario: BenchScenario = {
  letter: 'f',
  title: 'noisy neighbour: one key floods, another keeps its latency',
  run,
};
