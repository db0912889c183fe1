/**
 * Scenario (a), catalogue depth 3 (PERFORMANCE.md §4a): the one-country query and the catalogue page against F0
 * (raw HTTP with the captured answer), F1 (one undici call) and F3 (the same answer composed by hand).
 * Processes: gateway, F3 and F0 on the server core; autocannon and F1 in the orchestrator.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureUndiciCall } from '../floors/undici-call.js';
import { freshStoreWithKey } from '../lib/api-key.js';
import { type BenchEnv, type BenchScenario, type ScenarioResult, SERVER_CORE } from '../lib/env.js';
import { runLoad } from '../lib/load.js';
import type { Check, Row } from '../lib/report.js';
import { probeF2 } from './a-f2.js';
import { loadRuns } from './a-load.js';
import { peerRuns } from './a-peer.js';
import { probeCounts, probeResponseCache } from './a-probes.js';
import { A_QUERIES, gatewayRequest, type ScenarioContext, type Served } from './a-setup.js';

async function run(env: BenchEnv): Promise<ScenarioResult> {
  const rows: Row[] = [];
  const checks: Check[] = [];
  const { warmupSeconds, log } = env;
  // --quick keeps (a) near a minute: the CI gate reads counts, which short windows measure as well.
  const seconds = env.args.quick ? 2 : env.seconds;
  log('a: starting gateway and F3 …');
  const { dataDir, apiKey } = await freshStoreWithKey();
  const gatewayEnv = {
    ...env.dvsEnv,
    DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'production',
  };
  // Two gateways on one store: execution measured with the response cache off, whole answers with it on.
  const [gateway, cached, f3, f2] = await Promise.all([
    env.spawn<Served>('gateway', SERVER_CORE, 'bench/entries/gateway.ts', {
      ...gatewayEnv,
      RESPONSE_CACHE: 'false',
    }),
    env.spawn<Served>('gateway response-cache', SERVER_CORE, 'bench/entries/gateway.ts', gatewayEnv),
    env.spawn<Served>('F3 rest-compose', SERVER_CORE, 'bench/floors/rest-compose.ts', env.dvsEnv),
    env.spawn<Served>('F2 graphql-exec', SERVER_CORE, 'bench/floors/graphql-exec.ts', env.dvsEnv),
  ]);
  const ctx: ScenarioContext = {
    gateway,
    cached,
    f3,
    f2,
    sandbox: env.sandbox,
    apiKey,
    upstream: env.upstream,
    seconds,
    rounds: env.args.quick ? 1 : 2,
    warmupSeconds,
  };

  log(`a: F1 undici-call (${seconds} s each) …`);
  const { apiKey: key, apiSecret } = env.credentials;
  const authorization = `Basic ${Buffer.from(`${key}:${apiSecret}`).toString('base64')}`;
  for (const inFlight of [1, 16]) {
    const f1 = await measureUndiciCall(
      `${env.sandbox.ready.url}/v1/operators?country_iso_code=PHL&per_page=100`,
      authorization,
      inFlight,
      seconds,
    );
    rows.push({
      scenario: 'F1 undici-call',
      variant: `${inFlight} in flight`,
      ...f1,
      cpuMicrosPerQuery: f1.cpuMicrosPerCall,
      upstreamCallsPerQuery: 1,
    });
  }

  const answers: Record<string, string> = {};
  for (const q of A_QUERIES) {
    log(`${q.name}: counts, equality, waterfall …`);
    const probe = await probeCounts(ctx, q);
    answers[`/${q.name}`] = probe.gatewayAnswer;
    checks.push(...probe.checks);
    const f2Probe = await probeF2(ctx, q, probe.gatewayAnswer);
    checks.push(...f2Probe.checks, ...(await probeResponseCache(ctx, q, probe.gatewayAnswer)));
    log(`${q.name}: load (F3, cold, warm at c=1 and c=32, alternated) …`);
    const load = await loadRuns(ctx, q);
    rows.push(...load.rows, ...f2Probe.rows, ...probe.rows);
    checks.push(...load.checks);
    if (q.name === 'a.one-country') {
      log(`${q.name}: the peer (Hive Gateway + Mesh over the DVS spec) against F3 …`);
      const peer = await peerRuns(env, f3);
      rows.push(...peer.rows);
      checks.push(...peer.checks);
    }
  }

  const answersFile = join(tmpdir(), `dtgw-bench-answers-${process.pid}.json`);
  writeFileSync(answersFile, JSON.stringify(answers));
  const f0 = await env.spawn<Served>('F0 raw-http', SERVER_CORE, 'bench/floors/raw-http.ts', {
    BENCH_ANSWERS_FILE: answersFile,
  });
  for (const q of A_QUERIES) {
    const target = { ...gatewayRequest(ctx, q, false), url: `${f0.ready.url}/${q.name}` };
    await runLoad(target, 32, warmupSeconds);
    const cpuBefore = f0.cpuMicros();
    const load = await runLoad(target, 32, seconds);
    const cpu = (f0.cpuMicros() - cpuBefore) / Math.max(1, load.requests);
    const at = rows.findIndex((r) => r.scenario === q.name);
    rows.splice(at, 0, {
      scenario: q.name,
      variant: 'F0 raw-http c=32',
      ...load,
      cpuMicrosPerQuery: cpu,
      ratio: 'ceiling',
    });
  }
  await Promise.all([gateway.stop(), cached.stop(), f3.stop(), f2.stop(), f0.stop()]);
  return { rows, checks };
}

export const catalogueScenario: BenchScenario = { letter: 'a', title: 'catalogue depth 3', run };
