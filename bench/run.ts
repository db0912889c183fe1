/**
 * `npm run bench`: scenario (a), catalogue depth 3, against its floors (docs: /work/shared/PERFORMANCE.md §3–§4).
 * Processes: sandbox (core 0), gateway, F3 and F0 (core 1), this orchestrator with autocannon and F1 (core 0).
 * Prints one table, writes it as JSON to bench/results/<iso>.json; `--ci` exits 1 only on count regressions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureUndiciCall } from './floors/undici-call.js';
import { freshStoreWithKey } from './lib/api-key.js';
import { parseArgs } from './lib/args.js';
import { runLoad } from './lib/load.js';
import { type BenchProcess, pinSelf, spawnPinned } from './lib/processes.js';
import { type Check, type Row, renderChecks, renderTable } from './lib/report.js';
import { upstreamControl } from './lib/upstream-control.js';
import { loadRuns } from './scenarios/a-load.js';
import { probeCounts } from './scenarios/a-probes.js';
import { A_QUERIES, gatewayRequest, type ScenarioContext, type Served } from './scenarios/a-setup.js';

const args = parseArgs(process.argv.slice(2));
const seconds = args.quick ? 3 : 8;
const warmupSeconds = args.quick ? 1 : 3;
const LOAD_CORE = 0;
const SERVER_CORE = 1;
const credentials = { apiKey: 'bench-key', apiSecret: 'bench-secret' };

const log = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};
const processes: BenchProcess<unknown>[] = [];
const stopAll = () => Promise.all(processes.splice(0).map((p) => p.stop()));
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

async function main(): Promise<{ rows: Row[]; checks: Check[] }> {
  pinSelf(LOAD_CORE);
  const rows: Row[] = [];
  const checks: Check[] = [];
  if (args.only.length > 0 && !args.only.includes('a')) return { rows, checks };

  log('starting sandbox, gateway and F3 …');
  const sandbox = await spawnPinned<{ url: string; countersUrl: string }>(
    'sandbox',
    LOAD_CORE,
    'bench/entries/sandbox.ts',
    {
      BENCH_SANDBOX_KEY: credentials.apiKey,
      BENCH_SANDBOX_SECRET: credentials.apiSecret,
    },
  );
  processes.push(sandbox);
  const dvsEnv = {
    DTONE_BASE_URL: `${sandbox.ready.url}/v1`,
    DTONE_API_KEY: credentials.apiKey,
    DTONE_API_SECRET: credentials.apiSecret,
  };
  const { dataDir, apiKey } = await freshStoreWithKey();
  const [gateway, f3] = await Promise.all([
    spawnPinned<Served>('gateway', SERVER_CORE, 'bench/entries/gateway.ts', {
      ...dvsEnv,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
    }),
    spawnPinned<Served>('F3 rest-compose', SERVER_CORE, 'bench/floors/rest-compose.ts', dvsEnv),
  ]);
  processes.push(gateway, f3);
  const upstream = upstreamControl(sandbox.ready.url, sandbox.ready.countersUrl);
  const ctx: ScenarioContext = { gateway, f3, sandbox, apiKey, upstream, seconds, warmupSeconds };

  log(`F1 undici-call (${seconds} s each) …`);
  const authorization = `Basic ${Buffer.from(`${credentials.apiKey}:${credentials.apiSecret}`).toString('base64')}`;
  for (const inFlight of [1, 16]) {
    const f1 = await measureUndiciCall(
      `${sandbox.ready.url}/v1/operators?country_iso_code=PHL&per_page=100`,
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
    log(`${q.name}: load (F3, cold, warm at c=1 and c=32, alternated) …`);
    const load = await loadRuns(ctx, q);
    rows.push(...load.rows, ...probe.rows);
    checks.push(...load.checks);
  }

  const answersFile = join(tmpdir(), `dtgw-bench-answers-${process.pid}.json`);
  writeFileSync(answersFile, JSON.stringify(answers));
  const f0 = await spawnPinned<Served>('F0 raw-http', SERVER_CORE, 'bench/floors/raw-http.ts', {
    BENCH_ANSWERS_FILE: answersFile,
  });
  processes.push(f0);
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
  return { rows, checks };
}

try {
  const started = new Date();
  const { rows, checks } = await main();
  const result = { startedAt: started.toISOString(), quick: args.quick, node: process.version, rows, checks };
  mkdirSync('bench/results', { recursive: true });
  const file = join('bench/results', `${started.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${renderTable(rows)}\n\n${renderChecks(checks)}\n\nwritten to ${file}\n`);
  await stopAll();
  const failed = checks.filter((c) => !c.ok && !c.informational);
  process.exit(args.ci && failed.length > 0 ? 1 : 0);
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  for (const p of processes) process.stderr.write(`--- ${p.name} output ---\n${p.output().slice(-2000)}\n`);
  await stopAll();
  process.exit(2);
}
