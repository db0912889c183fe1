import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const READY = 'BENCH_READY ';
const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

export interface BenchProcess<Ready> {
  name: string;
  pid: number;
  ready: Ready;
  /** user + system CPU time the process has used so far, in µs (resolution: one clock tick). */
  cpuMicros(): number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript entry (through tsx; a `.js`/`.mjs` entry with plain node) as its own process pinned to `core`;
 * resolves once it prints `BENCH_READY <json>`. taskset execs node, so the child's pid is the measured process.
 */
export async function spawnPinned<Ready>(
  name: string,
  core: number,
  entry: string,
  env: Record<string, string>,
  nodeArgs: readonly string[] = [],
): Promise<BenchProcess<Ready>> {
  const child: ChildProcess = spawn(
    'taskset',
    [
      '-c',
      String(core),
      process.execPath,
      ...cpuProfArgs(name, entry),
      ...nodeArgs,
      ...(/\.m?js$/.test(entry) ? [] : ['--import', 'tsx']),
      entry,
    ],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith(READY));
      if (line) resolve(JSON.parse(line.slice(READY.length)) as Ready);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    void exited.then(() => reject(new Error(`${name} exited before it was ready:\n${output}`)));
  });
  const pid = child.pid!;
  return {
    name,
    pid,
    ready,
    cpuMicros: () => cpuMicrosOf(pid),
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * With `BENCH_CPU_PROF_DIR` set, each gateway writes V8 CPU profiles when it exits (on `stop()`'s SIGTERM: the entry
 * exits normally) into a folder named after the process, e.g. `<dir>/gateway-response-cache-1733/`, so issue #17's
 * missed targets can be explained from a profile. One file per thread: node's default name ends in
 * `.<pid>.<thread>.<seq>.cpuprofile`, thread 0 is the gateway (others are tsx's loader). Floors, load generators and
 * the sandbox are not profiled. `BENCH_CPU_PROF_INTERVAL_US` samples more often than node's 1 ms (a broadcast's
 * burst lasts about 100 ms).
 */
function cpuProfArgs(name: string, entry: string): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  if (!dir || !entry.endsWith('entries/gateway.ts')) return [];
  const interval = process.env.BENCH_CPU_PROF_INTERVAL_US;
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}/${name.replace(/[^\w.-]+/g, '-')}-${Date.now()}`,
    ...(interval ? [`--cpu-prof-interval=${interval}`] : []),
  ];
}

/** utime + stime from `/proc/<pid>/stat` (fields 14 and 15, counted after the parenthesised command name). */
export function cpuMicrosOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
}

/** Pins this process (the orchestrator and its load generator) to one core. */
export function pinSelf(core: number): void {
  execFileSync('taskset', ['-cp', String(core), String(process.pid)], { stdio: 'ignore' });
}
