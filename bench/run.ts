/**
 * `npm run bench` (PERFORMANCE.md §3–§4): every scenario against its floors, side by side in one run.
 * The orchestrator starts one sandbox (the upstream, on the load core), then each selected scenario, which starts
 * its own gateway(s) and floors as pinned processes. Prints one table, writes it as JSON to
 * bench/results/<iso>.json; `--ci` exits 1 only on count regressions (calls, depth, loss, memory), never on speed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './lib/args.js';
import { type BenchEnv, type BenchScenario, LOAD_CORE, type SandboxReady } from './lib/env.js';
import { type BenchProcess, pinSelf, spawnPinned } from './lib/processes.js';
import { type Check, type Row, renderChecks, renderTable } from './lib/report.js';
import { upstreamControl } from './lib/upstream-control.js';
import { catalogueScenario } from './scenarios/a-catalogue.js';
import { mutationsScenario } from './scenarios/b-mutations.js';
import { fanoutScenario } from './scenarios/c-fanout.js';
import { memoryScenario } from './scenarios/d-memory.js';
import { scaleOutScenario } from './scenarios/e-scale-out.js';
import { noisyNeighbourScenario } from './scenarios/f-noisy-neighbour.js';
import { webhooksScenario } from './scenarios/g-webhooks.js';

const SCENARIOS: readonly BenchScenario[] = [
  catalogueScenario,
  mutationsScenario,
  scaleOutScenario,
  fanoutScenario,
  memoryScenario,
  noisyNeighbourScenario,
  webhooksScenario,
];

const args = parseArgs(process.argv.slice(2), SCENARIOS);
const credentials = { apiKey: 'bench-key', apiSecret: 'bench-secret' };
const log = (text: string) => {
  if (!args.json) process.stderr.write(`${text}\n`);
};
const processes: BenchProcess<unknown>[] = [];
const stopAll = () => Promise.all(processes.splice(0).map((p) => p.stop()));
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

const spawn: BenchEnv['spawn'] = async (name, core, entry, env, nodeArgs) => {
  const child = await spawnPinned<never>(name, core, entry, env, nodeArgs);
  processes.push(child);
  return child;
};

async function main(): Promise<{ rows: Row[]; checks: Check[] }> {
  pinSelf(LOAD_CORE);
  const selected = SCENARIOS.filter((s) => args.only.length === 0 || args.only.includes(s.letter));
  const unknown = args.only.filter((letter) => !SCENARIOS.some((s) => s.letter === letter));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}`);
  // The gateway and the floors made of its code run from dist/, as `npm start` does (lib/built.ts).
  log('building dist/ (npm run build) …');
  execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
  log('starting the sandbox …');
  const sandbox = await spawn<SandboxReady>('sandbox', LOAD_CORE, 'bench/entries/sandbox.ts', {
    BENCH_SANDBOX_KEY: credentials.apiKey,
    BENCH_SANDBOX_SECRET: credentials.apiSecret,
  });
  const env: BenchEnv = {
    args,
    seconds: args.quick ? 3 : 8,
    warmupSeconds: args.quick ? 1 : 3,
    log,
    spawn,
    sandbox,
    upstream: upstreamControl(sandbox.ready.url, sandbox.ready.countersUrl),
    dvsEnv: {
      DTONE_BASE_URL: `${sandbox.ready.url}/v1`,
      DTONE_API_KEY: credentials.apiKey,
      DTONE_API_SECRET: credentials.apiSecret,
      DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    },
    credentials,
  };
  const rows: Row[] = [];
  const checks: Check[] = [];
  for (const scenario of selected) {
    log(`— (${scenario.letter}) ${scenario.title}`);
    const result = await scenario.run(env);
    rows.push(...result.rows);
    checks.push(...result.checks);
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
