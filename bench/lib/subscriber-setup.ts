/** What scenarios (c) and (d) share: the watched subscription, a gateway set up for callbacks, small statistics. */
import { request } from 'undici';
import { freshStoreWithKey } from './api-key.js';
import { type BenchEnv, LOAD_CORE, SERVER_CORE } from './env.js';
import type { BenchProcess } from './processes.js';
import { subscriberControl } from './subscriber-control.js';

export interface Served {
  url: string;
}

// The fan-out scenarios follow each top-up through its reversal: past COMPLETED, until REVERSED.
export const WATCH = /* GraphQL */ `
  subscription ($id: ID!) {
    transactionUpdated(id: $id, followReversal: true) { id status statusClass updatedAt }
  }
`;

/** The deployment secret the callback tokens are derived from, so that this process can address callbacks. */
export const CALLBACK_SECRET = 'bench-callback-secret-of-at-least-32-characters';

/**
 * A live-mode gateway on the server core with a fresh store and key. The reconciler is held off (first poll and
 * interval of an hour) so that only the bench's callbacks move transactions. `BENCH_CPU_PROF=<dir>` writes a
 * `--cpu-prof` profile of it there when it stops. `prepare` writes into the store (its DATA_DIR) before the gateway
 * opens it, as an operator's CLI would.
 */
export async function startCallbackGateway(
  env: BenchEnv,
  dvsEnv: Record<string, string>,
  nodeArgs: readonly string[] = [],
  prepare?: (dataDir: string) => Promise<void>,
): Promise<{ gateway: BenchProcess<Served>; apiKey: string }> {
  const { dataDir, apiKey } = await freshStoreWithKey();
  await prepare?.(dataDir);
  const profiles = process.env.BENCH_CPU_PROF;
  const gateway = await env.spawn<Served>(
    'gateway',
    SERVER_CORE,
    'bench/entries/gateway.ts',
    {
      ...dvsEnv,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      CALLBACK_SECRET,
      RECONCILE_FIRST_POLL_MS: '3600000',
      RECONCILE_INTERVAL_MS: '3600000',
    },
    [...nodeArgs, ...(profiles ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [])],
  );
  return { gateway, apiKey };
}

/** The subscriber process, pinned on the load core. */
export async function startSubscribers(env: BenchEnv) {
  const process = await env.spawn<Served>('subscribers', LOAD_CORE, 'bench/entries/subscribers.ts', {});
  return { process, control: subscriberControl(process.ready.url) };
}

export interface Memory {
  rss: number;
  heapUsed: number;
  gcExposed: boolean;
}

/** `process.memoryUsage()` of a bench server after two full GCs (`GET /__bench/memory`). */
export async function memoryOf(serverUrl: string): Promise<Memory> {
  const res = await request(`${serverUrl}/__bench/memory`);
  return (await res.body.json()) as Memory;
}

/** The p-th percentile (0..100) of `values` (sorted here), or NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
