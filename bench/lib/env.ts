import type { BenchArgs } from './args.js';
import type { BenchProcess } from './processes.js';
import type { Check, Row } from './report.js';
import type { UpstreamControl } from './upstream-control.js';

/** Cores on this 2-core machine: the load generator and the upstream on one, the measured server on the other. */
export const LOAD_CORE = 0;
export const SERVER_CORE = 1;

export interface SandboxReady {
  url: string;
  countersUrl: string;
}

/** What every scenario gets from the orchestrator. */
export interface BenchEnv {
  args: BenchArgs;
  /** Length of one measured window, and of a warm-up. */
  seconds: number;
  warmupSeconds: number;
  log(text: string): void;
  /** Spawns a pinned process (tsx entry, extra node flags such as `--expose-gc`), stopped when the run ends. */
  spawn<Ready>(
    name: string,
    core: number,
    entry: string,
    env: Record<string, string>,
    nodeArgs?: readonly string[],
  ): Promise<BenchProcess<Ready>>;
  /** The shared DT One sandbox (DVS under /v1), its counters and fault control. */
  sandbox: BenchProcess<SandboxReady>;
  upstream: UpstreamControl;
  /** DTONE_* variables pointing a gateway or a floor at the sandbox. */
  dvsEnv: Record<string, string>;
  credentials: { apiKey: string; apiSecret: string };
}

export interface ScenarioResult {
  rows: Row[];
  checks: Check[];
}

export interface BenchScenario {
  /** The letter `--only` selects it by (PERFORMANCE.md §4). */
  letter: string;
  title: string;
  run(env: BenchEnv): Promise<ScenarioResult>;
}
