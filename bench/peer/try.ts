/**
 * Runs only the peer's part of scenario (a): `npx tsx bench/peer/try.ts [--quick]`. Starts the sandbox and F3 as
 * run.ts does, calls peerRuns, prints the rows and checks.
 */
import { parseArgs } from '../lib/args.js';
import { type BenchEnv, LOAD_CORE, type SandboxReady, SERVER_CORE } from '../lib/env.js';
import { type BenchProcess, pinSelf, spawnPinned } from '../lib/processes.js';
import { renderChecks, renderTable } from '../lib/report.js';
import { upstreamControl } from '../lib/upstream-control.js';
import { peerRuns } from '../scenarios/a-peer.js';
import type { Served } from '../scenarios/a-setup.js';

const args = parseArgs(process.argv.slice(2), [
  { letter: 'a', title: 'the peer beside our gateway on the one-country query' },
]);
const credentials = { apiKey: 'bench-key', apiSecret: 'bench-secret' };
const processes: BenchProcess<unknown>[] = [];
const spawn: BenchEnv['spawn'] = async (name, core, entry, env, nodeArgs) => {
  const child = await spawnPinned<never>(name, core, entry, env, nodeArgs);
  processes.push(child);
  return child;
};

pinSelf(LOAD_CORE);
const started = performance.now();
try {
  const sandbox = await spawn<SandboxReady>('sandbox', LOAD_CORE, 'bench/entries/sandbox.ts', {
    BENCH_SANDBOX_KEY: credentials.apiKey,
    BENCH_SANDBOX_SECRET: credentials.apiSecret,
  });
  const dvsEnv = {
    DTONE_BASE_URL: `${sandbox.ready.url}/v1`,
    DTONE_API_KEY: credentials.apiKey,
    DTONE_API_SECRET: credentials.apiSecret,
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  };
  const env: BenchEnv = {
    args,
    seconds: args.quick ? 3 : 8,
    warmupSeconds: args.quick ? 1 : 3,
    log: (text) => process.stderr.write(`${text}\n`),
    spawn,
    sandbox,
    upstream: upstreamControl(sandbox.ready.url, sandbox.ready.countersUrl),
    dvsEnv,
    credentials,
  };
  const f3 = await spawn<Served>('F3 rest-compose', SERVER_CORE, 'bench/floors/rest-compose.ts', dvsEnv);
  const partStarted = performance.now();
  const { rows, checks } = await peerRuns(env, f3);
  process.stdout.write(`${renderTable(rows)}\n\n${renderChecks(checks)}\n`);
  process.stdout.write(
    `\npeerRuns took ${((performance.now() - partStarted) / 1000).toFixed(1)} s (whole try ${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
  );
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  for (const p of processes) process.stderr.write(`--- ${p.name} ---\n${p.output().slice(-2000)}\n`);
  process.exitCode = 1;
} finally {
  await Promise.all(processes.map((p) => p.stop()));
}
