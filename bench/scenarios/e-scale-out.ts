/**
 * Scenario (e), scale-out (PERFORMANCE.md §4e): gateways A and B in scaled-out mode (a fresh PostgreSQL database,
 * a private Redis), A on the server core and B on the load core with the load generator, the sandbox and Redis
 * (§3 "Pinning"). Catalogue: shared cache counts, Redis commands per query, warm rps with 2 instances vs 1.
 * Live: callback → subscriber latency with the subscriber on B vs on A, against F5 (the bare Redis hop).
 */
import { Redis } from 'ioredis';
import { measureRedisPubSub } from '../floors/redis-pubsub.js';
import { freshPostgresWithKey } from '../lib/api-key.js';
import {
  type BenchEnv,
  type BenchScenario,
  LOAD_CORE,
  type ScenarioResult,
  SERVER_CORE,
} from '../lib/env.js';
import type { Row } from '../lib/report.js';
import { CALLBACK_SECRET } from '../lib/subscriber-setup.js';
import type { Served } from './a-setup.js';
import { scaleOutThroughput, sharedCacheProbes } from './e-catalogue.js';
import { crossInstanceLatency } from './e-live.js';
import type { ScaleOutContext } from './e-setup.js';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const F5_RATE = 1_000;

async function run(env: BenchEnv): Promise<ScenarioResult> {
  const started = Date.now();
  const log = (text: string) => env.log(`${text} [${((Date.now() - started) / 1000).toFixed(1)} s]`);
  log('e: private Redis, PostgreSQL database …');
  const redisProcess = await env.spawn<{ url: string }>('redis', LOAD_CORE, 'bench/entries/redis.ts', {});
  const redisUrl = redisProcess.ready.url;
  const pg = await freshPostgresWithKey(ADMIN_URL, `dtgw_bench_e_${process.pid}`);
  const redis = new Redis(redisUrl);
  try {
    const gatewayEnv = {
      ...env.dvsEnv,
      DATABASE_URL: pg.databaseUrl,
      REDIS_URL: redisUrl,
      CALLBACK_SECRET,
      // Only the bench's callbacks move transactions: the reconciler stays out of the way.
      RECONCILE_FIRST_POLL_MS: '3600000',
      RECONCILE_INTERVAL_MS: '3600000',
      PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
    };
    log('e: gateways A (server core) and B (load core) …');
    const [a, b] = await Promise.all([
      env.spawn<Served>('gateway A', SERVER_CORE, 'bench/entries/gateway.ts', gatewayEnv),
      env.spawn<Served>('gateway B', LOAD_CORE, 'bench/entries/gateway.ts', gatewayEnv),
    ]);
    const ctx: ScaleOutContext = { env, a, b, apiKey: pg.apiKey, redis, redisUrl };
    try {
      log('e: shared cache and Redis commands per query …');
      const shared = await sharedCacheProbes(ctx);
      log(`e: warm rps, A alone vs A+B (${env.seconds} s windows) …`);
      const throughput = await scaleOutThroughput(ctx);
      const perSide = env.args.quick ? 50 : 250;
      log(`e: callback → subscriber, A≠B vs A=B (${perSide} each) …`);
      const live = await crossInstanceLatency(ctx, perSide);
      log(`e: F5 redis-pubsub (${F5_RATE}/s for ${env.seconds} s, then saturated) …`);
      const f5 = await measureRedisPubSub(env, redisUrl, { rate: F5_RATE, seconds: env.seconds });
      const f5Rows: Row[] = [
        {
          scenario: 'e.live',
          variant: `F5 redis-pubsub ${F5_RATE}/s`,
          rps: f5.paced.rate,
          p50Ms: f5.paced.p50Ms,
          p99Ms: f5.paced.p99Ms,
          ratio: 'floor',
        },
        {
          scenario: 'e.live',
          variant: 'F5 redis-pubsub saturated',
          rps: f5.saturated.msgPerSecond,
          p50Ms: f5.saturated.p50Ms,
          p99Ms: f5.saturated.p99Ms,
          ratio: 'ceiling',
        },
      ];
      return {
        rows: [...shared.rows, ...throughput.rows, ...f5Rows, ...live.rows],
        checks: [
          ...shared.checks,
          ...throughput.checks,
          ...live.checks,
          {
            name: 'e.live F5 delivered every message',
            ok: f5.paced.received === f5.paced.sent && f5.saturated.received === f5.saturated.sent,
            detail: `paced ${f5.paced.received}/${f5.paced.sent}, saturated ${f5.saturated.received}/${f5.saturated.sent}`,
          },
        ],
      };
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  } finally {
    redis.disconnect();
    await pg.drop().catch((error: unknown) => log(`e: could not drop ${pg.databaseUrl}: ${String(error)}`));
    await redisProcess.stop();
  }
}

export const scaleOutScenario: BenchScenario = {
  letter: 'e',
  title: 'scale-out over Redis + PostgreSQL',
  run,
};
